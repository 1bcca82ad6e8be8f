"""The audit log as staff read it: every event, filtered, a page at a time, and each row's
place in the hash chain (core/chain.py)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext as _

from clientdesk.core import events
from clientdesk.core.chain import event_hash
from clientdesk.core.models import AuditChain, Event, VendorConfig

CSV_CHUNK = 1000


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    actor: str = ""  # the acting user's e-mail
    account: str = ""  # a customer account's number, or part of its name
    since: date | None = None
    until: date | None = None
    subject: str = ""


def kind_choices() -> list[tuple[str, str]]:
    return sorted(
        ((kind.value, str(kind.label)) for kind in events.registered_kinds()),
        key=lambda choice: choice[1].casefold(),
    )


def _start_of(day: date, *, days_later: int = 0) -> datetime | None:
    """The day's first instant in the vendor's time zone (days as the page shows them), or
    None at the ends of the calendar, where there is nothing to bound."""
    if not date.min + timedelta(days=1) < day < date.max - timedelta(days=days_later):
        return None
    moment = datetime.combine(day + timedelta(days=days_later), time.min)
    return moment.replace(tzinfo=ZoneInfo(VendorConfig.get().time_zone))


def matching(filters: Filters):
    """The events the filters select, with the actor and the account read in the same query."""
    rows = Event.objects.select_related("actor_user", "account")
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.actor:
        rows = rows.filter(actor_user__email__iexact=filters.actor)
    if filters.account:
        rows = rows.filter(
            Q(account__number__iexact=filters.account) | Q(account__name__icontains=filters.account)
        )
    since = _start_of(filters.since) if filters.since else None
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    until = _start_of(filters.until, days_later=1) if filters.until else None
    if until is not None:
        rows = rows.filter(created_at__lt=until)
    if filters.subject:
        rows = rows.filter(subject_id=filters.subject)
    return rows


def actor_shown(event: Event) -> str:
    if event.actor_user is not None:
        return event.actor_user.email
    return event.actor_name or event.actor_kind


@dataclass(frozen=True)
class Link:
    """Whether an audited row still matches its hash, and the next row still names it."""

    holds: bool
    next_holds: bool | None  # None: it is the last row of the chain


def link(event: Event) -> Link | None:
    """The row's link in the chain (None for an event the chain does not cover)."""
    if event.audit_seq is None:
        return None
    near = {
        row.audit_seq: row
        for row in Event.objects.filter(audit_seq__in=[event.audit_seq - 1, event.audit_seq + 1])
    }
    previous, following = near.get(event.audit_seq - 1), near.get(event.audit_seq + 1)
    if previous is None and event.audit_seq > 1:
        return Link(holds=False, next_holds=None)
    previous_hash = previous.audit_hash if previous is not None else ""
    holds = event_hash(event, previous_hash) == event.audit_hash
    if following is not None:
        return Link(
            holds, next_holds=event_hash(following, event.audit_hash) == following.audit_hash
        )
    # No row after it: it must be the head of the chain.
    head = AuditChain.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    return Link(holds, next_holds=None if head == event.audit_seq else False)


def csv_headers() -> list[str]:
    return [
        _("Time"),
        _("Kind"),
        _("Code"),
        _("Actor"),
        _("Customer number"),
        _("Customer"),
        _("IP"),
        _("Subject"),
        _("Subject id"),
        _("Chain position"),
    ]


def csv_rows(filters: Filters) -> Iterator[list]:
    zone = ZoneInfo(VendorConfig.get().time_zone)
    for event in matching(filters).order_by("pk").iterator(chunk_size=CSV_CHUNK):
        account = event.account
        yield [
            event.created_at.astimezone(zone).isoformat(timespec="seconds"),
            events.label(event),
            event.kind,
            actor_shown(event),
            account.number if account is not None else "",
            account.name if account is not None else "",
            event.ip,
            event.subject_type,
            event.subject_id,
            event.audit_seq,
        ]
