"""The tenancy gate, walked: every customer-object URL answers 404 to other customers.

Each URL of the portal that takes an identifier is listed in TENANT_URLS with a
way to build it for an object of Alfa; a new such URL that is not listed fails
the first test, so no route escapes the walk.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clientdesk.accounts.models import Membership
from clientdesk.core import grants as G
from clientdesk.orders.models import Order
from tests.factories import MembershipFactory
from tests.orders.factories import OrderFactory
from tests.support.factories import AttachmentFactory, SupportRequestFactory

# URL names that take an identifier but show no customer data of an account.
NOT_CUSTOMER_DATA = {
    "invitation_accept",  # the token is the secret; tested in test_company_users
    "set_language",
}
# Prefixes of URL names outside the customer portal (staff, identity, API docs).
OTHER_NAMESPACES = ("admin:", "backoffice:", "support_staff:", "api-v1:", "kb:")


def build_company_users(alfa, alfa_admin):
    return reverse("company_users", args=[alfa.public_id])


def build_company_member(alfa, alfa_admin):
    member = Membership.objects.get(user=alfa_admin)
    return reverse("company_member", args=[alfa.public_id, member.pk])


def build_company_member_revoke(alfa, alfa_admin):
    member = Membership.objects.get(user=alfa_admin)
    return reverse("company_member_revoke", args=[alfa.public_id, member.pk])


def build_order_detail(alfa, alfa_admin):
    return reverse("orders:detail", args=[OrderFactory(account=alfa).public_id])


def build_order_live(alfa, alfa_admin):
    return reverse("orders:live", args=[OrderFactory(account=alfa).public_id])


def build_support(name):
    def build(alfa, alfa_admin):
        support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
        return reverse(f"support:{name}", args=[support_request.number])

    return build


def build_support_attachment(alfa, alfa_admin):
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    attachment = AttachmentFactory(request=support_request)
    return reverse("support:attachment", args=[support_request.number, attachment.public_id])


TENANT_URLS = {
    "company_users": (build_company_users, "get"),
    "company_member": (build_company_member, "get"),
    "company_member_revoke": (build_company_member_revoke, "post"),
    "orders:detail": (build_order_detail, "get"),
    "orders:live": (build_order_live, "get"),
    "support:detail": (build_support("detail"), "get"),
    "support:reply": (build_support("reply"), "post"),
    "support:cancel": (build_support("cancel"), "post"),
    "support:reopen": (build_support("reopen"), "post"),
    "support:rate": (build_support("rate"), "post"),
    "support:attachment": (build_support_attachment, "get"),
}


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from walk(pattern, prefix + namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern


def test_every_url_with_an_identifier_is_walked():
    allauth_names = {"account_", "mfa_", "usersessions_", "socialaccount_"}
    with_identifier = {
        name
        for name, pattern in walk(get_resolver())
        if pattern.pattern.converters
        and not name.startswith(OTHER_NAMESPACES)
        and not any(name.startswith(prefix) for prefix in allauth_names)
    }
    assert with_identifier - NOT_CUSTOMER_DATA == set(TENANT_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TENANT_URLS))
def test_another_customers_user_gets_404(
    client, name, alfa, alfa_admin, beta_user, settings, tmp_path
):
    settings.VAR_DIR = tmp_path  # where private files (request attachments) are written
    build, method = TENANT_URLS[name]
    url = build(alfa, alfa_admin)
    client.force_login(alfa_admin)
    if method == "get":
        assert client.get(url).status_code == 200
    client.force_login(beta_user)
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.django_db
def test_a_list_sees_exactly_what_the_gate_lets_through(alfa, alfa_admin, alfa_limited, beta_user):
    OrderFactory.create_batch(2, account=alfa)
    beta = beta_user.memberships.get().account
    OrderFactory(account=beta)
    # Alfa's admin on Beta too, but without the orders grant there.
    MembershipFactory(user=alfa_admin, account=beta, grant_requests=True)
    for user in (alfa_admin, alfa_limited, beta_user):
        listed = set(Order.objects.listed_for(user, G.ORDERS))
        assert listed == set(Order.objects.visible_to(user, G.ORDERS)), user
    assert {o.account for o in Order.objects.listed_for(alfa_admin, G.ORDERS)} == {alfa}
    assert not Order.objects.listed_for(alfa_limited, G.INVOICES).exists()
