import re

import pytest
from django.urls import reverse

from clientdesk.accounts.models import Membership
from clientdesk.core import grants as G
from clientdesk.core.models import Event, OutboundEmail
from tests.factories import UserFactory


def users_url(account):
    return reverse("company_users", args=[account.public_id])


@pytest.mark.django_db
def test_a_customer_admin_sees_the_account_members(client, alfa_admin, alfa_limited, alfa):
    client.force_login(alfa_admin)
    page = client.get(users_url(alfa)).content.decode()
    assert alfa_limited.email in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["beta_user", "alfa_limited"])
def test_others_get_404_on_the_account_pages(client, request, alfa, alfa_admin, who):
    client.force_login(request.getfixturevalue(who))
    member = alfa_admin.memberships.get()
    urls = [
        users_url(alfa),
        reverse("company_member", args=[alfa.public_id, member.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    revoke = reverse("company_member_revoke", args=[alfa.public_id, member.pk])
    assert client.post(revoke).status_code == 404
    assert Membership.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_an_admin_invites_a_colleague_who_accepts_with_the_chosen_grants(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    response = client.post(
        users_url(alfa), {"email": "nou.coleg@alfa.example", "grants": [G.ORDERS, G.INVOICES]}
    )
    assert response.status_code == 302
    mail = OutboundEmail.objects.get(to="nou.coleg@alfa.example")
    link = re.search(r"http://testserver(/invitation/\S+/)", mail.body_text).group(1)

    colleague = UserFactory(email="nou.coleg@alfa.example")
    client.force_login(colleague)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=colleague, account=alfa).grants == [G.ORDERS, G.INVOICES]
    assert Event.objects.about(colleague).filter(kind="membership.granted").exists()
    # A used link is gone.
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_an_invitation_cannot_be_accepted_by_another_address(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    client.post(users_url(alfa), {"email": "invitat@alfa.example", "grants": [G.ORDERS]})
    link = re.search(r"(/invitation/\S+/)", OutboundEmail.objects.get().body_text).group(1)
    intruder = UserFactory()
    client.force_login(intruder)
    client.post(link)
    assert not Membership.objects.filter(user=intruder).exists()


@pytest.mark.django_db
def test_an_admin_changes_and_revokes_grants_and_each_change_is_audited(
    client, alfa_admin, alfa_limited, alfa
):
    member = alfa_limited.memberships.get()
    client.force_login(alfa_admin)
    client.post(
        reverse("company_member", args=[alfa.public_id, member.pk]), {"grants": [G.INVOICES]}
    )
    member.refresh_from_db()
    assert member.grants == [G.INVOICES]
    event = Event.objects.get(kind="membership.changed")
    assert event.data == {"before": [G.REQUESTS, G.ORDERS], "after": [G.INVOICES]}

    client.post(reverse("company_member_revoke", args=[alfa.public_id, member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert Event.objects.about(alfa_limited).filter(kind="membership.revoked").exists()


@pytest.mark.django_db
def test_an_admin_cannot_remove_their_own_admin_grant(client, alfa_admin, alfa):
    member = alfa_admin.memberships.get()
    client.force_login(alfa_admin)
    response = client.post(
        reverse("company_member", args=[alfa.public_id, member.pk]), {"grants": [G.ORDERS]}
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert G.ADMIN in member.grants
