"""Every staff write of a request, with optimistic concurrency.

A staff form carries the ``version`` of the request it was made from. The
save locks the row and compares: if anyone changed the request since (an
agent, the customer, the worker), ``Conflict`` is raised and nothing is
written, so the view can show the current request beside what the agent
typed. Internal notes only add a row and need no version.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clientdesk.support import lifecycle, notifications
from clientdesk.support.attachments import CheckedFile
from clientdesk.support.models import Message, Queue, RequestEvent, Status, SupportRequest
from clientdesk.support.services import store_attachments


class Conflict(Exception):
    def __init__(self, current: SupportRequest):
        super().__init__(current.number)
        self.current = current


def _lock(support_request: SupportRequest, version: int) -> SupportRequest:
    locked = (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("type", "requester", "assignee", "queue")
        .get(pk=support_request.pk)
    )
    if locked.version != version:
        raise Conflict(locked)
    return locked


def _change_status(locked: SupportRequest, target: str, *, staff, now) -> None:
    if not lifecycle.staff_can_set(locked.status, target):
        raise lifecycle.NotAllowed(
            _("A request cannot go from “%(from)s” to “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Status(target).label}
        )
    lifecycle.set_status(locked, target, actor=staff, now=now)


def _save(locked: SupportRequest) -> None:
    locked.version += 1
    locked.save()


@transaction.atomic
def request_staff_reply(
    *,
    support_request: SupportRequest,
    staff,
    version: int,
    body: str,
    attachments: list[CheckedFile],
    status: str = "",
    base_url: str = "",
) -> Message:
    """A public reply, e-mailed to the requester. Answering a new request starts work on it."""
    locked = _lock(support_request, version)
    now = timezone.now()
    message = Message.objects.create(
        request=locked, author=staff, from_staff=True, body=body.strip()
    )
    store_attachments(locked, attachments, user=staff, message=message)
    if locked.first_response_at is None:
        locked.first_response_at = now
    target = status or (Status.IN_PROGRESS if locked.status == Status.NEW else "")
    if target and target != locked.status:
        _change_status(locked, target, staff=staff, now=now)
    _save(locked)
    notifications.reply_sent(locked, message, base_url=base_url)
    return message


@transaction.atomic
def request_add_note(
    *, support_request: SupportRequest, staff, body: str, attachments: list[CheckedFile]
) -> Message:
    """A staff-only note: never shown to the customer, never e-mailed."""
    message = Message.objects.create(
        request=support_request, author=staff, from_staff=True, internal=True, body=body.strip()
    )
    store_attachments(support_request, attachments, user=staff, message=message)
    return message


@transaction.atomic
def request_update(
    *,
    support_request: SupportRequest,
    staff,
    version: int,
    status: str,
    assignee,
    queue: Queue,
    base_url: str = "",
) -> SupportRequest:
    """Save the request's status, assignee and queue as the agent set them."""
    locked = _lock(support_request, version)
    if (status, assignee, queue) == (locked.status, locked.assignee, locked.queue):
        return locked
    now = timezone.now()
    status_changed = status != locked.status
    if status_changed:
        _change_status(locked, status, staff=staff, now=now)
    if assignee != locked.assignee:
        _assign(locked, assignee, staff=staff)
    if queue != locked.queue:
        RequestEvent.objects.create(
            request=locked,
            actor=staff,
            kind=RequestEvent.Kind.QUEUE,
            data={"from": locked.queue.code, "to": queue.code},
        )
        locked.queue = queue
    _save(locked)
    if status_changed:
        notifications.status_changed(locked, base_url=base_url)
    return locked


def _assign(locked: SupportRequest, assignee, *, staff) -> None:
    RequestEvent.objects.create(
        request=locked,
        actor=staff,
        kind=RequestEvent.Kind.ASSIGNED,
        data={"to": assignee.get_full_name() if assignee else ""},
    )
    locked.assignee = assignee


@transaction.atomic
def request_take(*, support_request: SupportRequest, staff, version: int) -> None:
    locked = _lock(support_request, version)
    _assign(locked, staff, staff=staff)
    _save(locked)


@transaction.atomic
def request_release(*, support_request: SupportRequest, staff, version: int) -> None:
    locked = _lock(support_request, version)
    _assign(locked, None, staff=staff)
    _save(locked)


@dataclass
class BulkOutcome:
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@transaction.atomic
def requests_bulk_status(
    *, staff, versions: dict[str, int], status: str, base_url: str = ""
) -> BulkOutcome:
    """Set one status on many requests; each one changed since the list was shown is left."""
    outcome = BulkOutcome()
    now = timezone.now()
    requests = SupportRequest.objects.filter(number__in=versions).order_by("pk")
    for support_request in requests:
        number = support_request.number
        try:
            locked = _lock(support_request, versions[number])
            _change_status(locked, status, staff=staff, now=now)
        except Conflict:
            outcome.conflicts.append(number)
            continue
        except lifecycle.NotAllowed:
            outcome.refused.append(number)
            continue
        _save(locked)
        notifications.status_changed(locked, base_url=base_url)
        outcome.changed.append(number)
    return outcome
