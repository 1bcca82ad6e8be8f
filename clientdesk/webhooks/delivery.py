"""The worker's side of a delivery: claim it, POST it, record the answer; retry or give up.

Three short steps, so that a worker killed anywhere loses nothing:

1. ``claim`` locks the row (``select_for_update(skip_locked=True)``: another worker
   skips it), counts the attempt and moves ``next_attempt_at`` to the end of a
   lease, then commits. A worker that dies after this leaves a delivery that is
   due again when the lease ends; the sweep sends it then.
2. ``send`` POSTs the stored bytes, signed now, outside any transaction.
3. ``finish`` records the attempt and the outcome. A delivery marked delivered is
   never claimed again. A worker that dies between 2 and 3 makes the sweep send
   it once more with the same ``webhook-id``, which is how a receiver knows it
   already has it (no protocol can tell "sent" from "sent, answer lost").
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from clientdesk.webhooks import failures, sender, signing
from clientdesk.webhooks.models import Attempt, Delivery, Endpoint

# Longer than any attempt can take (10 s to connect, 10 s per read), with room to spare.
LEASE = timedelta(minutes=2)
# After the n-th failed attempt, wait about this long (the last step repeats).
BACKOFF = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)
GIVE_UP_AFTER = timedelta(days=3)


@dataclass(frozen=True)
class Claimed:
    pk: int
    webhook_id: str
    url: str
    body: bytes
    headers: dict[str, str]


def backoff(attempts: int) -> timedelta:
    """The wait after ``attempts`` failures, with ±20 % jitter so that retries spread out."""
    step = BACKOFF[min(attempts, len(BACKOFF)) - 1]
    return step * random.uniform(0.8, 1.2)  # nosec B311  # jitter, not a secret


def headers_for(endpoint: Endpoint, delivery: Delivery, now: datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "content-type": "application/json",
        "user-agent": "clientdesk-webhooks/1",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signing.signature_header(
            endpoint.secrets_at(now),
            webhook_id=delivery.webhook_id,
            timestamp=timestamp,
            body=bytes(delivery.body),
        ),
    }


def claim(webhook_id: str, *, now: datetime | None = None) -> Claimed | None:
    """Take a due delivery for this worker, or None (not due, taken, delivered, held)."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(
                webhook_id=webhook_id,
                status=Delivery.Status.PENDING,
                next_attempt_at__lte=now,
            )
            .first()
        )
        if delivery is None:
            return None
        if not delivery.endpoint.enabled:
            delivery.status = Delivery.Status.HELD
            delivery.save(update_fields=["status"])
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
        signed_at = timezone.now()
        return Claimed(
            pk=delivery.pk,
            webhook_id=delivery.webhook_id,
            url=delivery.endpoint.url,
            body=bytes(delivery.body),
            headers=headers_for(delivery.endpoint, delivery, signed_at),
        )


def send(claimed: Claimed) -> sender.Answer:
    return sender.post(claimed.url, claimed.body, claimed.headers)


@transaction.atomic
def finish(claimed: Claimed, answer: sender.Answer, *, started_at: datetime) -> None:
    from clientdesk.webhooks.tasks import deliver

    now = timezone.now()
    delivery = Delivery.objects.select_for_update().get(pk=claimed.pk)
    Attempt.objects.create(
        delivery=delivery,
        started_at=started_at,
        duration_ms=answer.duration_ms,
        request_headers=claimed.headers,
        status_code=answer.status,
        response_body=answer.body,
        error=answer.error,
    )
    delivery.last_status_code, delivery.last_error = answer.status, answer.error
    fields = ["last_status_code", "last_error", "status", "next_attempt_at", "delivered_at"]
    if delivery.status == Delivery.Status.DELIVERED:
        delivery.save(update_fields=fields[:2])
        return
    endpoint = Endpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    if answer.ok:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, now
        failures.recovered(endpoint)
    elif not endpoint.enabled:
        # Disabled while this attempt was on its way: its failure counts for nothing.
        delivery.status = Delivery.Status.HELD
    elif answer.status == 410:
        delivery.status = Delivery.Status.FAILED
        failures.disable(endpoint, reason=Endpoint.Disabled.GONE, now=now)
    elif failures.failed(endpoint, now=now):
        delivery.status = Delivery.Status.FAILED
        failures.disable(endpoint, reason=Endpoint.Disabled.FAILING, now=now)
    elif now - delivery.created_at >= GIVE_UP_AFTER:
        # The endpoint answers others, but never this one: stop, keep it to send again.
        delivery.status = Delivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
        # The retry is a task row written in this transaction: durable with the outcome.
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.webhook_id)
    delivery.save(update_fields=fields)


def deliver_now(webhook_id: str, *, now: datetime | None = None) -> bool:
    """Claim, send and finish one delivery; False when there was nothing to send."""
    claimed = claim(webhook_id, now=now)
    if claimed is None:
        return False
    started_at = timezone.now()
    finish(claimed, send(claimed), started_at=started_at)
    return True


def due(now: datetime | None = None) -> list[str]:
    """The deliveries that are due, in the order their events happened."""
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=now or timezone.now()
        )
        .order_by("created_at", "pk")
        .values_list("webhook_id", flat=True)
    )


def sweep(*, now: datetime | None = None) -> int:
    """Send every due delivery, whether or not its task still exists; how many were sent."""
    return sum(deliver_now(webhook_id, now=now) for webhook_id in due(now))
