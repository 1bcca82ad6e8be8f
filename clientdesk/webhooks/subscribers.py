"""Each offered event becomes one delivery per endpoint that wants it, in the event's transaction.

The body is made once, here, and stored as the bytes every attempt sends. The
task is enqueued in the same transaction (a row of the database queue), so a
committed event always has its deliveries queued, and a rolled-back one none.
An endpoint that is disabled gets its rows too, held, so it can replay them.
"""

import json
import uuid
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from clientdesk.core import events
from clientdesk.core.models import Event
from clientdesk.webhooks import catalogue
from clientdesk.webhooks.models import Delivery, Endpoint


def body_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(
        payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    ).encode()


def new_webhook_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


@events.subscribe(*catalogue.ALL_KINDS)
def queue_deliveries(event: Event, subject: Any) -> None:
    from clientdesk.webhooks.tasks import deliver

    offered = catalogue.BY_KIND[event.kind]
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.only("pk", "enabled", "event_types")
        if offered.name in endpoint.event_types
    ]
    if not endpoints:
        return
    body = body_bytes(catalogue.payload(offered, event, subject))
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(
                endpoint=endpoint,
                event=event,
                event_type=offered.name,
                webhook_id=new_webhook_id(),
                body=body,
                status=Delivery.Status.PENDING if endpoint.enabled else Delivery.Status.HELD,
            )
            for endpoint in endpoints
        ],
        ignore_conflicts=True,
    )
    for delivery in deliveries:
        if delivery.status == Delivery.Status.PENDING:
            deliver.enqueue(delivery.webhook_id)
