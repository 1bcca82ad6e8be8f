"""What a customer does on a request: read it, reply, cancel, reopen, rate. Each a POST."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import Message, Status
from tests.support.factories import MessageFactory


def url(name, support_request) -> str:
    return reverse(f"support:{name}", args=[support_request.number])


def test_the_request_page_shows_details_replies_targets_and_history(
    client, alfa_admin, alfa_request, agent
):
    MessageFactory(request=alfa_request, author=agent, body="Am programat un tehnician.")
    events.record(
        RequestEvent.CREATED, actor=Actor.of_user(alfa_request.requester), subject=alfa_request
    )
    client.force_login(alfa_admin)
    page = client.get(url("detail", alfa_request)).content.decode()
    assert alfa_request.subject in page
    assert alfa_request.number in page
    assert "Am programat un tehnician." in page
    assert "First response" in page
    assert "Request filed" in page


def test_a_colleague_with_the_requests_grant_sees_the_request(client, alfa_limited, alfa_request):
    client.force_login(alfa_limited)
    assert client.get(url("detail", alfa_request)).status_code == 200


def test_a_reply_puts_a_request_waiting_on_the_customer_back_to_the_team(
    client, alfa_admin, alfa_request
):
    alfa_request.status = Status.WAITING
    alfa_request.save()
    client.force_login(alfa_admin)
    response = client.post(url("reply", alfa_request), {"body": "Comanda este PO-118."})
    assert response.status_code == 302
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.IN_PROGRESS
    assert alfa_request.version == 2
    message = alfa_request.messages.get()
    assert (message.body, message.from_staff, message.internal) == (
        "Comanda este PO-118.",
        False,
        False,
    )


def test_an_empty_reply_is_explained_and_nothing_is_sent(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    response = client.post(url("reply", alfa_request), {"body": "  "})
    assert response.status_code == 200
    assert 'id="id_body_error"' in response.content.decode()
    assert not Message.objects.exists()


def test_a_finished_request_takes_no_reply(client, alfa_admin, alfa_request):
    alfa_request.status = Status.CLOSED
    alfa_request.save()
    client.force_login(alfa_admin)
    response = client.post(url("reply", alfa_request), {"body": "Încă ceva"}, follow=True)
    assert "This request is finished" in response.content.decode()
    assert not Message.objects.exists()


def test_an_open_request_can_be_cancelled(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    client.post(url("cancel", alfa_request))
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.CANCELLED
    event = Event.objects.about(alfa_request).get(kind=RequestEvent.STATUS)
    assert event.data == {"from": "new", "to": "cancelled"}


def test_changes_are_refused_on_get(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    for name in ("reply", "cancel", "reopen", "rate"):
        assert client.get(url(name, alfa_request)).status_code == 405


def resolve(support_request, days_ago: float):
    support_request.status = Status.RESOLVED
    support_request.resolved_at = timezone.now() - timedelta(days=days_ago)
    support_request.save()


def test_a_resolved_request_can_be_reopened_within_the_types_window(
    client, alfa_admin, alfa_request
):
    resolve(alfa_request, days_ago=13)
    before = alfa_request.resolution_due
    client.force_login(alfa_admin)
    client.post(url("reopen", alfa_request), {"body": "Eroarea a revenit."})
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.IN_PROGRESS
    assert alfa_request.resolved_at is None
    assert alfa_request.resolution_due != before
    assert alfa_request.messages.get().body == "Eroarea a revenit."


def test_after_the_window_a_request_can_no_longer_be_reopened(client, alfa_admin, alfa_request):
    resolve(alfa_request, days_ago=15)
    client.force_login(alfa_admin)
    page = client.get(url("detail", alfa_request)).content.decode()
    assert url("reopen", alfa_request) not in page
    response = client.post(url("reopen", alfa_request), {"body": "Tot nu merge."}, follow=True)
    assert "can no longer be reopened" in response.content.decode()
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.RESOLVED


def test_rating_a_resolved_request_closes_it_and_counts_once(client, alfa_admin, alfa_request):
    resolve(alfa_request, days_ago=1)
    client.force_login(alfa_admin)
    client.post(url("rate", alfa_request), {"rating": "4", "comment": "Rapid."})
    alfa_request.refresh_from_db()
    assert (alfa_request.satisfaction, alfa_request.status) == (4, Status.CLOSED)
    assert alfa_request.closed_at is not None
    client.post(url("rate", alfa_request), {"rating": "1"})
    alfa_request.refresh_from_db()
    assert alfa_request.satisfaction == 4


def test_a_rating_out_of_range_is_explained(client, alfa_admin, alfa_request):
    resolve(alfa_request, days_ago=1)
    client.force_login(alfa_admin)
    response = client.post(url("rate", alfa_request), {"rating": "9"})
    assert 'id="id_rating_error"' in response.content.decode()
    alfa_request.refresh_from_db()
    assert alfa_request.satisfaction is None


@pytest.mark.parametrize("status", [Status.NEW, Status.IN_PROGRESS, Status.CANCELLED])
def test_only_a_resolved_or_closed_request_can_be_rated(client, alfa_admin, alfa_request, status):
    alfa_request.status = status
    alfa_request.save()
    client.force_login(alfa_admin)
    client.post(url("rate", alfa_request), {"rating": "5"})
    alfa_request.refresh_from_db()
    assert alfa_request.satisfaction is None
