"""Every customer-side read of requests, through the tenancy gate (grant ``requests``)."""

from django.db.models import Prefetch, Q, QuerySet

from clientdesk.accounts import grants as G
from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.tenancy import accounts_visible_to, get_visible_or_404
from clientdesk.support.models import (
    Attachment,
    Message,
    RequestEvent,
    RequestType,
    SupportRequest,
)


def accounts_for_requests(user) -> list[CustomerAccount]:
    """The accounts the user may file requests for."""
    return list(accounts_visible_to(user, G.REQUESTS).order_by("name"))


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


def public_history(support_request: SupportRequest) -> list[RequestEvent]:
    return list(
        support_request.events.exclude(kind__in=RequestEvent.INTERNAL_KINDS).select_related("actor")
    )


def search(queryset: QuerySet[SupportRequest], text: str) -> QuerySet[SupportRequest]:
    """By number (whole or its digits), or by words all found in the subject or description."""
    text = " ".join(text.split())
    if not text:
        return queryset
    every_word = Q()
    for word in text.split()[:8]:
        every_word &= Q(subject__icontains=word) | Q(description__icontains=word)
    return queryset.filter(Q(number__icontains=text) | every_word)
