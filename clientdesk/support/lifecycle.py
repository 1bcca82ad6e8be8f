"""The request lifecycle: which status may follow which, and what a change records.

new ─┬─> in progress <─> waiting on customer
     └──────┬───────────────┘
            ├─> resolved ─┬─> closed (customer confirms, staff, or the reopen window ends)
            │             └─> in progress (reopened)
            └─> cancelled
"""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.support import sla
from clientdesk.support.errors import RequestError
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import OPEN_STATUSES, Status, SupportRequest

STAFF_TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.IN_PROGRESS: {Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.WAITING: {Status.IN_PROGRESS, Status.RESOLVED, Status.CANCELLED},
    Status.RESOLVED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.CLOSED: set(),
    Status.CANCELLED: set(),
}


def staff_can_set(current: str, target: str) -> bool:
    return target in STAFF_TRANSITIONS[current]


def reopen_until(support_request: SupportRequest) -> datetime | None:
    if support_request.status != Status.RESOLVED or support_request.resolved_at is None:
        return None
    return support_request.resolved_at + timedelta(days=support_request.type.reopen_days)


def customer_can_reply(support_request: SupportRequest) -> bool:
    return support_request.status in OPEN_STATUSES


def customer_can_cancel(support_request: SupportRequest) -> bool:
    return support_request.status in OPEN_STATUSES


def customer_can_reopen(support_request: SupportRequest, now: datetime) -> bool:
    until = reopen_until(support_request)
    return until is not None and now < until


def customer_can_rate(support_request: SupportRequest) -> bool:
    return (
        support_request.status in (Status.RESOLVED, Status.CLOSED)
        and support_request.satisfaction is None
    )


def check_staff_transition(support_request: SupportRequest, target: str) -> None:
    if not staff_can_set(support_request.status, target):
        known = target in Status.values
        raise ServiceError(
            RequestError.TRANSITION,
            field="status",
            params={
                "from": support_request.get_status_display(),
                "to": Status(target).label if known else target,
            },
        )


def set_status(
    support_request: SupportRequest,
    target: str,
    *,
    actor: Actor,
    now: datetime,
    **data: Any,
) -> None:
    """Move a locked request to ``target``, stamp the times and record the event.

    The caller has checked the transition and saves the row. Reopening gives
    the resolution target a fresh start from now. ``data`` goes into the event
    (``with_reply``: the status changed with a staff reply, which tells it).
    """
    previous = support_request.status
    if previous == target:
        return
    support_request.status = target
    if target == Status.RESOLVED:
        support_request.resolved_at = now
        _close_when_reopen_window_ends(support_request, now)
    elif target == Status.CLOSED:
        support_request.closed_at = now
    elif previous == Status.RESOLVED and target == Status.IN_PROGRESS:
        support_request.resolved_at = None
        support_request.resolution_due = sla.resolution_due(
            support_request.type, now, sla.vendor_calendar()
        )
    events.record(
        RequestEvent.STATUS,
        actor=actor,
        account=support_request.account_id,
        subject=support_request,
        data={"from": previous, "to": target, **data},
        at=now,
    )


def _close_when_reopen_window_ends(support_request: SupportRequest, resolved_at: datetime) -> None:
    from clientdesk.support.tasks import close_resolved_request

    run_after = resolved_at + timedelta(days=support_request.type.reopen_days)
    pk = support_request.pk
    transaction.on_commit(
        lambda: close_resolved_request.using(run_after=run_after).enqueue(
            pk, resolved_at.isoformat()
        )
    )
