"""Every write of a request, by the customer, by staff or by the worker: one function each.

Each service checks the actor may do it and the lifecycle allows it, locks
the request (checking the version the agent saw, where one is given), writes,
records the event with its actor and bumps ``version``. The e-mails these
events cause are subscribers (support/notifications.py), not calls made here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount, User
from clientdesk.accounts.validators import normalize_phone
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.locking import Conflict, lock, save_new_version
from clientdesk.support import deflection, lifecycle, sla
from clientdesk.support.attachments import CheckedFile
from clientdesk.support.errors import RequestError
from clientdesk.support.events import RequestEvent
from clientdesk.support.forms import MAX_TEXT
from clientdesk.support.models import (
    Attachment,
    Message,
    Queue,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.numbers import next_number


@dataclass(frozen=True)
class NewRequest:
    """What a request is filed with, whoever files it (a form, the API, the demo)."""

    account: CustomerAccount
    request_type: RequestType
    subject: str
    description: str
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    # The kind's own fields by name (types.RequestKind), as Python values or as text.
    details: Mapping[str, Any] = field(default_factory=dict)
    attachments: Sequence[CheckedFile] = ()
    # The new-request page visit, to tell FAQ deflection it was not deflected.
    visit: UUID | None = None


def _person(actor: Actor) -> User:
    if actor.user is None:
        raise ServiceError(RequestError.ACCOUNT, field="account")
    return actor.user


def _store_attachments(
    support_request: SupportRequest,
    files: Sequence[CheckedFile],
    *,
    actor: Actor,
    message: Message | None = None,
) -> list[Attachment]:
    stored = []
    for checked in files:
        attachment = Attachment(
            request=support_request,
            message=message,
            name=checked.name,
            content_type=checked.kind.content_type,
            size=checked.size,
            uploaded_by=actor.user,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _required_text(value: str, field_name: str, max_length: int) -> str:
    text = value.strip()
    if not text:
        raise ServiceError(RequestError.REQUIRED, field=field_name)
    if len(text) > max_length:
        raise ServiceError(RequestError.TOO_LONG, field=field_name, params={"max": max_length})
    return text


def _email(value: str) -> str:
    address = _required_text(value, "contact_email", 254)
    try:
        validate_email(address)
    except ValidationError:
        raise ServiceError(RequestError.EMAIL, field="contact_email") from None
    return address


def _contact_phone(value: str, user: User) -> str:
    if not value.strip():
        return ""
    try:
        return normalize_phone(value.strip(), str(user.country))
    except ValidationError as error:
        raise ServiceError(
            RequestError.REQUIRED, field="contact_phone", message=error.messages[0]
        ) from None


@transaction.atomic
def request_create(*, actor: Actor, new: NewRequest) -> SupportRequest:
    """File a request: the type's kind checks its fields and rules here, for every caller."""
    user = _person(actor)
    account = new.account
    if not CustomerAccount.objects.visible_to(user, G.REQUESTS).filter(pk=account.pk).exists():
        raise ServiceError(RequestError.ACCOUNT, field="account")
    request_type = new.request_type
    if not request_type.active:
        raise ServiceError(RequestError.TYPE_INACTIVE)
    kind = request_type.kind
    details = kind.clean_details(new.details)
    for rule in kind.rules:
        rule(details, user=user, account=account)
    calendar = sla.vendor_calendar()
    now = timezone.now()
    support_request = SupportRequest.objects.create(
        number=next_number(tz=calendar.tz),
        account=account,
        requester=user,
        type=request_type,
        queue=request_type.queue,
        subject=_required_text(new.subject, "subject", 200),
        description=_required_text(new.description, "description", MAX_TEXT),
        details=kind.detail_values(details),
        contact_name=_required_text(new.contact_name, "contact_name", 200),
        contact_email=_email(new.contact_email),
        contact_phone=_contact_phone(new.contact_phone, user),
        language=user.language,
        created_at=now,
        first_response_due=sla.first_response_due(request_type, now, calendar),
        resolution_due=sla.resolution_due(request_type, now, calendar),
    )
    _store_attachments(support_request, new.attachments, actor=actor)
    if kind.on_created is not None:
        kind.on_created(support_request)
    deflection.mark_filed(user=user, visit=new.visit, support_request=support_request)
    events.record(
        RequestEvent.CREATED,
        actor=actor,
        account=account,
        subject=support_request,
        data={"number": support_request.number, "type": request_type.code},
        at=now,
    )
    return support_request


def _locked(support_request: SupportRequest, version: int | None = None) -> SupportRequest:
    return lock(
        SupportRequest.objects.select_related("type", "requester", "assignee", "queue"),
        support_request.pk,
        version=version,
    )


def _check_customer(actor: Actor, support_request: SupportRequest) -> None:
    """A customer acts on a request of an account where they hold ``requests``."""
    user = _person(actor)
    visible = SupportRequest.objects.visible_to(user, G.REQUESTS)
    if not visible.filter(pk=support_request.pk).exists():
        raise ServiceError(RequestError.ACCOUNT)


def _check_staff(actor: Actor) -> None:
    if actor.user is not None and not actor.user.has_perm("support.change_supportrequest"):
        raise ServiceError(RequestError.ACCOUNT)


def _record(kind: RequestEvent, actor: Actor, support_request: SupportRequest, **data: Any) -> None:
    events.record(
        kind, actor=actor, account=support_request.account_id, subject=support_request, data=data
    )


@transaction.atomic
def request_reply(
    *, actor: Actor, support_request: SupportRequest, body: str, attachments: Sequence[CheckedFile]
) -> Message:
    """The customer answers; a request waiting on them goes back to the team."""
    _check_customer(actor, support_request)
    locked = _locked(support_request)
    if not lifecycle.customer_can_reply(locked):
        raise ServiceError(RequestError.FINISHED)
    message = Message.objects.create(
        request=locked, author=actor.user, body=_required_text(body, "body", MAX_TEXT)
    )
    _store_attachments(locked, attachments, actor=actor, message=message)
    if locked.status == Status.WAITING:
        lifecycle.set_status(locked, Status.IN_PROGRESS, actor=actor, now=timezone.now())
    save_new_version(locked)
    _record(RequestEvent.REPLIED, actor, locked, message=message.pk)
    return message


@transaction.atomic
def request_cancel(*, actor: Actor, support_request: SupportRequest) -> None:
    _check_customer(actor, support_request)
    locked = _locked(support_request)
    if not lifecycle.customer_can_cancel(locked):
        raise ServiceError(RequestError.NOT_OPEN)
    lifecycle.set_status(locked, Status.CANCELLED, actor=actor, now=timezone.now())
    save_new_version(locked)


@transaction.atomic
def request_reopen(*, actor: Actor, support_request: SupportRequest, body: str) -> None:
    """Within the type's reopen window, a resolved request goes back to the team with a reason."""
    _check_customer(actor, support_request)
    locked = _locked(support_request)
    now = timezone.now()
    if not lifecycle.customer_can_reopen(locked, now):
        raise ServiceError(RequestError.REOPEN_CLOSED)
    message = Message.objects.create(
        request=locked, author=actor.user, body=_required_text(body, "body", MAX_TEXT)
    )
    lifecycle.set_status(locked, Status.IN_PROGRESS, actor=actor, now=now, message=message.pk)
    save_new_version(locked)


@transaction.atomic
def request_rate(
    *, actor: Actor, support_request: SupportRequest, rating: int, comment: str = ""
) -> None:
    """Rating a resolved request confirms it: the request is closed."""
    _check_customer(actor, support_request)
    locked = _locked(support_request)
    if not lifecycle.customer_can_rate(locked) or not 1 <= rating <= 5:
        raise ServiceError(RequestError.RATE, field="rating")
    locked.satisfaction = rating
    locked.satisfaction_comment = comment.strip()
    _record(RequestEvent.RATED, actor, locked, rating=rating)
    if locked.status == Status.RESOLVED:
        lifecycle.set_status(locked, Status.CLOSED, actor=actor, now=timezone.now())
    save_new_version(locked)


@transaction.atomic
def request_staff_reply(
    *,
    actor: Actor,
    support_request: SupportRequest,
    version: int,
    body: str,
    attachments: Sequence[CheckedFile] = (),
    status: str = "",
) -> Message:
    """A public reply, e-mailed to the requester. Answering a new request starts work on it."""
    _check_staff(actor)
    locked = _locked(support_request, version)
    now = timezone.now()
    message = Message.objects.create(
        request=locked,
        author=actor.user,
        from_staff=True,
        body=_required_text(body, "body", MAX_TEXT),
    )
    _store_attachments(locked, attachments, actor=actor, message=message)
    if locked.first_response_at is None:
        locked.first_response_at = now
    target = status or (Status.IN_PROGRESS if locked.status == Status.NEW else "")
    if target and target != locked.status:
        lifecycle.check_staff_transition(locked, target)
        lifecycle.set_status(locked, target, actor=actor, now=now, with_reply=message.pk)
    save_new_version(locked)
    _record(RequestEvent.STAFF_REPLIED, actor, locked, message=message.pk)
    return message


@transaction.atomic
def request_add_note(
    *,
    actor: Actor,
    support_request: SupportRequest,
    body: str,
    attachments: Sequence[CheckedFile] = (),
) -> Message:
    """A staff-only note: never shown to the customer, never e-mailed. It needs no version."""
    _check_staff(actor)
    message = Message.objects.create(
        request=support_request,
        author=actor.user,
        from_staff=True,
        internal=True,
        body=_required_text(body, "body", MAX_TEXT),
    )
    _store_attachments(support_request, attachments, actor=actor, message=message)
    _record(RequestEvent.NOTE_ADDED, actor, support_request, message=message.pk)
    return message


def _assign(locked: SupportRequest, assignee: User | None, *, actor: Actor) -> None:
    _record(RequestEvent.ASSIGNED, actor, locked, to=assignee.get_full_name() if assignee else "")
    locked.assignee = assignee


@transaction.atomic
def request_update(
    *,
    actor: Actor,
    support_request: SupportRequest,
    version: int,
    status: str,
    assignee: User | None,
    queue: Queue,
) -> SupportRequest:
    """Save the request's status, assignee and queue as the agent set them."""
    _check_staff(actor)
    locked = _locked(support_request, version)
    if (status, assignee, queue) == (locked.status, locked.assignee, locked.queue):
        return locked
    if status != locked.status:
        lifecycle.check_staff_transition(locked, status)
        lifecycle.set_status(locked, status, actor=actor, now=timezone.now())
    if assignee != locked.assignee:
        _assign(locked, assignee, actor=actor)
    if queue != locked.queue:
        _record(RequestEvent.QUEUE, actor, locked, **{"from": locked.queue.code, "to": queue.code})
        locked.queue = queue
    save_new_version(locked)
    return locked


@transaction.atomic
def request_take(*, actor: Actor, support_request: SupportRequest, version: int) -> None:
    _check_staff(actor)
    if actor.user is None:
        raise ServiceError(RequestError.NOBODY)
    locked = _locked(support_request, version)
    _assign(locked, actor.user, actor=actor)
    save_new_version(locked)


@transaction.atomic
def request_release(*, actor: Actor, support_request: SupportRequest, version: int) -> None:
    _check_staff(actor)
    locked = _locked(support_request, version)
    _assign(locked, None, actor=actor)
    save_new_version(locked)


@dataclass
class BulkOutcome:
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@transaction.atomic
def requests_bulk_status(*, actor: Actor, versions: dict[str, int], status: str) -> BulkOutcome:
    """Set one status on many requests; each one changed since the list was shown is left."""
    _check_staff(actor)
    outcome = BulkOutcome()
    now = timezone.now()
    for support_request in SupportRequest.objects.filter(number__in=versions).order_by("pk"):
        number = support_request.number
        try:
            locked = _locked(support_request, versions[number])
            lifecycle.check_staff_transition(locked, status)
        except Conflict:
            outcome.conflicts.append(number)
            continue
        except ServiceError:
            outcome.refused.append(number)
            continue
        lifecycle.set_status(locked, status, actor=actor, now=now)
        save_new_version(locked)
        outcome.changed.append(number)
    return outcome


@transaction.atomic
def request_close_after_reopen_window(*, actor: Actor, request_id: int, resolved_at: str) -> bool:
    """Close a request whose reopen window has ended, if nobody reopened it meanwhile."""
    support_request = (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("type", "requester")
        .filter(pk=request_id, status=Status.RESOLVED)
        .first()
    )
    # A request reopened and resolved again has a newer task of its own.
    if support_request is None or support_request.resolved_at is None:
        return False
    if support_request.resolved_at != datetime.fromisoformat(resolved_at):
        return False
    lifecycle.set_status(support_request, Status.CLOSED, actor=actor, now=timezone.now())
    save_new_version(support_request)
    return True
