"""Every request page and file answers 404 to another customer and to a colleague without
the requests grant, whether read or changed; nothing changes."""

import pytest
from django.urls import reverse

from clientdesk.support.models import Message, Status
from tests.support.factories import AttachmentFactory

PAGES = ["detail"]
ACTIONS = {
    "reply": {"body": "Intrus"},
    "cancel": {},
    "reopen": {"body": "Intrus"},
    "rate": {"rating": "1"},
}


@pytest.fixture(params=["beta_user", "alfa_orders_only"])
def outsider(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("name", PAGES)
def test_a_request_page_is_not_found_for_an_outsider(client, outsider, alfa_request, name):
    client.force_login(outsider)
    assert client.get(reverse(f"support:{name}", args=[alfa_request.number])).status_code == 404


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_change_is_not_found_for_an_outsider_and_changes_nothing(
    client, outsider, alfa_request, name
):
    alfa_request.status = Status.RESOLVED
    alfa_request.save()
    client.force_login(outsider)
    url = reverse(f"support:{name}", args=[alfa_request.number])
    assert client.post(url, ACTIONS[name]).status_code == 404
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.satisfaction, alfa_request.version) == (
        Status.RESOLVED,
        None,
        1,
    )
    assert not Message.objects.exists()


def test_a_file_is_not_found_for_an_outsider(client, outsider, alfa_request):
    attachment = AttachmentFactory(request=alfa_request)
    client.force_login(outsider)
    url = reverse("support:attachment", args=[alfa_request.number, attachment.public_id])
    assert client.get(url).status_code == 404


def test_losing_the_grant_hides_even_ones_own_request(client, alfa_admin, alfa_request):
    membership = alfa_admin.memberships.get()
    membership.grant_requests = False
    membership.save()
    client.force_login(alfa_admin)
    assert client.get(reverse("support:detail", args=[alfa_request.number])).status_code == 404


def test_a_malformed_or_unknown_number_is_not_found(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    assert client.get("/requests/REQ-2026-00000x/").status_code == 404
    assert client.get("/requests/REQ-2999-999999/").status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, alfa_request):
    response = client.get(reverse("support:detail", args=[alfa_request.number]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
