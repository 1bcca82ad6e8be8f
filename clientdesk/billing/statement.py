"""The account statement, read from the ledger: no movement is summed to find a balance.

The opening balance is the balance after the last entry before the period, the running
balance is each entry's own, the closing one the last entry's. Ageing spreads the open
invoices over the days since their due date; credits not yet used (credit notes, payments
not allocated) are shown beside them, so the buckets and the credits add up to the balance.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum

from clientdesk.billing.models import BillingAccount, Invoice, LedgerEntry, Payment
from clientdesk.billing.money import ZERO

BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")


@dataclass
class Statement:
    billing: BillingAccount
    start: date
    end: date
    opening: Decimal
    entries: list[LedgerEntry]
    closing: Decimal
    ageing: dict[str, Decimal] = field(default_factory=dict)
    credits: Decimal = ZERO


def period(preset: str, today: date) -> tuple[date, date]:
    if preset == "12m":
        return today - timedelta(days=365), today
    return date(today.year, 1, 1), today


def bucket(days_late: int) -> str:
    if days_late <= 0:
        return "not_due"
    if days_late <= 30:
        return "1_30"
    if days_late <= 60:
        return "31_60"
    if days_late <= 90:
        return "61_90"
    return "over_90"


def statement(billing: BillingAccount, start: date, end: date, today: date) -> Statement:
    entries_of = LedgerEntry.objects.filter(billing_account=billing)
    before = entries_of.filter(on__lt=start).order_by("-on", "-pk").first()
    opening = before.balance_after if before else ZERO
    entries = list(
        entries_of.filter(on__gte=start, on__lte=end)
        .select_related("invoice", "payment")
        .order_by("on", "pk")
    )
    closing = entries[-1].balance_after if entries else opening
    result = Statement(billing, start, end, opening, entries, closing)
    result.ageing = dict.fromkeys(BUCKETS, ZERO)
    documents = Invoice.objects.filter(
        account_id=billing.account_id, currency=billing.currency, open_amount__gt=0
    )
    for kind, due_on, open_amount in documents.values_list("kind", "due_on", "open_amount"):
        if kind == Invoice.Kind.CREDIT_NOTE:
            result.credits -= open_amount
        else:
            result.ageing[bucket((today - due_on).days)] += open_amount
    unallocated = Payment.objects.filter(
        account_id=billing.account_id, currency=billing.currency
    ).aggregate(total=Sum("unallocated"))["total"]
    result.credits -= unallocated or ZERO
    return result
