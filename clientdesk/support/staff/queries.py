"""Staff-side reads of requests: every queue, internal notes included."""

from typing import Any

from django.db.models import Case, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from clientdesk.accounts.models import User
from clientdesk.support import queries, sla
from clientdesk.support.models import OPEN_STATUSES, Attachment, Message, Queue, SupportRequest

MY_QUEUES, ALL_QUEUES = "mine", "all"
ME, NOBODY = "me", "nobody"


def queue_requests() -> QuerySet[SupportRequest]:
    """Open requests first, most urgent first: the resolution target that falls due soonest."""
    finished = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1))
    return (
        SupportRequest.objects.select_related("type", "account", "assignee", "queue")
        .alias(finished=finished)
        .order_by("finished", "resolution_due", "pk")
    )


def queue_matching(
    staff: User,
    *,
    queue: str = "",
    assignee: str = "",
    overdue: bool = False,
    due_soon: bool = False,
    **shared: Any,
) -> QuerySet[SupportRequest]:
    """The requests of the staff queue's filters: by default the open ones of my queues."""
    queryset = queries.narrow(queue_requests(), **shared)
    if shared.get("status"):
        # Every row is open, or none is: by due date alone, which the partial index of the
        # open requests serves in order (the default queue stops after a page, not a sort).
        queryset = queryset.order_by("resolution_due", "pk")
    queue = queue or MY_QUEUES
    if queue == MY_QUEUES:
        queryset = queryset.filter(queue__in=Queue.objects.worked_by(staff))
    elif queue != ALL_QUEUES:
        queryset = queryset.filter(queue__code=queue)
    if assignee == ME:
        queryset = queryset.filter(assignee=staff)
    elif assignee == NOBODY:
        queryset = queryset.filter(assignee__isnull=True)
    if overdue:
        queryset = queryset.filter(sla.overdue(timezone.now()))
    if due_soon:
        queryset = queryset.filter(sla.due_soon(timezone.now()))
    return queryset


def queues() -> list[Queue]:
    return list(Queue.objects.all())


def request_for_staff(number: str) -> SupportRequest:
    return get_object_or_404(
        SupportRequest.objects.select_related("type", "account", "requester", "queue", "assignee"),
        number=number,
    )


def conversation(support_request: SupportRequest) -> list[Message]:
    return list(
        support_request.messages.select_related("author").prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
        )
    )


def attachment_for_staff(number: str, public_id) -> Attachment:
    return get_object_or_404(Attachment, request__number=number, public_id=public_id)
