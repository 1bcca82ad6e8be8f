"""What the service tests share: actors, marks, and "refused, and nothing written"."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Max
from django.utils import timezone

from clientdesk.core.actors import Actor, ActorKind
from clientdesk.core.errors import ErrorCode, ServiceError
from clientdesk.core.models import Event, OutboundEmail
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    Attachment,
    Message,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.models.requests import RequestCounter
from clientdesk.support.services import NewRequest
from clientdesk.support.sla import vendor_calendar

WORKER = Actor.system("worker")
SUBJECT_TYPE = "support.supportrequest"


def as_user(user) -> Actor:
    return Actor.of_user(user)


def event_mark() -> int:
    return Event.objects.aggregate(last=Max("pk"))["last"] or 0


def events_since(mark: int) -> list[Event]:
    return list(Event.objects.filter(pk__gt=mark).order_by("pk"))


def mails_since(mark: int) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(pk__gt=mark).order_by("pk"))


def mail_mark() -> int:
    return OutboundEmail.objects.aggregate(last=Max("pk"))["last"] or 0


def state_of(rows: tuple) -> tuple:
    counts = {
        model.__name__: model.objects.count()
        for model in (Event, OutboundEmail, SupportRequest, Message, Attachment)
    }
    counters = list(RequestCounter.objects.values())
    values = [type(row).objects.filter(pk=row.pk).values().first() for row in rows]
    return counts, counters, values


@contextmanager
def refused(
    code: ErrorCode, field: str | None = None, *, rows: tuple = (), error=ServiceError
) -> Iterator[Any]:
    """The block is refused with ``code`` on ``field``, and nothing at all is written."""
    before = state_of(rows)
    with pytest.raises(error) as caught:
        yield caught
    assert caught.value.error == code
    assert caught.value.field == field
    assert state_of(rows) == before


def put(support_request: SupportRequest, **fields) -> SupportRequest:
    """Set the request's row as a test needs it, as if earlier changes had led there."""
    SupportRequest.objects.filter(pk=support_request.pk).update(**fields)
    support_request.refresh_from_db()
    return support_request


def resolved(support_request: SupportRequest, *, days_ago: float = 1) -> SupportRequest:
    return put(
        support_request,
        status=Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(days=days_ago),
    )


def new_request(account, code: str = "general-question", **changes) -> NewRequest:
    fields = {
        "account": account,
        "request_type": RequestType.objects.get(code=code),
        "subject": "Scanarea nu mai merge",
        "description": "Din dimineața asta scanarea în folderul partajat dă eroare.",
        "contact_name": "Ioana Pop",
        "contact_email": "ioana@alfa.example",
        "contact_phone": "0722 555 101",
    }
    return NewRequest(**(fields | changes))


def assert_event(
    event: Event, kind: RequestEvent, *, actor, support_request: SupportRequest, data: dict
) -> None:
    assert event.kind == kind
    if actor is None:
        assert (event.actor_kind, event.actor_user_id) == (ActorKind.SYSTEM, None)
    else:
        assert (event.actor_kind, event.actor_user_id) == (ActorKind.USER, actor.pk)
    assert event.account_id == support_request.account_id
    assert (event.subject_type, event.subject_id) == (SUBJECT_TYPE, str(support_request.pk))
    assert event.data == data
    # Request events are history, not security: they stay out of the audit chain.
    assert event.audit_seq is None
    assert event.audit_hash == ""


def vendor_today() -> date:
    return timezone.localdate(timezone=vendor_calendar().tz)


def next_day(test: Callable[[date], bool]) -> date:
    """The first day after today that passes ``test`` (within a year and a bit)."""
    today = vendor_today()
    for offset in range(1, 400):
        day = today + timedelta(days=offset)
        if test(day):
            return day
    raise AssertionError("no such day within 400 days")


def next_saturday() -> date:
    return next_day(lambda day: day.weekday() == 5)


def next_weekday_holiday() -> date:
    calendar = vendor_calendar()
    return next_day(lambda day: day.weekday() < 5 and not calendar.is_working_day(day))


def next_working_day() -> date:
    return next_day(vendor_calendar().is_working_day)


def support_services_data(account, **extra) -> dict:
    return {
        "account": account.pk,
        "subject": "Instalare server nou",
        "description": "Avem nevoie de un tehnician pentru instalarea serverului.",
        "contact_name": "Ioana Pop",
        "contact_email": "ioana@alfa.example",
        "contact_phone": "0722 555 101",
        **extra,
    }
