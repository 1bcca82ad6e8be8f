"""The dashboard tells what waits, each count linked to its filtered list, in fixed queries."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clientdesk.backoffice import roles
from clientdesk.orders.models import Order
from clientdesk.support.models import Status
from tests.billing.factories import issue
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import AccessRequestFactory, MembershipFactory, UserFactory
from tests.orders.factories import OrderFactory
from tests.support.factories import SupportRequestFactory


def fill(account, user, n: int) -> None:
    """n of each thing that waits, and as many that do not."""
    for i in range(n):
        SupportRequestFactory(account=account, requester=user, status=Status.WAITING)
        SupportRequestFactory(account=account, requester=user, status=Status.CLOSED)
        OrderFactory(account=account, status=Order.Status.SHIPPED)
        OrderFactory(account=account, status=Order.Status.DELIVERED)
        issue(account)
        AccessRequestFactory(user=user, customer_number=f"C-9{i:05d}", account=None)
        signature_request_for(ContractFactory(account=account), [("sign", user)])


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_customer_sees_what_waits_for_them_each_linked_to_its_list(client):
    ana = MembershipFactory(all_grants=True).user
    fill(ana.memberships.get().account, ana, 2)

    html = dashboard(client, ana)

    assert "2 requests wait for your answer" in html
    assert f'href="{reverse("support:list")}?status=waiting"' in html
    assert "2 orders on their way" in html
    assert f'href="{reverse("orders:list")}?status=on_the_way"' in html
    assert "Your access request for customer C-900001 waits for our decision" in html
    assert "open" in html  # the Invoices tile's balance
    listed = client.get(f"{reverse('support:list')}?status=waiting").content.decode()
    assert listed.count("Waiting for your reply") >= 2


@pytest.mark.django_db
def test_a_customer_without_the_grant_is_not_counted_what_they_may_not_see(client, alfa):
    mihai = MembershipFactory(account=alfa, grant_orders=True).user
    SupportRequestFactory(account=alfa, status=Status.WAITING)
    OrderFactory(account=alfa, status=Order.Status.SHIPPED)

    html = dashboard(client, mihai)

    assert "wait for your answer" not in html
    assert "1 order on its way" in html


@pytest.mark.django_db
def test_nothing_waiting_says_so(client):
    assert "Nothing waits for you right now." in dashboard(client, UserFactory())


@pytest.mark.django_db
def test_a_customers_dashboard_reads_the_same_queries_with_much_data_or_little(
    client, django_assert_num_queries
):
    little = MembershipFactory(all_grants=True).user
    much = MembershipFactory(all_grants=True).user
    fill(little.memberships.get().account, little, 1)
    fill(much.memberships.get().account, much, 12)

    client.force_login(little)
    with CaptureQueriesContext(connection) as read:
        client.get(reverse("dashboard"))
    client.force_login(much)
    with django_assert_num_queries(len(read.captured_queries)):
        html = client.get(reverse("dashboard")).content.decode()

    assert "12 requests wait for your answer" in html
    assert "12 contracts wait for your signature" in html
    assert len(read.captured_queries) <= 15


def staff(role: str):
    user = UserFactory(is_staff=True, language="en")
    user.groups.set([Group.objects.get(name=role)])
    return user


@pytest.mark.django_db
def test_staff_see_their_queues_what_is_due_soon_or_late_and_access_requests(client):
    agent = staff(roles.SUPPORT_AGENT)
    now = timezone.now()
    SupportRequestFactory(first_response_due=now - timedelta(hours=1))  # late
    SupportRequestFactory(first_response_due=now + timedelta(minutes=30))  # due soon
    SupportRequestFactory(status=Status.RESOLVED, resolved_at=now)  # done: not counted
    html = dashboard(client, agent)

    assert "2 open requests in Customer support" in html
    assert "1 request past its target" in html
    assert "status=open" in html
    assert "overdue=on" in html
    queue = client.get(f"{reverse('support_staff:queue')}?queue=mine&status=open&due_soon=on")
    assert queue.status_code == 200
    assert queue.context["page"].paginator.count == 1

    representative = staff(roles.CONTRACTS_REPRESENTATIVE)
    AccessRequestFactory()
    assert "1 access request waits for a decision" in dashboard(client, representative)
    assert "waits for a decision" not in dashboard(client, agent)


@pytest.mark.django_db
def test_a_staff_dashboard_reads_the_same_queries_with_much_data_or_little(
    client, django_assert_num_queries
):
    agent = staff(roles.SUPPORT_AGENT)
    SupportRequestFactory()
    AccessRequestFactory()
    client.force_login(agent)
    client.get(reverse("dashboard"))  # the session learns the (no) grants once
    with CaptureQueriesContext(connection) as read:
        client.get(reverse("dashboard"))

    for _ in range(15):
        SupportRequestFactory(first_response_due=timezone.now() - timedelta(hours=1))
        AccessRequestFactory()
    with django_assert_num_queries(len(read.captured_queries)):
        html = client.get(reverse("dashboard")).content.decode()

    assert "16 open requests in Customer support" in html


@pytest.mark.django_db
def test_a_signature_or_approval_whose_turn_is_the_users_waits_on_their_dashboard(client):
    ana = MembershipFactory(all_grants=True).user
    account = ana.memberships.get().account
    colleague = MembershipFactory(account=account, all_grants=True).user
    signature_request_for(ContractFactory(account=account), [("sign", ana)])
    signature_request_for(ContractFactory(account=account), [("approve", ana), ("sign", colleague)])
    # Ana signs this one only after her colleague approves it: not her turn yet.
    signature_request_for(ContractFactory(account=account), [("approve", colleague), ("sign", ana)])

    html = dashboard(client, ana)

    assert "1 contract waits for your signature" in html
    assert "1 contract waits for your approval" in html
    assert f'href="{reverse("contracts:signatures")}?role=sign"' in html
    assert f'href="{reverse("contracts:signatures")}?role=approve"' in html
    assert "waits for your" not in dashboard(client, MembershipFactory(account=account).user)
