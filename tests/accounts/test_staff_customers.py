"""The staff's customer pages: who sees them, who changes memberships, what it records."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.accounts import services
from clientdesk.accounts.events import AccessEvent
from clientdesk.accounts.models import Invitation, Membership
from clientdesk.backoffice import roles
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event
from tests.factories import (
    AccessRequestFactory,
    CustomerAccountFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
VIEWERS = [roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.BILLING, roles.VENDOR_ADMIN]


def staff(role):
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=role)])
    return user


def detail(account):
    return reverse("backoffice:customer_detail", args=[account.public_id])


def test_the_list_finds_accounts_by_number_name_or_tax_id(client):
    client.force_login(staff(roles.BILLING))
    CustomerAccountFactory(number="C-777001", name="Gamma Metal SRL", tax_id="RO14399840")
    CustomerAccountFactory(number="C-777002", name="Delta Trans SA")
    url = reverse("backoffice:customers")

    def numbers(q):
        return [a.number for a in client.get(url, {"q": q}).context["page"].rows]

    assert numbers("777001") == ["C-777001"]
    assert numbers("delta") == ["C-777002"]
    assert numbers("14399840") == ["C-777001"]
    assert "ERP" in client.get(url).content.decode()


def test_the_list_pages_by_keyset_at_a_fixed_query_count(client, django_assert_num_queries):
    client.force_login(staff(roles.SUPPORT_AGENT))
    url = reverse("backoffice:customers")
    CustomerAccountFactory.create_batch(3)
    client.get(url)
    with django_assert_num_queries(6) as few:
        client.get(url)
    CustomerAccountFactory.create_batch(60)
    with django_assert_num_queries(len(few.captured_queries)):
        first = client.get(url)
    page = first.context["page"]
    assert len(page.rows) == 25
    second = client.get(url, {"after": page.next_cursor}).context["page"]
    assert not {a.pk for a in page.rows} & {a.pk for a in second.rows}
    back = client.get(url, {"before": second.previous_cursor}).context["page"]
    assert [a.pk for a in back.rows] == [a.pk for a in page.rows]
    assert client.get(url, {"after": "not-a-cursor"}).status_code == 200


def test_the_account_page_shows_members_grants_invitations_and_access_requests(
    client, alfa, alfa_admin, django_assert_num_queries
):
    client.force_login(staff(roles.CONTRACTS_REPRESENTATIVE))
    services.invitation_create(
        actor=Actor.of_user(alfa_admin), account=alfa, email="nou@alfa.example", grants=[G.ORDERS]
    )
    AccessRequestFactory(account=alfa, customer_number=alfa.number)
    client.get(detail(alfa))
    with django_assert_num_queries(8) as few:
        page = client.get(detail(alfa)).content.decode()
    assert alfa_admin.email in page
    assert "nou@alfa.example" in page
    assert alfa.number in page
    MembershipFactory.create_batch(4, account=alfa, grant_orders=True)
    AccessRequestFactory.create_batch(3, account=alfa, customer_number=alfa.number)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(detail(alfa))
    # The contracts representative changes no membership: no link to a page that says 403.
    assert "/members/" not in page


@pytest.mark.parametrize("role", VIEWERS)
def test_every_role_that_views_customers_is_served(client, alfa, role):
    client.force_login(staff(role))
    assert client.get(reverse("backoffice:customers")).status_code == 200
    assert client.get(detail(alfa)).status_code == 200


def test_a_vendor_admin_changes_grants_and_the_event_names_them(client, alfa, alfa_limited):
    admin = staff(roles.VENDOR_ADMIN)
    client.force_login(admin)
    membership = alfa_limited.memberships.get()
    url = reverse("backoffice:customer_member", args=[alfa.public_id, membership.pk])

    response = client.post(url, {"grants": [G.INVOICES, G.REQUESTS]})

    assert response["Location"] == detail(alfa)
    assert Membership.objects.get(pk=membership.pk).grants == [G.REQUESTS, G.INVOICES]
    event = Event.objects.get(kind=AccessEvent.MEMBERSHIP_CHANGED)
    assert event.actor_user == admin
    assert event.data["after"] == [G.REQUESTS, G.INVOICES]


def test_a_vendor_admin_removes_a_member(client, alfa, alfa_limited):
    admin = staff(roles.VENDOR_ADMIN)
    client.force_login(admin)
    membership = alfa_limited.memberships.get()

    client.post(reverse("backoffice:customer_member_revoke", args=[alfa.public_id, membership.pk]))

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Event.objects.get(kind=AccessEvent.MEMBERSHIP_REVOKED).actor_user == admin


def test_a_vendor_admin_resends_and_withdraws_an_invitation(client, alfa, alfa_admin):
    admin = staff(roles.VENDOR_ADMIN)
    client.force_login(admin)
    invitation = services.invitation_create(
        actor=Actor.of_user(alfa_admin), account=alfa, email="nou@alfa.example", grants=[G.ORDERS]
    )
    old_hash = invitation.token_hash

    client.post(
        reverse("backoffice:customer_invitation_resend", args=[alfa.public_id, invitation.pk])
    )
    assert Invitation.objects.get(pk=invitation.pk).token_hash != old_hash
    client.post(
        reverse("backoffice:customer_invitation_revoke", args=[alfa.public_id, invitation.pk])
    )

    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    kinds = [AccessEvent.INVITATION_RESENT, AccessEvent.INVITATION_REVOKED]
    assert Event.objects.filter(kind__in=kinds, actor_user=admin).count() == 2


@pytest.mark.parametrize(
    "role", [roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.BILLING]
)
def test_roles_without_change_membership_cannot_change_grants(client, alfa, alfa_limited, role):
    client.force_login(staff(role))
    membership = alfa_limited.memberships.get()
    url = reverse("backoffice:customer_member", args=[alfa.public_id, membership.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"grants": [G.ADMIN]}).status_code == 403
    assert Membership.objects.get(pk=membership.pk).grants == [G.REQUESTS, G.ORDERS]


def test_the_user_page_shows_profile_memberships_roles_and_sessions(client, alfa, alfa_admin):
    client.force_login(staff(roles.SUPPORT_AGENT))
    UserSession.objects.create(
        user=alfa_admin, ip="192.0.2.7", session_key="k" * 32, user_agent="Firefox/140"
    )
    page = client.get(reverse("backoffice:user_detail", args=[alfa_admin.pk])).content.decode()
    assert alfa.name in page
    assert "192.0.2.7" in page
    agent = staff(roles.SUPPORT_AGENT)
    page = client.get(reverse("backoffice:user_detail", args=[agent.pk])).content.decode()
    assert roles.SUPPORT_AGENT in page


def test_billing_sees_accounts_but_not_user_pages_and_no_link_to_them(client, alfa, alfa_admin):
    client.force_login(staff(roles.BILLING))
    page = client.get(detail(alfa)).content.decode()
    assert reverse("backoffice:user_detail", args=[alfa_admin.pk]) not in page
    assert client.get(reverse("backoffice:user_detail", args=[alfa_admin.pk])).status_code == 403


def test_customers_and_anonymous_callers_do_not_reach_the_pages(client, alfa, alfa_admin):
    assert client.get(reverse("backoffice:customers")).status_code == 302
    client.force_login(alfa_admin)
    assert client.get(detail(alfa)).status_code in (302, 403)
