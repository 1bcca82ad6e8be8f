"""A customer's token reads and files requests exactly as far as its user may, call by call."""

import pytest

from clientdesk.api.scopes import Scope
from clientdesk.core.models import Event
from clientdesk.support.models import SupportRequest
from tests.api.factories import bearer, customer_token, vendor_token
from tests.support.factories import RequestTypeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/requests"


@pytest.fixture
def alfa_request(alfa, alfa_admin):
    return SupportRequestFactory(account=alfa, requester=alfa_admin, subject="Imprimanta blocată")


def new_request(account, **changes):
    return {
        "account": account.number,
        "type": RequestTypeFactory().code,
        "subject": "Factura nu se deschide",
        "description": "PDF-ul facturii de noiembrie nu se deschide.",
        **changes,
    }


def test_a_customer_token_lists_and_reads_its_accounts_requests(client, alfa_admin, alfa_request):
    _token, plain = customer_token(alfa_admin)
    listed = client.get(REQUESTS, headers=bearer(plain)).json()
    assert [item["number"] for item in listed["results"]] == [alfa_request.number]
    detail = client.get(f"{REQUESTS}/{alfa_request.number}", headers=bearer(plain))
    assert detail.status_code == 200
    assert detail.json()["subject"] == "Imprimanta blocată"


def test_a_customer_token_never_reaches_another_customers_request(client, beta_user, alfa_request):
    _token, plain = customer_token(beta_user)
    assert client.get(REQUESTS, headers=bearer(plain)).json()["results"] == []
    response = client.get(f"{REQUESTS}/{alfa_request.number}", headers=bearer(plain))
    assert response.status_code == 404
    assert response.json()["detail"][0]["code"] == "not_found"
    reply = client.post(
        f"{REQUESTS}/{alfa_request.number}/replies",
        {"body": "hello"},
        content_type="application/json",
        headers=bearer(plain),
    )
    assert reply.status_code == 404
    assert not alfa_request.messages.exists()


def test_a_revoked_membership_takes_effect_on_the_next_call(client, alfa_admin, alfa_request):
    _token, plain = customer_token(alfa_admin)
    url = f"{REQUESTS}/{alfa_request.number}"
    assert client.get(url, headers=bearer(plain)).status_code == 200
    alfa_admin.memberships.update(grant_requests=False)
    assert client.get(url, headers=bearer(plain)).status_code == 404


def test_a_customer_token_files_a_request_as_its_user(client, alfa_admin, alfa):
    token, plain = customer_token(alfa_admin)
    response = client.post(
        REQUESTS, new_request(alfa), content_type="application/json", headers=bearer(plain)
    )
    assert response.status_code == 201, response.content
    filed = SupportRequest.objects.get(number=response.json()["number"])
    assert filed.requester == alfa_admin
    created = Event.objects.get(kind="request.created", subject_id=str(filed.pk))
    assert (created.actor_kind, created.actor_token_id) == ("token", token.pk)


def test_filing_for_an_account_of_another_customer_is_refused_on_the_field(client, beta_user, alfa):
    _token, plain = customer_token(beta_user)
    response = client.post(
        REQUESTS, new_request(alfa), content_type="application/json", headers=bearer(plain)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "account"]
    assert response.json()["detail"][0]["code"] == "request.account"
    assert not SupportRequest.objects.exists()


def test_bad_input_names_the_field_and_never_answers_5xx(client, alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin)
    response = client.post(
        REQUESTS,
        new_request(alfa, subject="x" * 201, description=None),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code == 422
    locs = {tuple(item["loc"]) for item in response.json()["detail"]}
    assert ("body", "subject") in locs
    assert ("body", "description") in locs
    not_json = client.post(REQUESTS, "{", content_type="application/json", headers=bearer(plain))
    assert not_json.status_code in (400, 422)


def test_a_read_only_token_cannot_file(client, alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin, [Scope.REQUESTS_READ])
    response = client.post(
        REQUESTS, new_request(alfa), content_type="application/json", headers=bearer(plain)
    )
    assert response.status_code == 403


def test_the_erp_reads_every_request_newest_first_page_by_page(client, beta_user, alfa_request):
    other = SupportRequestFactory(account=beta_user.memberships.get().account)
    _token, plain = vendor_token()
    first = client.get(REQUESTS, {"limit": 1}, headers=bearer(plain)).json()
    second = client.get(REQUESTS, {"limit": 1, "after": first["next"]}, headers=bearer(plain))
    numbers = [first["results"][0]["number"], second.json()["results"][0]["number"]]
    assert numbers == [other.number, alfa_request.number]
    assert second.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "body"),
    [({"after": "1\x00"}, None), ({}, '{"account": "x\\u0000", "type": "a", "subject": "s"}')],
)
def test_a_nul_character_is_refused_with_a_code_not_a_server_error(client, alfa_admin, query, body):
    _token, plain = customer_token(alfa_admin)
    if body is None:
        response = client.get(REQUESTS, query, headers=bearer(plain))
    else:
        response = client.post(
            REQUESTS, body, content_type="application/json", headers=bearer(plain)
        )
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == "bad_request"
