"""Every customer-side read of requests, through the tenancy gate (grant ``requests``)."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from clientdesk.accounts.models import CustomerAccount, User
from clientdesk.core import grants as G
from clientdesk.core import trigram
from clientdesk.core.models import Event
from clientdesk.core.tenancy import accounts_holding, get_visible_or_404
from clientdesk.support import sla
from clientdesk.support.events import HISTORY_KINDS, INTERNAL_KINDS
from clientdesk.support.models import (
    OPEN_STATUSES,
    Attachment,
    Message,
    RequestType,
    SupportRequest,
)

OPEN = "open"  # the status filter's value for every open status


def accounts_for_requests(user) -> list[CustomerAccount]:
    """The accounts the user may file requests for."""
    return accounts_holding(user, G.REQUESTS)


def active_types() -> QuerySet[RequestType]:
    return RequestType.objects.active()


def active_type(code: str) -> RequestType | None:
    return RequestType.objects.active().select_related("queue").filter(code=code).first()


def requests_of(user) -> QuerySet[SupportRequest]:
    """The requests of every account where the user holds ``requests``: theirs and colleagues'."""
    return SupportRequest.objects.listed_for(user, G.REQUESTS).select_related(
        "type", "account", "requester"
    )


def request_for(user, number: str) -> SupportRequest:
    return get_visible_or_404(
        SupportRequest.objects.select_related("type", "account", "requester", "queue"),
        user,
        G.REQUESTS,
        number=number,
    )


def attachment_for(user, number: str, public_id) -> Attachment:
    """A file the customer may download: of one of their requests, never of a note."""
    return get_visible_or_404(
        Attachment.objects.public(), user, G.REQUESTS, request__number=number, public_id=public_id
    )


def public_conversation(support_request: SupportRequest) -> list[Message]:
    """The messages a customer sees: replies only, with their files. Internal notes are
    left out here, in the query, so no template or e-mail can show one by mistake."""
    return list(
        support_request.messages.public()
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
    )


def request_files(support_request: SupportRequest) -> list[Attachment]:
    """The files sent with the request itself (not with a reply)."""
    return list(support_request.attachments.filter(message__isnull=True))


def history(support_request: SupportRequest, *, internal: bool = False) -> list[Event]:
    """What happened to the request; staff also see who worked it (``internal``)."""
    kinds = [kind for kind in HISTORY_KINDS if internal or kind not in INTERNAL_KINDS]
    return list(
        Event.objects.about(support_request).filter(kind__in=kinds).select_related("actor_user")
    )


def narrow(
    queryset: QuerySet[SupportRequest],
    *,
    q: str = "",
    status: str = "",
    type: RequestType | None = None,
    **_other: Any,
) -> QuerySet[SupportRequest]:
    """The filters that "My requests" and the staff queues share."""
    if status == OPEN:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if type is not None:
        queryset = queryset.filter(type=type)
    return search(queryset, q)


def requests_matching(
    user: User,
    *,
    created_from: date | None = None,
    created_to: date | None = None,
    mine: bool = False,
    **shared: Any,
) -> QuerySet[SupportRequest]:
    """The user's (and colleagues') requests that pass the filters of "My requests"."""
    queryset = narrow(requests_of(user), **shared)
    tz = sla.vendor_calendar().tz
    if created_from:
        queryset = queryset.filter(created_at__gte=datetime.combine(created_from, time.min, tz))
    # The last date there is has no next day to end before: it bounds nothing.
    if created_to and created_to < date.max:
        end = datetime.combine(created_to, time.min, tz) + timedelta(days=1)
        queryset = queryset.filter(created_at__lt=end)
    if mine:
        queryset = queryset.filter(requester=user)
    return queryset


def search(queryset: QuerySet[SupportRequest], text: str) -> QuerySet[SupportRequest]:
    """By number (whole, or a part of it such as its digits), or by words all found in the
    subject or description.

    Only words the trigram index can look up select rows; shorter ones ("de", "2") then
    narrow what those found. A query with no such word is a request number, whole.
    """
    text = " ".join(text.split())
    if not text:
        return queryset
    words = text.split()[:8]
    if not any(trigram.is_indexed(word) for word in words):
        return queryset.filter(trigram.contains(text, "number"))
    every_word = Q()
    for word in words:
        every_word &= Q(subject__icontains=word) | Q(description__icontains=word)
    return queryset.filter(trigram.contains(text, "number") | every_word)
