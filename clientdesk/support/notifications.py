"""E-mails to the requester, queued in the durable outbox and sent after commit.

Only public content reaches these messages: a staff reply, never an internal
note (``reply_sent`` refuses one), and the request's own fields.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from clientdesk.core.mail import queue_email
from clientdesk.support.models import Message, SupportRequest


def site_origin(http_request) -> str:
    """The portal's origin as the user reached it, for the links in e-mails."""
    return http_request.build_absolute_uri("/").rstrip("/")


def _recipient(support_request: SupportRequest) -> tuple[str, str]:
    requester = support_request.requester
    if requester is None:
        return support_request.contact_email, support_request.language
    return requester.email, requester.language


def _send(support_request: SupportRequest, template: str, base_url: str, **context) -> None:
    to, language = _recipient(support_request)
    path = reverse("support:detail", args=[support_request.number])
    queue_email(
        to=to,
        template=f"support/email/{template}",
        context={
            "support_request": support_request,
            # The worker has no request to take the origin from: PORTAL_URL then.
            "url": f"{base_url or settings.PORTAL_URL}{path}",
            **context,
        },
        language=language,
    )


def request_created(support_request: SupportRequest, *, base_url: str) -> None:
    _to, language = _recipient(support_request)
    with translation.override(language):
        fields = support_request.type.kind.fields(support_request.details)
    _send(support_request, "created", base_url, fields=fields)


def reply_sent(support_request: SupportRequest, message: Message, *, base_url: str) -> None:
    if message.internal:
        raise ValueError("An internal note is never e-mailed to the customer.")
    _send(support_request, "reply", base_url, message=message)


def status_changed(support_request: SupportRequest, *, base_url: str) -> None:
    _send(support_request, "status", base_url)
