"""Domain events: one call records what happened, by whom, to what.

Each app declares its event kinds as an enum and registers it from its
``AppConfig.ready()``::

    class RequestEvent(EventKind):
        CREATED = "request.created", _("Request filed")

    events.register(RequestEvent, describe=describe_request_event)

A service records an event in the transaction of its change::

    events.record(RequestEvent.CREATED, actor=actor, account=account, subject=request)

Kinds registered as ``audited`` are security-relevant: they join the audit
log's hash chain (core/chain.py). Subscribers of a kind run when it is
recorded, in the same transaction, and only queue durable work (an e-mail in
the outbox, a webhook delivery): what leaves the process is sent by the worker
after commit, so a rolled-back change sends nothing and a crash loses nothing.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.core.actors import Actor
from clientdesk.core.chain import event_hash
from clientdesk.core.models import AuditChain, Event


class EventKind(models.TextChoices):
    """The base of every app's event kinds; values are "<thing>.<what happened>"."""


Subscriber = Callable[[Event, Any], None]
Describer = Callable[[Event], str]

_KINDS: dict[str, EventKind] = {}
_AUDITED: set[str] = set()
_DESCRIBERS: dict[type[EventKind], Describer] = {}
_SUBSCRIBERS: dict[str, list[Subscriber]] = defaultdict(list)


def register(
    kinds: type[EventKind], *, audited: bool = False, describe: Describer | None = None
) -> None:
    for kind in kinds:
        known = _KINDS.get(kind.value)
        if known is not None and type(known) is not kinds:
            raise ValueError(f"event kind {kind.value!r} is already registered by {type(known)}")
        _KINDS[kind.value] = kind
        if audited:
            _AUDITED.add(kind.value)
    if describe is not None:
        _DESCRIBERS[kinds] = describe


def subscribe(*kinds: EventKind) -> Callable[[Subscriber], Subscriber]:
    """Run the decorated function, given the event and its subject, when a kind is recorded."""

    def decorator(handler: Subscriber) -> Subscriber:
        for kind in kinds:
            if handler not in _SUBSCRIBERS[kind.value]:
                _SUBSCRIBERS[kind.value].append(handler)
        return handler

    return decorator


def is_audited(kind: str) -> bool:
    return kind in _AUDITED


def registered_kinds() -> Iterable[EventKind]:
    return _KINDS.values()


def _plain(data: dict[str, Any] | None) -> dict[str, Any]:
    """JSON values as they read back from the database (dates as text, tuples as lists)."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


@transaction.atomic
def record(
    kind: EventKind,
    *,
    actor: Actor,
    account: models.Model | int | None = None,
    subject: models.Model | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Event:
    """Write the event (in the caller's transaction) and run its subscribers.

    ``account`` is the customer account concerned, or its id.
    """
    if _KINDS.get(kind.value) is not kind:
        raise ValueError(f"event kind {kind!r} is not registered")
    ip_field = Event._meta.get_field("ip")
    event = Event(
        kind=kind.value,
        actor_kind=actor.kind,
        actor_user_id=actor.user.pk if actor.user is not None else None,
        actor_token_id=actor.token_id,
        actor_name=actor.name,
        account_id=account.pk if isinstance(account, models.Model) else account,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        data=_plain(data),
        # Stored as the column stores it, so that the chain's hash reads back the same.
        ip=ip_field.get_prep_value(actor.ip) if actor.ip else None,
        user_agent=actor.user_agent,
        created_at=at or timezone.now(),
    )
    if kind.value in _AUDITED:
        _chain(event)
    event.save()
    for handler in _SUBSCRIBERS.get(kind.value, ()):
        handler(event, subject)
    return event


def _chain(event: Event) -> None:
    # The head row serializes audited writes: two at once would both link to the same row.
    AuditChain.objects.bulk_create([AuditChain(pk=1)], ignore_conflicts=True)
    head = AuditChain.objects.select_for_update().get(pk=1)
    event.audit_seq = head.last_seq + 1
    event.audit_hash = event_hash(event, head.last_hash)
    head.last_seq, head.last_hash = event.audit_seq, event.audit_hash
    head.save()


def label(event: Event) -> str:
    kind = _KINDS.get(event.kind)
    return str(kind.label) if kind is not None else event.kind


def describe(event: Event) -> str:
    """The event in words, in the active language."""
    kind = _KINDS.get(event.kind)
    describer = _DESCRIBERS.get(type(kind)) if kind is not None else None
    return describer(event) if describer is not None else label(event)


class CoreEvent(EventKind):
    """The portal's own events (registered in core's ``ready()``)."""

    STAFF_MAIL_CHANGED = "staff.mail_preferences", _("Staff e-mail preferences changed")


class ConfigEvent(EventKind):
    """The vendor's configuration changed: audited, with the fields before and after."""

    VENDOR_CHANGED = "config.vendor_changed", _("Vendor configuration changed")
