"""E-mails of signature requests, queued by subscribers in the transaction of each step."""

from django.conf import settings
from django.urls import reverse

from clientdesk.accounts.models import User
from clientdesk.contracts.events import SignatureEvent
from clientdesk.contracts.models import SignatureRequest, SignatureStep
from clientdesk.core import events
from clientdesk.core.mail import queue_email


def _url(name: str, *args) -> str:
    return f"{settings.PORTAL_URL}{reverse(name, args=args)}"


@events.subscribe(SignatureEvent.REQUESTED, SignatureEvent.APPROVED, SignatureEvent.SEALED)
def mail_the_next_in_line(event, request: SignatureRequest) -> None:
    step = request.steps.filter(status=SignatureStep.Status.WAITING).select_related("user").first()
    if step is None or request.status != SignatureRequest.Status.PENDING:
        return
    queue_email(
        to=step.user.email,
        template="contracts/email/waiting",
        context={
            "user": step.user,
            "role": step.role,
            "contract": request.contract,
            "message": request.message,
            "expires_on": request.expires_on,
            "url": _url("contracts:signature", request.public_id),
        },
        language=step.user.language or settings.LANGUAGE_CODE,
    )


@events.subscribe(SignatureEvent.COMPLETED)
def mail_completion(event, request: SignatureRequest) -> None:
    for step in request.steps.select_related("user"):
        queue_email(
            to=step.user.email,
            template="contracts/email/completed",
            context={
                "contract": request.contract,
                "url": _url("contracts:detail", request.contract.public_id),
            },
            language=step.user.language or settings.LANGUAGE_CODE,
        )


@events.subscribe(SignatureEvent.DECLINED)
def mail_decline(event, request: SignatureRequest) -> None:
    step = request.steps.filter(status=SignatureStep.Status.DECLINED).select_related("user").first()
    if step is None:
        return
    people = [s.user for s in request.steps.select_related("user") if s.user_id != step.user_id]
    sender = (
        User.objects.filter(pk=request.created_by_id).first() if request.created_by_id else None
    )
    if sender is not None:
        people.append(sender)
    for person in people:
        queue_email(
            to=person.email,
            template="contracts/email/declined",
            context={
                "contract": request.contract,
                "decliner": step.user.get_full_name(),
                "reason": step.decline_reason,
            },
            language=person.language or settings.LANGUAGE_CODE,
        )
