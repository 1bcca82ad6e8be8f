"""The daily job of pending signature requests: reminders to whoever's turn it is, then expiry.

The vendor sets the schedule (VendorConfig): the first reminder so many days
after sending, then one every so many days, at most so many. A reminder goes
out on a working day of the vendor's calendar only; one due on a weekend or a
holiday goes out on the next working day. Each reminder is an event
(``signature.reminded``), counted and dated, so running the job again sends
nothing new. A request whose last day (``expires_on``) has passed is marked
expired; its subscriber tells the sender and the participants.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from clientdesk.contracts import queries, signatures
from clientdesk.contracts.events import SignatureEvent
from clientdesk.contracts.models import Contract, SignatureRequest
from clientdesk.core.actors import Actor
from clientdesk.core.locking import lock, save_new_version
from clientdesk.core.models import Event, VendorConfig

R = SignatureRequest.Status


def reminders_sent(request: SignatureRequest) -> list[Event]:
    return list(Event.objects.about(request).filter(kind=SignatureEvent.REMINDED.value))


def next_reminder_due(request: SignatureRequest, sent: int, config: VendorConfig) -> date | None:
    """The day the reminder after ``sent`` others is due, by the schedule; None: no more."""
    if sent >= config.reminder_max:
        return None
    first = timezone.localdate(request.created_at) + timedelta(days=config.reminder_first_days)
    return first + timedelta(days=sent * config.reminder_every_days)


@transaction.atomic
def signature_remind(*, actor: Actor, request: SignatureRequest, today: date) -> bool:
    """Remind the person whose turn it is, when a reminder is due today; True when sent."""
    request = lock(SignatureRequest.objects.select_related("contract"), request.pk)
    if request.status != R.PENDING or today > request.expires_on:
        return False
    if not queries.calendar().is_working_day(today):
        return False
    earlier = reminders_sent(request)
    if any(event.data.get("on") == today.isoformat() for event in earlier):
        return False  # one a day, however often the job runs
    due = next_reminder_due(request, len(earlier), VendorConfig.get())
    step = signatures.current_step(request)
    if due is None or due > today or step is None:
        return False
    signatures.record(
        SignatureEvent.REMINDED,
        actor=actor,
        request=request,
        reminder=len(earlier) + 1,
        to=step.user_id,
        on=today,
    )
    return True


@transaction.atomic
def signature_expire(*, actor: Actor, request: SignatureRequest, today: date) -> bool:
    """Mark a request expired once its last day has passed; True when it was marked now."""
    request = lock(SignatureRequest.objects.select_related("contract"), request.pk)
    if request.status != R.PENDING or today <= request.expires_on:
        return False
    request.status = R.EXPIRED
    save_new_version(request)
    if request.purpose == SignatureRequest.Purpose.CONTRACT:
        contract = lock(Contract.objects.all(), request.contract_id)
        contract.status = Contract.Status.DRAFT
        save_new_version(contract)
    signatures.record(SignatureEvent.EXPIRED, actor=actor, request=request, on=today)
    return True


def run(*, today: date, actor: Actor | None = None) -> tuple[int, int]:
    """Every pending request, one transaction each: (reminded, expired)."""
    actor = actor or Actor.system("contracts-daily")
    reminded = expired = 0
    for request in SignatureRequest.objects.filter(status=R.PENDING).order_by("pk"):
        if signature_expire(actor=actor, request=request, today=today):
            expired += 1
        elif signature_remind(actor=actor, request=request, today=today):
            reminded += 1
    return reminded, expired
