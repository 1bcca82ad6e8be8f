"""Every customer-side write of a request: one function per use case, atomic.

Each change locks the request row, checks the lifecycle, records what
happened, bumps ``version`` (so a staff save made from an older view is
refused, see staff_services) and queues e-mail after commit.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts import grants as G
from clientdesk.core.tenancy import accounts_visible_to
from clientdesk.support import deflection, lifecycle, notifications, sla
from clientdesk.support.attachments import CheckedFile
from clientdesk.support.models import (
    Attachment,
    Message,
    RequestEvent,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.numbers import next_number


def store_attachments(
    support_request: SupportRequest, files: list[CheckedFile], *, user, message=None
) -> list[Attachment]:
    stored = []
    for checked in files:
        attachment = Attachment(
            request=support_request,
            message=message,
            name=checked.name,
            content_type=checked.kind.content_type,
            size=checked.size,
            uploaded_by=user,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def request_create(
    *, user, request_type: RequestType, data: dict, base_url: str = ""
) -> SupportRequest:
    """File a request of ``request_type`` from a valid form's cleaned data."""
    account = data["account"]
    if not accounts_visible_to(user, G.REQUESTS).filter(pk=account.pk).exists():
        raise PermissionDenied
    kind = request_type.kind
    calendar = sla.vendor_calendar()
    now = timezone.now()
    support_request = SupportRequest.objects.create(
        number=next_number(tz=calendar.tz),
        account=account,
        requester=user,
        type=request_type,
        queue=request_type.queue,
        subject=data["subject"].strip(),
        description=data["description"].strip(),
        details=kind.detail_values(data),
        contact_name=data["contact_name"].strip(),
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        language=user.language,
        created_at=now,
        first_response_due=sla.first_response_due(request_type, now, calendar),
        resolution_due=sla.resolution_due(request_type, now, calendar),
    )
    store_attachments(support_request, data.get("attachments", []), user=user)
    RequestEvent.objects.create(
        request=support_request, actor=user, kind=RequestEvent.Kind.CREATED, data={}
    )
    if kind.on_created is not None:
        kind.on_created(support_request)
    deflection.mark_filed(user=user, visit=data.get("visit"), support_request=support_request)
    notifications.request_created(support_request, base_url=base_url)
    return support_request


def _lock(support_request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("type", "requester")
        .get(pk=support_request.pk)
    )


def _save(support_request: SupportRequest) -> None:
    support_request.version += 1
    support_request.save()


@transaction.atomic
def request_reply(
    *, support_request: SupportRequest, user, body: str, attachments: list[CheckedFile]
) -> Message:
    """The customer answers; a request waiting on them goes back to the team."""
    locked = _lock(support_request)
    if not lifecycle.customer_can_reply(locked):
        raise lifecycle.not_allowed("reply")
    message = Message.objects.create(request=locked, author=user, body=body.strip())
    store_attachments(locked, attachments, user=user, message=message)
    if locked.status == Status.WAITING:
        lifecycle.set_status(locked, Status.IN_PROGRESS, actor=user, now=timezone.now())
    _save(locked)
    return message


@transaction.atomic
def request_cancel(*, support_request: SupportRequest, user) -> None:
    locked = _lock(support_request)
    if not lifecycle.customer_can_cancel(locked):
        raise lifecycle.not_allowed("cancel")
    lifecycle.set_status(locked, Status.CANCELLED, actor=user, now=timezone.now())
    _save(locked)


@transaction.atomic
def request_reopen(*, support_request: SupportRequest, user, body: str) -> None:
    """Within the type's reopen window, a resolved request goes back to the team with a reason."""
    locked = _lock(support_request)
    now = timezone.now()
    if not lifecycle.customer_can_reopen(locked, now):
        raise lifecycle.not_allowed("reopen")
    Message.objects.create(request=locked, author=user, body=body.strip())
    lifecycle.set_status(locked, Status.IN_PROGRESS, actor=user, now=now)
    _save(locked)


@transaction.atomic
def request_rate(*, support_request: SupportRequest, user, rating: int, comment: str) -> None:
    """Rating a resolved request confirms it: the request is closed."""
    locked = _lock(support_request)
    if not lifecycle.customer_can_rate(locked) or not 1 <= rating <= 5:
        raise lifecycle.not_allowed("rate")
    locked.satisfaction = rating
    locked.satisfaction_comment = comment.strip()
    RequestEvent.objects.create(
        request=locked, actor=user, kind=RequestEvent.Kind.RATED, data={"rating": rating}
    )
    if locked.status == Status.RESOLVED:
        lifecycle.set_status(locked, Status.CLOSED, actor=user, now=timezone.now())
    _save(locked)
