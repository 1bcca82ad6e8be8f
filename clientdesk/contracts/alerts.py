"""Renewal and end alerts: the account's contract holders are told in time, once each.

So many days (VendorConfig.contract_alert_days) before the last day to give
notice before a renewal, and before a contract ends, every user holding
``contracts.view`` on the account gets an e-mail in their language. The event
of each alert names the date it is about, so the alert goes once per date: a
renewed contract (a new renewal date) is alerted again.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clientdesk.accounts.models import User
from clientdesk.contracts import queries
from clientdesk.contracts.events import ContractEvent
from clientdesk.contracts.models import Contract
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.locking import lock
from clientdesk.core.mail import queue_email
from clientdesk.core.models import Event, VendorConfig

RUNNING = (Contract.Status.ACTIVE, Contract.Status.TERMINATING)


def holders(contract: Contract) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__account_id=contract.account_id,
            **{f"memberships__{G.field_name(G.CONTRACTS_VIEW)}": True},
        ).distinct()
    )


def _due(day: date | None, today: date, days: int) -> bool:
    return day is not None and day - timedelta(days=days) <= today <= day


def _alerted(contract: Contract, kind: ContractEvent, day: date) -> bool:
    return Event.objects.about(contract).filter(kind=kind.value, data__day=day.isoformat()).exists()


@transaction.atomic
def contract_alert(*, actor: Actor, contract: Contract, today: date) -> list[ContractEvent]:
    """The alerts due today for one contract, each recorded and e-mailed once."""
    contract = lock(Contract.objects.all(), contract.pk)
    days = VendorConfig.get().contract_alert_days
    due: list[tuple[ContractEvent, date]] = []
    active = contract.status == Contract.Status.ACTIVE
    notice_day = queries.last_notice_day(contract) if active else None
    if notice_day is not None and _due(notice_day, today, days):
        due.append((ContractEvent.NOTICE_ALERTED, notice_day))
    if contract.status in RUNNING and _due(contract.end_date, today, days):
        assert contract.end_date is not None
        due.append((ContractEvent.END_ALERTED, contract.end_date))
    sent = []
    for kind, day in due:
        if _alerted(contract, kind, day):
            continue
        events.record(
            kind,
            actor=actor,
            account=contract.account_id,
            subject=contract,
            data={"number": contract.number, "day": day},
        )
        sent.append(kind)
    return sent


@events.subscribe(ContractEvent.NOTICE_ALERTED, ContractEvent.END_ALERTED)
def mail_holders(event, contract: Contract) -> None:
    notice = event.kind == ContractEvent.NOTICE_ALERTED.value
    url = f"{settings.PORTAL_URL}{reverse('contracts:detail', args=[contract.public_id])}"
    for user in holders(contract):
        queue_email(
            to=user.email,
            template="contracts/email/notice_alert" if notice else "contracts/email/end_alert",
            context={
                "user": user,
                "contract": contract,
                "day": date.fromisoformat(event.data["day"]),
                "url": url,
            },
            language=user.language or settings.LANGUAGE_CODE,
        )


def run(*, today: date, actor: Actor | None = None) -> int:
    """Every running contract with a date in reach, one transaction each: alerts sent."""
    actor = actor or Actor.system("contracts-daily")
    running = Contract.objects.filter(status__in=RUNNING)
    contracts = running.filter(renewal_date__gte=today) | running.filter(end_date__gte=today)
    return sum(
        len(contract_alert(actor=actor, contract=contract, today=today))
        for contract in contracts.order_by("pk")
    )
