"""The worker delivers to a real receiver on 127.0.0.1: retries, 410, held and replayed,
crashes mid-batch, three days of failures."""

import itertools
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from clientdesk.core.models import Event, OutboundEmail
from clientdesk.webhooks import delivery, services
from clientdesk.webhooks.events import EndpointEvent
from clientdesk.webhooks.models import Delivery, Endpoint
from clientdesk.webhooks.tasks import deliver
from tests.webhooks.helpers import change_order, make_due_now

pytestmark = pytest.mark.django_db


def test_an_event_is_queued_as_a_task_and_the_task_delivers_it_signed(endpoint, order, receiver):
    change_order(order)
    row = Delivery.objects.get()
    task = DBTaskResult.objects.get(task_path__endswith="webhooks.tasks.deliver")
    assert task.args_kwargs["args"] == [row.webhook_id]

    deliver.call(row.webhook_id)

    [request] = receiver.received
    assert request.body == bytes(row.body)
    assert request.headers["content-type"] == "application/json"
    assert request.headers["webhook-id"] == row.webhook_id
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "order.updated"
    assert payload["data"]["order"]["number"] == order.number
    row.refresh_from_db()
    assert row.status == Delivery.Status.DELIVERED
    attempt = row.attempt_log.get()
    assert attempt.status_code == 200
    assert len(attempt.response_body) == 1024  # the first kilobyte of the answer
    assert attempt.request_headers["webhook-signature"] == request.headers["webhook-signature"]


def test_a_delivered_webhook_is_never_sent_again(endpoint, order, receiver):
    change_order(order)
    webhook_id = Delivery.objects.get().webhook_id
    deliver.call(webhook_id)
    make_due_now()  # even if its time came round again

    deliver.call(webhook_id)
    call_command("webhooks_deliver", verbosity=0)

    assert receiver.ids() == [webhook_id]


def test_a_receiver_down_at_first_gets_each_event_exactly_once_when_it_comes_back(
    endpoint, order, receiver
):
    change_order(order, times=3)
    receiver.stop()
    assert delivery.sweep() == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.PENDING}
    assert Endpoint.objects.get().failures_in_a_row == 3
    retries = DBTaskResult.objects.filter(
        task_path__endswith="deliver",
        run_after__gt=timezone.now(),
        run_after__lt=timezone.now() + timedelta(minutes=1),
    )
    assert retries.count() == 3  # each retry is a task row, written with the failure

    receiver.start()
    make_due_now()
    assert delivery.sweep() == 3
    assert delivery.sweep() == 0

    assert len(receiver.received) == 3
    assert set(receiver.ids()) == set(Delivery.objects.values_list("webhook_id", flat=True))
    assert Endpoint.objects.get().failures_in_a_row == 0
    assert all(row.attempts == 2 for row in Delivery.objects.all())


def test_retries_back_off_exponentially_with_jitter():
    waits = [delivery.backoff(n) for n in range(1, 10)]
    assert timedelta(seconds=4) <= waits[0] <= timedelta(seconds=6)
    assert timedelta(minutes=4) <= waits[1] <= timedelta(minutes=6)
    assert timedelta(hours=8) <= waits[8] <= timedelta(hours=12)  # the last step repeats
    assert all(a < b for a, b in itertools.pairwise(waits[:6]))


def test_an_answer_that_is_a_redirect_is_a_failure_and_is_not_followed(endpoint, order, receiver):
    receiver.status = 302
    change_order(order)
    delivery.sweep()

    assert len(receiver.received) == 1
    row = Delivery.objects.get()
    assert (row.status, row.last_status_code) == (Delivery.Status.PENDING, 302)


def test_410_gone_disables_the_endpoint_at_once_and_tells_the_vendor_admins(
    endpoint, order, receiver, vendor_admin
):
    receiver.status = 410
    change_order(order, times=2)
    delivery.sweep()

    endpoint.refresh_from_db()
    assert not endpoint.enabled
    assert endpoint.disabled_reason == Endpoint.Disabled.GONE
    # One request reached it; the other is held for a replay, not sent to a gone receiver.
    assert len(receiver.received) == 1
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["failed", "held"]
    assert OutboundEmail.objects.filter(to=vendor_admin.email).count() == 1
    assert Event.objects.filter(kind=EndpointEvent.DISABLED, audit_seq__isnull=False).exists()


def test_a_disabled_endpoint_receives_nothing_until_enabled_then_replays_in_order(
    endpoint, order, receiver, admin_actor
):
    services.endpoint_disable(actor=admin_actor, endpoint=endpoint)
    change_order(order, times=3)
    delivery.sweep()
    assert receiver.received == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.HELD}

    services.endpoint_enable(actor=admin_actor, endpoint=endpoint)
    delivery.sweep()
    assert receiver.received == []  # enabling sends what comes next; the replay sends the rest

    assert services.endpoint_replay(actor=admin_actor, endpoint=endpoint) == 3
    for task in DBTaskResult.objects.filter(task_path__endswith="deliver").order_by("enqueued_at"):
        deliver.call(*task.args_kwargs["args"])

    statuses = [json.loads(r.body)["data"]["changes"]["status"]["to"] for r in receiver.received]
    assert statuses == ["processing", "shipped", "delivered"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DELIVERED}


def test_a_worker_that_dies_mid_batch_loses_nothing_and_duplicates_nothing(
    endpoint, order, receiver
):
    change_order(order, times=5)
    first, second, third, fourth, fifth = delivery.due()
    # The worker's batch: the first is done; it dies after sending the second (before it
    # recorded the answer), and after claiming the third (before sending it).
    assert delivery.deliver_now(first)
    sent_but_not_recorded = delivery.claim(second)
    delivery.send(sent_but_not_recorded)
    delivery.claim(third)
    # ... killed here: the fourth and fifth were never reached, their tasks lost.
    DBTaskResult.objects.all().delete()

    # A restarted worker's sweep takes what is due now; the claimed ones when their lease ends.
    assert delivery.sweep() == 2
    after_the_lease = timezone.now() + delivery.LEASE + timedelta(seconds=1)
    assert delivery.sweep(now=after_the_lease) == 2
    assert delivery.sweep(now=after_the_lease) == 0

    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DELIVERED}
    ids = receiver.ids()
    assert set(ids) == {first, second, third, fourth, fifth}  # none lost
    # Only the one whose answer was lost came twice, with the same webhook-id to drop.
    assert sorted(ids) == sorted([first, second, second, third, fourth, fifth])


def test_a_claimed_delivery_is_skipped_by_another_worker_until_its_lease_ends(endpoint, order):
    change_order(order)
    [webhook_id] = delivery.due()
    assert delivery.claim(webhook_id) is not None
    assert delivery.claim(webhook_id) is None
    assert delivery.due() == []


def test_three_days_of_failures_disable_the_endpoint_and_email_the_vendor_admins(
    endpoint, order, receiver, vendor_admin
):
    receiver.status = 500
    change_order(order, times=2)
    delivery.sweep()
    endpoint.refresh_from_db()
    assert endpoint.enabled
    assert endpoint.failures_in_a_row == 2
    assert endpoint.failing_since is not None

    # Three days later it still fails.
    Endpoint.objects.update(failing_since=timezone.now() - timedelta(days=3))
    make_due_now()
    delivery.sweep()

    endpoint.refresh_from_db()
    assert not endpoint.enabled
    assert endpoint.disabled_reason == Endpoint.Disabled.FAILING
    assert endpoint.admins_emailed_at is not None
    [mail] = OutboundEmail.objects.filter(to=vendor_admin.email)
    assert endpoint.url in mail.subject
    assert f"/staff/webhooks/{endpoint.public_id}/" in mail.body_text
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["failed", "held"]
    assert len(receiver.received) == 3


def test_a_failure_recorded_in_the_attempt_names_the_error_and_the_time_it_took(endpoint, order):
    Endpoint.objects.update(url="http://127.0.0.1:9/nothing-listens-here")
    change_order(order)
    delivery.sweep()

    attempt = Delivery.objects.get().attempt_log.get()
    assert attempt.status_code is None
    assert "Connection" in attempt.error
    assert attempt.duration_ms < 10_000


def test_an_attempt_in_flight_when_the_endpoint_is_disabled_is_held_and_not_counted(
    endpoint, order, receiver, admin_actor
):
    receiver.status = 500
    change_order(order)
    [webhook_id] = delivery.due()
    claimed = delivery.claim(webhook_id)
    started_at = timezone.now()
    services.endpoint_disable(actor=admin_actor, endpoint=endpoint)
    delivery.finish(claimed, delivery.send(claimed), started_at=started_at)

    row = Delivery.objects.get()
    assert row.status == Delivery.Status.HELD
    assert row.attempt_log.get().status_code == 500
    assert Endpoint.objects.get().failures_in_a_row == 0
