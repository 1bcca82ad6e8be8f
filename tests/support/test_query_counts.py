"""Each benchmarked requests page makes a fixed number of queries, whatever the data: the
same on a small set and after several times more requests, messages and history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.support.models import Message
from tests.support.factories import MessageFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_requests(account, requester, count: int, *, replies: int = 2) -> None:
    for support_request in SupportRequestFactory.create_batch(
        count, account=account, requester=requester, subject="Imprimanta etajul 2"
    ):
        MessageFactory.create_batch(replies, request=support_request)


@pytest.mark.parametrize(
    ("params", "expected"), [("", 6), ("?q=imprimanta", 6), ("?q=imprimanta+etajul&status=open", 6)]
)
def test_my_requests_plain_and_searched_cost_the_same_for_5_or_60_requests(
    client, alfa, alfa_admin, params, expected
):
    url = reverse("support:list") + params
    client.force_login(alfa_admin)
    client.get(url)  # the first request of a session does one-off work
    more_requests(alfa, alfa_admin, 5)
    assert queries(client, url) == expected
    more_requests(alfa, alfa_admin, 55)
    assert queries(client, url) == expected


def test_a_request_costs_the_same_with_1_or_12_replies(client, alfa, alfa_admin):
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    MessageFactory(request=support_request)
    url = reverse("support:detail", args=[support_request.number])
    client.force_login(alfa_admin)
    client.get(url)
    few = queries(client, url)
    MessageFactory.create_batch(11, request=support_request)
    assert Message.objects.filter(request=support_request).count() == 12
    assert queries(client, url) == few == 7


def test_the_staff_queue_and_a_staff_request_cost_the_same_whatever_the_data(
    client, agent, alfa, alfa_admin
):
    more_requests(alfa, alfa_admin, 3, replies=1)
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    MessageFactory(request=support_request)
    urls = [
        reverse("support_staff:queue") + "?queue=all&status=",
        reverse("support_staff:queue") + "?queue=all&q=imprimanta",
        reverse("support_staff:detail", args=[support_request.number]),
    ]
    client.force_login(agent)
    client.get(urls[0])
    few = [queries(client, url) for url in urls]
    more_requests(alfa, alfa_admin, 40, replies=3)
    MessageFactory.create_batch(10, request=support_request)
    # The queue's FAQ figures were counted by the first load and are kept a minute.
    assert [queries(client, url) for url in urls] == few == [8, 8, 12]
