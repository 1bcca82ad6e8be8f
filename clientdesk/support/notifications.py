"""E-mails to the requester: subscribers of the request's events, queued in the durable outbox.

Only public content reaches these messages: a staff reply, never an internal
note (``reply_sent`` refuses one), and the request's own fields. Links come
from PORTAL_URL: the worker and the API have no browser's address to use.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from clientdesk.core.actors import ActorKind
from clientdesk.core.events import subscribe
from clientdesk.core.mail import queue_email
from clientdesk.core.models import Event
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import Message, SupportRequest


def _recipient(support_request: SupportRequest) -> tuple[str, str]:
    requester = support_request.requester
    if requester is None:
        return support_request.contact_email, support_request.language
    return requester.email, requester.language


def _send(support_request: SupportRequest, template: str, **context) -> None:
    to, language = _recipient(support_request)
    path = reverse("support:detail", args=[support_request.number])
    queue_email(
        to=to,
        template=f"support/email/{template}",
        context={
            "support_request": support_request,
            "url": f"{settings.PORTAL_URL}{path}",
            **context,
        },
        language=language,
    )


@subscribe(RequestEvent.CREATED)
def request_created(event: Event, support_request: SupportRequest) -> None:
    _to, language = _recipient(support_request)
    with translation.override(language):
        fields = support_request.type.kind.fields(support_request.details)
    _send(support_request, "created", fields=fields)


def reply_sent(support_request: SupportRequest, message: Message) -> None:
    if message.internal:
        raise ValueError("An internal note is never e-mailed to the customer.")
    _send(support_request, "reply", message=message)


@subscribe(RequestEvent.STAFF_REPLIED)
def staff_replied(event: Event, support_request: SupportRequest) -> None:
    reply_sent(support_request, Message.objects.get(pk=event.data["message"]))


@subscribe(RequestEvent.STATUS)
def status_changed(event: Event, support_request: SupportRequest) -> None:
    """The requester hears of a change made on the vendor's side: by staff or by the worker.

    Not of their own (or a colleague's) change, which they saw happen, and not of
    one that came with a staff reply, whose e-mail says it.
    """
    if "with_reply" in event.data:
        return
    by_customer = event.actor_kind != ActorKind.SYSTEM and not (
        event.actor_user is not None and event.actor_user.is_staff
    )
    if not by_customer:
        _send(support_request, "status")
