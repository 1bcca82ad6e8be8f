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


def step_url(request: SignatureRequest, step: SignatureStep) -> str:
    """Where the step is taken: the vendor's countersignatory signs from the back office."""
    if step.role == SignatureStep.Role.COUNTERSIGN:
        return _url("contracts_staff:countersign", request.public_id)
    return _url("contracts:signature", request.public_id)


@events.subscribe(
    SignatureEvent.REQUESTED,
    SignatureEvent.APPROVED,
    SignatureEvent.SEALED,
    SignatureEvent.REMINDED,
)
def mail_the_next_in_line(event, request: SignatureRequest) -> None:
    step = request.steps.filter(status=SignatureStep.Status.WAITING).select_related("user").first()
    if step is None or request.status != SignatureRequest.Status.PENDING:
        return
    if request.purpose == SignatureRequest.Purpose.NOTICE and event.kind != SignatureEvent.REMINDED:
        return  # the filer is taken to sign their notice at once
    queue_email(
        to=step.user.email,
        template="contracts/email/waiting",
        context={
            "user": step.user,
            "role": step.role,
            "contract": request.contract,
            "message": request.message,
            "expires_on": request.expires_on,
            "url": step_url(request, step),
            "reminder": event.kind == SignatureEvent.REMINDED,
        },
        language=step.user.language or settings.LANGUAGE_CODE,
    )


@events.subscribe(SignatureEvent.COMPLETED)
def mail_completion(event, request: SignatureRequest) -> None:
    if request.purpose == SignatureRequest.Purpose.NOTICE:
        return  # filed: the request's confirmation tells the filer
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
    sender = _sender(request)
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


def _sender(request: SignatureRequest) -> User | None:
    if not request.created_by_id:
        return None
    return User.objects.filter(pk=request.created_by_id).first()


@events.subscribe(SignatureEvent.EXPIRED)
def mail_expiry(event, request: SignatureRequest) -> None:
    people = {step.user_id: step.user for step in request.steps.select_related("user")}
    sender = _sender(request)
    if sender is not None:
        people.setdefault(sender.pk, sender)
    for person in people.values():
        queue_email(
            to=person.email,
            template="contracts/email/expired",
            context={
                "contract": request.contract,
                "expires_on": request.expires_on,
                "url": _url("contracts:detail", request.contract.public_id),
            },
            language=person.language or settings.LANGUAGE_CODE,
        )
