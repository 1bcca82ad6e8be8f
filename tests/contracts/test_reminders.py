"""The daily job: reminders on the vendor's schedule to whoever's turn it is, then expiry."""

import datetime
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from clientdesk.contracts import reminders, signatures
from clientdesk.contracts.events import SignatureEvent
from clientdesk.contracts.models import Contract, SignatureRequest, SignatureStep
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event, OutboundEmail, VendorConfig
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
APPROVE, SIGN = SignatureStep.Role.APPROVE, SignatureStep.Role.SIGN
# Monday 7 December 2026; the Saturday and Sunday before it.
MONDAY = date(2026, 12, 7)
SATURDAY, SUNDAY = date(2026, 12, 5), date(2026, 12, 6)


def sent_on(request: SignatureRequest, day: date, *, expires_on: date | None = None):
    """The request as if sent at noon on ``day`` (the service dates it now)."""
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    SignatureRequest.objects.filter(pk=request.pk).update(
        created_at=noon, expires_on=expires_on or day + datetime.timedelta(days=30)
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def people(alfa):
    approver = MembershipFactory(
        account=alfa, grant_contracts_approve=True, user__language="en"
    ).user
    signer = MembershipFactory(account=alfa, grant_contracts_sign=True, user__language="ro").user
    return approver, signer


@pytest.fixture
def pending(alfa, people):
    approver, signer = people
    request = signature_request_for(
        ContractFactory(account=alfa, status=Contract.Status.DRAFT),
        [(APPROVE, approver), (SIGN, signer)],
    )
    OutboundEmail.objects.all().delete()
    # Sent on Monday 30 November: the first reminder (5 days) falls on Saturday 5 December.
    return sent_on(request, date(2026, 11, 30))


def reminder_mails():
    return list(OutboundEmail.objects.order_by("pk").values_list("to", "subject"))


def test_a_reminder_due_on_a_weekend_goes_out_on_monday_to_the_one_whose_turn_it_is(
    pending, people
):
    approver, _signer = people
    assert reminders.run(today=SATURDAY) == (0, 0)
    assert reminders.run(today=SUNDAY) == (0, 0)
    assert reminders.run(today=MONDAY) == (1, 0)
    assert reminder_mails() == [
        (approver.email, f"Reminder: contract {pending.contract} waits for you")
    ]
    event = Event.objects.get(kind=SignatureEvent.REMINDED.value)
    assert event.data["to"] == approver.pk and event.data["on"] == "2026-12-07"
    assert event.audit_seq is not None


def test_running_the_job_twice_the_same_day_sends_nothing_more(pending):
    assert reminders.run(today=MONDAY) == (1, 0)
    assert reminders.run(today=MONDAY) == (0, 0)
    call_command("contracts_remind", "--date", "2026-12-07")
    assert len(reminder_mails()) == 1
    assert Event.objects.filter(kind=SignatureEvent.REMINDED.value).count() == 1


def test_the_overdue_second_reminder_waits_for_the_next_day(pending):
    # Due 5, 7 and 9 December: the first on Monday, the overdue second on Tuesday, not both.
    assert reminders.run(today=MONDAY) == (1, 0)
    assert reminders.run(today=date(2026, 12, 8)) == (1, 0)
    assert reminders.run(today=date(2026, 12, 8)) == (0, 0)
    assert reminders.run(today=date(2026, 12, 9)) == (1, 0)


def test_the_reminder_follows_the_turn_in_the_signers_language(pending, people):
    approver, signer = people
    signatures.step_approve(actor=Actor.of_user(approver), request=pending)
    OutboundEmail.objects.all().delete()
    reminders.run(today=MONDAY)
    [(to, subject)] = reminder_mails()
    assert to == signer.email
    assert subject == f"Memento: contractul {pending.contract} vă așteaptă"


def test_the_vendor_sets_the_schedule_and_the_most_reminders(pending):
    config = VendorConfig.get()
    config.reminder_first_days, config.reminder_every_days, config.reminder_max = 1, 1, 2
    config.save()
    days = [date(2026, 12, d) for d in (2, 3, 4, 7, 8)]  # Wednesday to Tuesday, working days
    assert [reminders.run(today=day)[0] for day in days] == [1, 1, 0, 0, 0]


def test_no_reminder_on_a_public_holiday(alfa, people):
    _approver, signer = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, signer)])
    # Sent 20 December: the first reminder falls on Christmas Day, a Friday.
    sent_on(request, date(2026, 12, 20))
    assert reminders.run(today=date(2026, 12, 25)) == (0, 0)
    assert reminders.run(today=date(2026, 12, 28)) == (1, 0)


def test_on_the_day_after_its_last_day_the_request_expires_and_everyone_is_told(
    alfa, people, pending
):
    approver, signer = people
    sender = UserFactory(is_staff=True, language="en")
    SignatureRequest.objects.filter(pk=pending.pk).update(created_by_id=sender.pk)
    sent_on(pending, date(2026, 11, 30), expires_on=date(2026, 12, 4))  # a Friday
    assert reminders.run(today=date(2026, 12, 4)) == (0, 0)  # the last day: still open
    OutboundEmail.objects.all().delete()
    assert reminders.run(today=SATURDAY) == (0, 1)
    pending.refresh_from_db()
    assert pending.status == SignatureRequest.Status.EXPIRED
    assert pending.contract.status == Contract.Status.DRAFT
    assert Event.objects.filter(kind=SignatureEvent.EXPIRED.value).count() == 1
    mails = dict(reminder_mails())
    assert set(mails) == {approver.email, signer.email, sender.email}
    assert mails[signer.email] == (
        f"Cererea de semnătură pentru contractul {pending.contract} a expirat"
    )
    # Expired: nothing more, whatever the day.
    assert reminders.run(today=SATURDAY) == (0, 0)
    assert reminders.run(today=MONDAY) == (0, 0)


def test_no_reminder_once_the_request_is_past_its_last_day(pending):
    sent_on(pending, date(2026, 11, 30), expires_on=date(2026, 12, 4))
    assert reminders.run(today=MONDAY) == (0, 1)
    assert not Event.objects.filter(kind=SignatureEvent.REMINDED.value).exists()
