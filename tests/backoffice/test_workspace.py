"""The workspace's home offers each role its pages, and no staff page links to a 403."""

import re
from collections import deque

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.accounts import services as account_services
from clientdesk.backoffice import roles, workspace
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from tests.factories import AccessRequestFactory, MembershipFactory, UserFactory
from tests.kb.factories import ArticleFactory
from tests.support.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db
ROLES = [roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.BILLING, roles.VENDOR_ADMIN]
HREF = re.compile(r'href="(/(?:staff|admin)/[^"#]*)"')
CRAWL_LIMIT = 120


def staff(role):
    user = UserFactory(is_staff=True)
    if role is not None:
        user.groups.set([Group.objects.get(name=role)])
    return user


def home_links(client) -> set[str]:
    page = client.get(reverse("backoffice:home")).content.decode()
    return set(HREF.findall(page))


@pytest.mark.parametrize(
    ("role", "offered", "not_offered"),
    [
        (roles.SUPPORT_AGENT, ["support_staff:queue", "kb_staff:articles", "backoffice:customers"],
         ["backoffice:access_queue", "kb_staff:categories", "admin:index"]),
        (roles.CONTRACTS_REPRESENTATIVE, ["backoffice:access_queue", "contracts_staff:list"],
         ["kb_staff:articles", "support_staff:queue", "admin:index"]),
        (roles.BILLING, ["backoffice:access_queue", "support_staff:queue", "backoffice:customers"],
         ["kb_staff:articles", "contracts_staff:list", "admin:index"]),
        (roles.VENDOR_ADMIN, ["kb_staff:categories", "backoffice:outbox", "admin:index"], []),
        (None, ["backoffice:mail_preferences"], ["backoffice:customers", "admin:index"]),
    ],
)  # fmt: skip
def test_the_home_offers_each_role_its_pages(client, role, offered, not_offered):
    client.force_login(staff(role))
    links = home_links(client)
    assert {reverse(name) for name in offered} <= links
    assert not {reverse(name) for name in not_offered} & links


def test_the_home_counts_the_access_requests_waiting(client):
    AccessRequestFactory.create_batch(2)
    client.force_login(staff(roles.CONTRACTS_REPRESENTATIVE))
    assert (
        "2 requests waiting for a decision."
        in client.get(reverse("backoffice:home")).content.decode()
    )


def test_every_page_of_the_home_has_a_route():
    for page in workspace.PAGES:
        assert reverse(page.url_name)


@pytest.mark.parametrize(
    ("role", "queries"),
    # Session, user, permissions, the vendor, the navigation's grants; then the pending
    # access requests' count for who decides them, the group for the admin's tiles.
    [(roles.SUPPORT_AGENT, 5), (roles.CONTRACTS_REPRESENTATIVE, 6), (roles.BILLING, 6),
     (roles.VENDOR_ADMIN, 6), (None, 5)],
)  # fmt: skip
def test_the_home_costs_the_same_queries_whatever_waits(
    client, role, queries, django_assert_num_queries
):
    client.force_login(staff(role))
    client.get(reverse("backoffice:home"))
    with django_assert_num_queries(queries) as few:
        client.get(reverse("backoffice:home"))
    AccessRequestFactory.create_batch(3)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("backoffice:home"))


@pytest.fixture
def some_of_everything(alfa, alfa_admin, alfa_limited):
    account_services.invitation_create(
        actor=Actor.of_user(alfa_admin), account=alfa, email="nou@alfa.example", grants=[G.ORDERS]
    )
    AccessRequestFactory(account=alfa, customer_number=alfa.number)
    MembershipFactory(account=alfa, grant_invoices=True)
    ArticleFactory()
    SupportRequestFactory(account=alfa, requester=alfa_admin)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_no_link_on_a_staff_page_answers_403_to_the_role_that_sees_it(
    client, role, some_of_everything
):
    client.force_login(staff(role))
    queue, seen, refused = deque([reverse("backoffice:home")]), set(), []
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code == 403:
            refused.append(url)
        is_page = response.get("Content-Type", "").startswith("text/html")
        # The admin is Django's: its own links are checked once, not walked.
        if response.status_code == 200 and is_page and url.startswith("/staff/"):
            queue.extend(
                link.replace("&amp;", "&") for link in HREF.findall(response.content.decode())
            )
    assert refused == []
    assert len(seen) > (3 if role else 1)


@pytest.mark.parametrize("path", ["/staff/", "/staff/requests/", "/staff/customers/"])
def test_staff_pages_take_the_full_width(client, path):
    client.force_login(staff(roles.VENDOR_ADMIN))
    assert '<body class="layout-wide">' in client.get(path).content.decode()


def test_customer_pages_keep_the_portals_measure(client, alfa_admin):
    client.force_login(alfa_admin)
    assert "layout-wide" not in client.get(reverse("dashboard")).content.decode()
