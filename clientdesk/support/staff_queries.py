"""Staff-side reads of requests: every queue, internal notes included."""

from django.db.models import Case, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from clientdesk.support.models import (
    OPEN_STATUSES,
    Attachment,
    Message,
    Queue,
    RequestEvent,
    SupportRequest,
)


def queue_requests() -> QuerySet[SupportRequest]:
    """Open requests first, most urgent first: the resolution target that falls due soonest."""
    finished = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1))
    return (
        SupportRequest.objects.select_related("type", "account", "assignee", "queue")
        .alias(finished=finished)
        .order_by("finished", "resolution_due", "pk")
    )


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


def history(support_request: SupportRequest) -> list[RequestEvent]:
    return list(support_request.events.select_related("actor"))


def attachment_for_staff(number: str, public_id) -> Attachment:
    return get_object_or_404(Attachment, request__number=number, public_id=public_id)
