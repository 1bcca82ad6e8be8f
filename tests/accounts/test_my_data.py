import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.accounts.models import User
from clientdesk.core.models import Event
from tests.factories import PASSWORD, MembershipFactory
from tests.support.factories import MessageFactory, SupportRequestFactory


@pytest.mark.django_db
def test_the_export_holds_the_profile_consents_and_memberships(client):
    membership = MembershipFactory(grant_orders=True)
    user = membership.user
    user.consents.create(kind="contact", version="v1", text="text", given_at=user.date_joined)
    client.force_login(user)

    response = client.get(reverse("my_data_export"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == user.email
    assert data["consents"][0]["version"] == "v1"
    assert data["memberships"] == [
        {
            "account": membership.account.name,
            "customer_number": membership.account.number,
            "grants": ["orders"],
        }
    ]


@pytest.mark.django_db
def test_deleting_the_account_erases_the_user_after_confirmation(client):
    user = MembershipFactory().user
    client.force_login(user)
    url = reverse("delete_account")
    # Deleting asks for the password again first.
    response = client.get(url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(url, {"confirm": "someone@else.example"})
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors

    response = client.post(url, {"confirm": user.email.upper()})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert Event.objects.filter(kind="user.deleted").exists()
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_the_export_holds_the_users_requests_with_their_public_messages_only(client):
    filed = SupportRequestFactory()
    user = filed.requester
    MessageFactory(request=filed, body="We are on it.")
    MessageFactory(request=filed, body="Staff only: check the contract.", internal=True)
    MessageFactory(request=filed, author=user, from_staff=False, body="Thank you.")
    SupportRequestFactory()  # someone else's
    client.force_login(user)

    data = json.loads(client.get(reverse("my_data_export")).content)

    (request,) = data["requests"]
    assert (request["number"], request["subject"]) == (filed.number, filed.subject)
    assert [(m["from"], m["body"]) for m in request["messages"]] == [
        ("staff", "We are on it."),
        ("you", "Thank you."),
    ]


@pytest.mark.django_db
def test_the_export_costs_the_same_queries_whatever_the_number_of_requests(
    client, django_assert_num_queries
):
    first = SupportRequestFactory()
    user = first.requester
    client.force_login(user)
    client.get(reverse("my_data_export"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("my_data_export"))
    for _ in range(3):
        MessageFactory(request=SupportRequestFactory(requester=user, account=first.account))
    with django_assert_num_queries(len(one)):
        client.get(reverse("my_data_export"))
