import pytest
from django.urls import reverse

from clientdesk.accounts.models import AccessRequest, Membership
from clientdesk.core import grants as G
from clientdesk.core.models import Event, OutboundEmail
from tests.factories import AccessRequestFactory, CustomerAccountFactory, UserFactory


@pytest.mark.django_db
def test_a_user_asks_for_access_with_proof_and_sees_it_pending(client):
    account = CustomerAccountFactory(number="C-100245")
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("access_new"),
        {
            "customer_number": "c-100245",
            "proof_kind": "invoice",
            "proof_number": "CTS-2026-004518",
            "areas": ["invoices", "contracts"],
        },
    )

    assert response.status_code == 302
    access = AccessRequest.objects.get(user=user)
    assert access.account == account
    assert access.status == AccessRequest.Status.PENDING
    assert "C-100245" in client.get(reverse("access_list")).content.decode()


@pytest.mark.django_db
def test_the_access_form_names_each_missing_field(client):
    client.force_login(UserFactory())
    response = client.post(reverse("access_new"), {"customer_number": "C-1"})
    errors = response.context["form"].errors
    assert {"proof_kind", "proof_number", "areas"} <= set(errors)
    assert 'value="C-1"' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_staff_grant_gives_exactly_the_chosen_grants_audits_and_emails(client, staff_user):
    access = AccessRequestFactory(areas=["invoices", "orders"])
    client.force_login(staff_user)

    response = client.post(
        reverse("backoffice:access_detail", args=[access.public_id]),
        {"decision": "grant", "grants": [G.INVOICES, G.CONTRACTS_VIEW]},
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user=access.user, account=access.account)
    assert membership.grants == [G.INVOICES, G.CONTRACTS_VIEW]
    event = Event.objects.get(kind="access.granted")
    assert event.actor_user == staff_user
    assert event.subject_id == str(access.user.pk)
    assert event.account == access.account
    assert event.data["grants"] == [G.INVOICES, G.CONTRACTS_VIEW]
    mail = OutboundEmail.objects.get(to=access.user.email)
    assert access.account.name in mail.body_text


@pytest.mark.django_db
def test_refusing_needs_a_reason_and_tells_the_user(client, staff_user):
    access = AccessRequestFactory()
    client.force_login(staff_user)
    url = reverse("backoffice:access_detail", args=[access.public_id])

    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert "reason" in response.context["form"].errors

    client.post(url, {"decision": "refuse", "reason": "Numărul facturii nu aparține contului."})
    access.refresh_from_db()
    assert access.status == AccessRequest.Status.REFUSED
    assert not Membership.objects.filter(user=access.user).exists()
    assert Event.objects.about(access.user).filter(kind="access.refused").exists()
    assert "nu aparține" in OutboundEmail.objects.get(to=access.user.email).body_text


@pytest.mark.django_db
def test_a_request_is_decided_only_once(client, staff_user):
    access = AccessRequestFactory()
    client.force_login(staff_user)
    url = reverse("backoffice:access_detail", args=[access.public_id])
    client.post(url, {"decision": "refuse", "reason": "no"})
    response = client.post(url, {"decision": "grant", "grants": [G.ORDERS]})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=access.user).exists()


@pytest.mark.django_db
def test_customer_users_and_agents_without_the_permission_cannot_decide(client, alfa_admin):
    access = AccessRequestFactory()
    client.force_login(alfa_admin)
    url = reverse("backoffice:access_detail", args=[access.public_id])
    assert client.get(url).status_code == 302  # to the staff login
    agent = UserFactory(is_staff=True)
    client.force_login(agent)
    assert client.get(url).status_code == 403
