"""E-mails about requests: subscribers of the request's events, queued in the durable outbox.

The requester hears of what the vendor's side did; the staff of the request's queue hear of
a new request and of a customer's reply (each kind of which a staff member may switch off).

Only public content reaches these messages: a staff reply, never an internal
note (``reply_sent`` refuses one), and the request's own fields. Links come
from PORTAL_URL: the worker and the API have no browser's address to use.
"""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import User
from clientdesk.core import staff_mail
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


NEW_REQUEST = "support.new_request"
CUSTOMER_REPLY = "support.customer_reply"


def register_staff_topics() -> None:
    staff_mail.register(
        staff_mail.StaffTopic(key=NEW_REQUEST, label=_("A new request in one of my queues"))
    )
    staff_mail.register(
        staff_mail.StaffTopic(
            key=CUSTOMER_REPLY,
            label=_("A customer's reply to a request in my queues (only mine, once assigned)"),
        )
    )


def _queue_staff(support_request: SupportRequest) -> QuerySet[User]:
    """Who works the request's queue: named as members, or through its role group."""
    queue = support_request.queue
    in_queue = Q(support_queues=queue)
    if queue.group_id is not None:
        in_queue |= Q(groups=queue.group_id)
    return User.objects.filter(in_queue).distinct()


def _tell_staff(
    support_request: SupportRequest, topic: str, template: str, staff: QuerySet[User], **context
) -> None:
    path = reverse("support_staff:detail", args=[support_request.number])
    for person in staff_mail.wanting(topic, staff).order_by("pk"):
        with translation.override(person.language):
            fields = support_request.type.kind.fields(support_request.details)
        queue_email(
            to=person.email,
            template=f"support/email/{template}",
            context={
                "support_request": support_request,
                "person": person,
                "fields": fields,
                "url": f"{settings.PORTAL_URL}{path}",
                **context,
            },
            language=person.language,
        )


@subscribe(RequestEvent.CREATED)
def staff_new_request(event: Event, support_request: SupportRequest) -> None:
    staff = _queue_staff(support_request)
    if event.actor_user_id is not None:
        staff = staff.exclude(pk=event.actor_user_id)
    _tell_staff(support_request, NEW_REQUEST, "staff_new", staff)


@subscribe(RequestEvent.REPLIED)
def staff_customer_reply(event: Event, support_request: SupportRequest) -> None:
    """The assignee hears of the reply; a request nobody took yet, its whole queue."""
    if support_request.assignee_id is not None:
        staff = User.objects.filter(pk=support_request.assignee_id)
    else:
        staff = _queue_staff(support_request)
    message = Message.objects.get(pk=event.data["message"])
    _tell_staff(support_request, CUSTOMER_REPLY, "staff_reply", staff, message=message)
