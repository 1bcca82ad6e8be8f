"""An order's status timeline: the steps it went through, then the ones still ahead."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise

from clientdesk.orders.models import Order

S = Order.Status
# How far along each status is; the "partly" ones sit between their neighbours.
PROGRESS = [
    S.RECEIVED,
    S.CONFIRMED,
    S.PROCESSING,
    S.PARTIALLY_SHIPPED,
    S.SHIPPED,
    S.PARTIALLY_DELIVERED,
    S.DELIVERED,
]
# The steps a customer expects ahead of them on an order that goes well.
EXPECTED = [S.RECEIVED, S.CONFIRMED, S.PROCESSING, S.SHIPPED, S.DELIVERED]


@dataclass(frozen=True)
class Step:
    label: Promise | str
    at: datetime | None
    state: str  # "done", "current" or "next"


def timeline(order: Order) -> list[Step]:
    """From the order's (prefetched) status changes; a cancelled order has nothing ahead."""
    steps = [
        Step(change.get_status_display(), change.occurred_at, "done")
        for change in order.status_changes.all()
    ]
    if steps:
        steps[-1] = Step(steps[-1].label, steps[-1].at, "current")
    if order.status != S.CANCELLED:
        reached = PROGRESS.index(S(order.status))
        steps += [
            Step(S(status).label, None, "next")
            for status in EXPECTED
            if PROGRESS.index(status) > reached
        ]
    return steps
