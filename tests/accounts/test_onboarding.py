"""From an invitation to the company's portal, and the limits on asking and inviting."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.accounts import limits, services
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.models import AccessRequest, Invitation, Membership, User
from clientdesk.core import grants as G
from clientdesk.core.models import Event, OutboundEmail
from tests.accounts.test_services import as_user, refused
from tests.accounts.test_signup import VALID
from tests.factories import CustomerAccountFactory, UserFactory

INVITED = "nou.coleg@alfa.example"


def invite(admin, account, email=INVITED) -> Invitation:
    return services.invitation_create(
        actor=as_user(admin), account=account, email=email, grants=[G.ORDERS, G.REQUESTS]
    )


def confirmation_link(to: str) -> str:
    mail = OutboundEmail.objects.filter(to=to, template__contains="email_confirmation").get()
    return re.search(r"http://testserver(/\S*confirm-email/\S+/)", mail.body_text).group(1)


def sign_up_from(client: Client, invitation: Invitation, **changes) -> None:
    assert client.get(reverse("invitation_accept", args=[invitation.link_token])).status_code == 200
    data = {**VALID, "email": INVITED, **changes}
    assert client.post(reverse("account_signup"), data).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_newcomer_signs_up_from_an_invitation_and_lands_in_the_company_after_confirming(
    client, alfa_admin, alfa
):
    invitation = invite(alfa_admin, alfa)
    page = client.get(reverse("invitation_accept", args=[invitation.link_token])).content.decode()
    assert reverse("account_signup") in page
    form = client.get(reverse("account_signup")).context["form"]
    assert (form["email"].value(), form.fields["email"].disabled) == (INVITED, True)

    client.post(reverse("account_signup"), {**VALID, "email": INVITED})
    user = User.objects.get(email=INVITED)
    assert not Membership.objects.filter(user=user).exists()  # not before the address is proved
    confirm = confirmation_link(INVITED)
    response = client.post(confirm)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert Membership.objects.get(user=user, account=alfa).grants == [G.REQUESTS, G.ORDERS]
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.wsgi_request.user == user  # signed in by the confirmation
    assert alfa.name in dashboard.content.decode()
    assert Event.objects.about(user).filter(kind="membership.granted").exists()


@pytest.mark.django_db(transaction=True)
def test_the_invited_address_is_kept_whatever_the_sign_up_form_sends(client, alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    client.get(reverse("invitation_accept", args=[invitation.link_token]))
    client.get(reverse("account_signup") + "?email=other@gamma.example")
    client.post(reverse("account_signup"), {**VALID, "email": "other@gamma.example"})
    assert User.objects.filter(email=INVITED).exists()
    assert not User.objects.filter(email="other@gamma.example").exists()


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_link_opened_in_another_browser_confirms_without_signing_in(
    client, alfa_admin, alfa
):
    sign_up_from(client, invite(alfa_admin, alfa))
    confirm = confirmation_link(INVITED)
    elsewhere = Client()
    response = elsewhere.post(confirm)
    assert response["Location"] != reverse("dashboard")
    assert not elsewhere.get(reverse("dashboard")).wsgi_request.user.is_authenticated
    # The invitation waits for its link: nothing was accepted by an address alone.
    assert not Membership.objects.filter(user__email=INVITED).exists()


@pytest.mark.django_db(transaction=True)
def test_a_plain_sign_up_is_signed_in_on_confirmation_with_no_company(client):
    client.post(reverse("account_signup"), VALID)
    confirm = confirmation_link(VALID["email"])
    assert client.post(confirm)["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).wsgi_request.user.email == VALID["email"]
    assert not Membership.objects.exists()


# --- access requests ------------------------------------------------------------------------


def ask(client, number):
    return client.post(
        reverse("access_new"),
        {
            "customer_number": number,
            "proof_kind": AccessRequest.ProofKind.INVOICE,
            "proof_number": "CTS-1",
            "areas": ["invoices"],
        },
    )


@pytest.mark.django_db
def test_the_access_form_says_plainly_that_a_number_does_not_exist(client):
    client.force_login(UserFactory())
    response = ask(client, "C-404404")
    assert response.status_code == 200
    assert response.context["form"].errors["customer_number"] == [
        str(AccountError.UNKNOWN_NUMBER.label)
    ]
    assert not AccessRequest.objects.exists()


@pytest.mark.django_db
def test_a_pending_request_shows_the_number_but_not_the_company_until_granted(client, alfa):
    newcomer = UserFactory()
    client.force_login(newcomer)
    assert ask(client, alfa.number).status_code == 302
    page = client.get(reverse("access_list")).content.decode()
    assert alfa.number in page and alfa.name not in page

    AccessRequest.objects.update(status=AccessRequest.Status.GRANTED)
    assert alfa.name in client.get(reverse("access_list")).content.decode()


@pytest.mark.django_db
def test_the_sixth_access_request_in_an_hour_is_refused_on_the_form(client):
    account = CustomerAccountFactory()
    client.force_login(UserFactory())
    for _ in range(limits.ACCESS_REQUESTS_PER_HOUR):
        assert ask(client, account.number).status_code == 302
    response = ask(client, account.number)
    assert response.status_code == 200
    assert str(AccountError.TOO_MANY_ACCESS_REQUESTS.label) in response.content.decode()
    assert AccessRequest.objects.count() == limits.ACCESS_REQUESTS_PER_HOUR


@pytest.mark.django_db
def test_another_user_still_has_their_own_allowance():
    account = CustomerAccountFactory()
    first, second = UserFactory(), UserFactory()
    for user in [first] * limits.ACCESS_REQUESTS_PER_HOUR + [second]:
        services.access_request_create(
            actor=as_user(user),
            customer_number=account.number,
            proof_kind=AccessRequest.ProofKind.INVOICE,
            proof_number="CTS-1",
            areas=["invoices"],
        )
    assert AccessRequest.objects.filter(user=second).count() == 1


# --- invitations: the limit, resending and withdrawing -------------------------------------


@pytest.mark.django_db
def test_an_admin_is_refused_the_twenty_first_invitation_of_the_hour(alfa_admin, alfa):
    for n in range(limits.INVITATIONS_PER_HOUR):
        invite(alfa_admin, alfa, email=f"coleg{n}@alfa.example")
    with refused(AccountError.TOO_MANY_INVITATIONS, "email"):
        invite(alfa_admin, alfa, email="one.more@alfa.example")
    assert not Invitation.objects.filter(email="one.more@alfa.example").exists()


@pytest.mark.django_db
def test_the_invitation_form_shows_the_limit_on_the_address(client, alfa_admin, alfa):
    for n in range(limits.INVITATIONS_PER_HOUR):
        invite(alfa_admin, alfa, email=f"coleg{n}@alfa.example")
    client.force_login(alfa_admin)
    url = reverse("company_users", args=[alfa.public_id])
    response = client.post(url, {"email": "one.more@alfa.example", "grants": [G.ORDERS]})
    assert response.context["form"].errors["email"] == [
        str(AccountError.TOO_MANY_INVITATIONS.label)
    ]


@pytest.mark.django_db
def test_resending_mails_a_new_link_and_the_old_one_stops_working(alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    old = invitation.link_token
    resent = services.invitation_resend(actor=as_user(alfa_admin), invitation=invitation)

    assert services.invitation_by_token(old) is None
    assert services.invitation_by_token(resent.link_token) == invitation
    latest = OutboundEmail.objects.filter(to=INVITED).order_by("-pk").first()
    assert resent.link_token in latest.body_text
    event = Event.objects.filter(kind="invitation.resent").get()
    assert (event.actor_user_id, event.account_id) == (alfa_admin.pk, alfa.pk)


@pytest.mark.django_db
def test_a_withdrawn_invitation_cannot_be_accepted_or_resent(alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    services.invitation_revoke(actor=as_user(alfa_admin), invitation=invitation)

    assert services.invitation_by_token(invitation.link_token) is None
    assert Event.objects.filter(kind="invitation.revoked", account_id=alfa.pk).exists()
    with refused(AccountError.INVITATION_CLOSED, rows=(invitation,)):
        services.invitation_resend(actor=as_user(alfa_admin), invitation=invitation)
    assert OutboundEmail.objects.filter(to=INVITED).count() == 1


@pytest.mark.django_db
def test_only_the_accounts_admin_resends_or_withdraws(alfa_admin, alfa, alfa_limited, beta_user):
    invitation = invite(alfa_admin, alfa)
    for someone in (alfa_limited, beta_user):
        for service in (services.invitation_resend, services.invitation_revoke):
            with pytest.raises(PermissionDenied):
                service(actor=as_user(someone), invitation=invitation)
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


@pytest.mark.django_db
def test_the_admin_resends_and_withdraws_from_the_users_page(client, alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    client.force_login(alfa_admin)
    users = reverse("company_users", args=[alfa.public_id])
    assert INVITED in client.get(users).content.decode()
    resend = reverse("company_invitation_resend", args=[alfa.public_id, invitation.pk])
    assert client.post(resend, follow=True).status_code == 200
    assert OutboundEmail.objects.filter(to=INVITED).count() == 2
    revoke = reverse("company_invitation_revoke", args=[alfa.public_id, invitation.pk])
    assert "withdrawn" in client.post(revoke, follow=True).content.decode()
    assert INVITED not in client.get(users).content.decode()


@pytest.mark.django_db
def test_the_users_page_has_a_fixed_query_count_whatever_the_invitations(
    client, alfa_admin, alfa, django_assert_num_queries
):
    client.force_login(alfa_admin)
    users = reverse("company_users", args=[alfa.public_id])
    invite(alfa_admin, alfa)
    client.get(users)  # the session's first read of the grants
    with CaptureQueriesContext(connection) as one:
        client.get(users)
    for n in range(5):
        invite(alfa_admin, alfa, email=f"c{n}@alfa.example")
    with django_assert_num_queries(len(one)):
        client.get(users)
