"""The account statement, read from the ledger: no movement is summed to find a balance.

The opening balance is the balance after the last entry before the period, the running
balance is each entry's own, the closing one the last entry's of the period. The page
shows the movements a page at a time by keyset over (date, id), so five years of a large
account cost what a month of a small one costs; the exports read them all, streamed. The
chart samples the kept balance at a fixed number of days, all in one query of index
probes. Ageing spreads the open invoices over the days since their due date; credits not
yet used (credit notes, payments not allocated) are shown beside them, so the buckets and
the credits add up to the balance.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case, DecimalField, F, Q, QuerySet, Sum, When

from clientdesk.billing.models import BillingAccount, Invoice, LedgerEntry, Payment
from clientdesk.billing.money import ZERO, cents
from clientdesk.core import keyset

BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")
MOVEMENTS_PER_PAGE = 100
# WeasyPrint lays a statement out at about 10 ms of CPU and 100 KB of memory a movement,
# in the request: 950 movements took 7 s and a worker's memory to 236 MB, 7,000 took 70 s
# and 859 MB. The PDF stops at a printable length; CSV and XLSX stream every movement.
PDF_MOVEMENTS = 500
CHART_POINTS = 60


@dataclass
class Statement:
    billing: BillingAccount
    start: date
    end: date
    opening: Decimal
    closing: Decimal
    page: keyset.Page  # the movements shown, a page of the period's
    balances: list[tuple[date, Decimal]] = field(default_factory=list)  # the chart's samples
    ageing: dict[str, Decimal] = field(default_factory=dict)
    credits: Decimal = ZERO

    @property
    def entries(self) -> list[Any]:
        """The page's movements, as `rows` reads them."""
        return self.page.rows


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


def _in_period(billing: BillingAccount, start: date, end: date) -> QuerySet:
    """The period's movements as the rows need them: tuples, not models (a page of 100
    built as entries with their invoice or payment took 9 ms of CPU)."""
    return (
        LedgerEntry.objects.filter(billing_account=billing, on__gte=start, on__lte=end)
        .annotate(
            kind=F("invoice__kind"), number=F("invoice__number"), reference=F("payment__reference")
        )
        .values_list(
            "pk", "on", "amount", "balance_after", "kind", "number", "reference", named=True
        )
    )  # fmt: skip


def movements(result: "Statement") -> QuerySet:
    """Every movement of the statement's period, in order (for the exports)."""
    return _in_period(result.billing, result.start, result.end).order_by("on", "pk")


def too_long_for_pdf(result: "Statement") -> bool:
    """Whether the period has more movements than a PDF holds (reads PDF_MOVEMENTS + 1)."""
    return movements(result)[PDF_MOVEMENTS : PDF_MOVEMENTS + 1].exists()


def rows(entries: Iterable[Any]) -> Iterator[Row]:
    """The movements as every format shows them: the page, CSV, XLSX and PDF."""
    from django.utils.translation import gettext as _

    kinds = dict(Invoice.Kind.choices)
    payment = _("Payment")
    for entry in entries:
        if entry.kind is not None:
            label, number = str(kinds[entry.kind]), entry.number
        else:
            label, number = payment, entry.reference or ""
        yield Row(
            entry.on,
            label,
            number,
            entry.amount if entry.amount > 0 else None,
            -entry.amount if entry.amount < 0 else None,
            entry.balance_after,
        )


@dataclass(frozen=True)
class Chart:
    """The balance over the period as an SVG polyline (a step per sampled day)."""

    points: str
    zero_y: float
    width: int = 600
    height: int = 160


def chart(result: "Statement") -> Chart | None:
    days = max((result.end - result.start).days, 1)
    steps = [(result.start, result.opening)]
    for day, balance in result.balances:
        steps.append((day, steps[-1][1]))
        steps.append((day, balance))
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


def sample_days(start: date, end: date) -> list[date]:
    """Up to CHART_POINTS days spread over the period, its last day included."""
    days = (end - start).days
    count = min(CHART_POINTS, days + 1)
    return [start + timedelta(days=round(days * (i + 1) / count)) for i in range(count)]


def _kept_balances(billing: BillingAccount, start: date, days: list[date]) -> list[Decimal]:
    """The balance at the end of the day before ``start`` and of each of ``days``: the
    balance_after of the last entry on or before it, one index probe each, one query.

    Written as SQL: the ORM took 20 ms of CPU a page to compile 61 subqueries; and as one
    subquery run for each day of a VALUES list, which PostgreSQL plans in 0.3 ms, where 61
    subqueries side by side took it 3.4 ms to plan."""
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    on = connection.ops.quote_name("on")
    moments = [start - timedelta(days=1), *days]
    values = ", ".join(["(%s, %s)"] * len(moments))
    # Names from the model's own metadata, values as parameters.
    sql = (
        f"WITH moments (n, moment) AS (VALUES {values}) "  # noqa: S608  # nosec B608
        f"SELECT (SELECT balance_after FROM {table} WHERE billing_account_id = %s"
        f" AND {on} <= moments.moment ORDER BY {on} DESC, id DESC LIMIT 1)"
        " FROM moments ORDER BY n"
    )
    params = [*(value for n, moment in enumerate(moments) for value in (n, moment)), billing.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [value for (value,) in cursor.fetchall()]
    # str(): SQLite hands a decimal back as a float (or an int: 1000, not 1000.00).
    return [cents(Decimal(str(value))) if value is not None else ZERO for value in found]


def _ageing(billing: BillingAccount, today: date) -> tuple[dict[str, Decimal], Decimal]:
    """The open invoices' amounts per bucket and the open credit notes', in one query over
    the (account, settled, due_on) index: only what is not yet paid is read."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)
    invoice = Q(kind=Invoice.Kind.INVOICE)
    late = {
        "not_due": Q(due_on__gte=today),
        "1_30": Q(due_on__lt=today, due_on__gte=today - timedelta(days=30)),
        "31_60": Q(due_on__lt=today - timedelta(days=30), due_on__gte=today - timedelta(days=60)),
        "61_90": Q(due_on__lt=today - timedelta(days=60), due_on__gte=today - timedelta(days=90)),
        "over_90": Q(due_on__lt=today - timedelta(days=90)),
    }
    sums = {
        name: Sum(Case(When(invoice & when, then="open_amount"), output_field=money))
        for name, when in late.items()
    }
    sums["credit_notes"] = Sum(Case(When(~invoice, then="open_amount"), output_field=money))
    totals = Invoice.objects.filter(
        account_id=billing.account_id,
        currency=billing.currency,
        settled__in=[Invoice.Status.OPEN, Invoice.Status.PARTLY_PAID],
    ).aggregate(**sums)
    credit_notes = totals.pop("credit_notes") or ZERO
    return {name: totals[name] or ZERO for name in BUCKETS}, credit_notes


def statement(
    billing: BillingAccount,
    start: date,
    end: date,
    today: date,
    *,
    after: str = "",
    before: str = "",
) -> Statement:
    """The statement of ``billing`` for the period, showing the page of movements at the
    keyset cursor ``after`` or ``before`` (the first page without one): four queries."""
    days = sample_days(start, end)
    opening, *balances = _kept_balances(billing, start, days)
    page = keyset.paginate(
        _in_period(billing, start, end),
        "on",
        after=after,
        before=before,
        size=MOVEMENTS_PER_PAGE,
        tie="pk",
        counted=False,
    )
    ageing, credit_notes = _ageing(billing, today)
    unallocated = Payment.objects.filter(
        account_id=billing.account_id, currency=billing.currency, unallocated__gt=0
    ).aggregate(total=Sum("unallocated"))["total"]
    return Statement(
        billing,
        start,
        end,
        opening=opening,
        closing=balances[-1],
        page=page,
        balances=list(zip(days, balances, strict=True)),
        ageing=ageing,
        credits=-credit_notes - (unallocated or ZERO),
    )
