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


@dataclass(frozen=True)
class Row:
    on: date
    label: str
    number: str
    debit: Decimal | None
    credit: Decimal | None
    balance: Decimal


def rows(result: "Statement") -> list[Row]:
    """The movements as every format shows them: the page, CSV, XLSX and PDF."""
    from django.utils.translation import gettext as _

    table = []
    for entry in result.entries:
        if entry.invoice is not None:
            label, number = str(entry.invoice.get_kind_display()), entry.invoice.number
        else:
            label = _("Payment")
            number = entry.payment.reference if entry.payment else ""
        table.append(
            Row(
                entry.on,
                label,
                number,
                entry.amount if entry.amount > 0 else None,
                -entry.amount if entry.amount < 0 else None,
                entry.balance_after,
            )
        )
    return table


@dataclass(frozen=True)
class Chart:
    """The balance over the period as an SVG polyline (a step per movement)."""

    points: str
    zero_y: float
    width: int = 600
    height: int = 160


def chart(result: "Statement") -> Chart | None:
    days = max((result.end - result.start).days, 1)
    steps = [(result.start, result.opening)]
    for entry in result.entries:
        steps.append((entry.on, steps[-1][1]))
        steps.append((entry.on, entry.balance_after))
    steps.append((result.end, result.closing))
    values = [value for _day, value in steps] + [ZERO]
    low, high = min(values), max(values)
    if high == low:
        return None
    width, height, pad = 600, 160, 4

    def y(value: Decimal) -> float:
        return round(pad + float((high - value) / (high - low)) * (height - 2 * pad), 1)

    points = " ".join(
        f"{round((day - result.start).days / days * width, 1)},{y(value)}" for day, value in steps
    )
    return Chart(points=points, zero_y=y(ZERO))


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
