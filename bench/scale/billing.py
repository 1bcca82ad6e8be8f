"""Invoices, credit notes and payments, with the allocations and the ledger the services keep.

Days are walked in order: each invoice is issued with what will become of it
(a credit note some days later, a payment, part of one, or nothing yet), so that
its row is written once with its final open amount; the credit notes and the
payments wait in a heap until their day comes, and each movement is posted to
the account's ledger in (date, id) order with the running balance after it, as
``ledger.post`` leaves it when the movements arrive in date order.
"""

import heapq
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from bench.scale.world import World, new_uuid, owners, stored_pdf
from clientdesk.billing.models import (
    Allocation,
    BillingAccount,
    Invoice,
    InvoiceLine,
    LedgerEntry,
    Payment,
)
from clientdesk.billing.money import ZERO, Totals, cents, totals
from clientdesk.orders.demo import EUR_RATE, PRODUCTS

PAYMENT_DAYS = 30
CODES = sorted(PRODUCTS)
# Share of invoices corrected by a credit note (which comes 1-10 days later).
CREDIT_RATE = 0.075
# Of the invoices whose payment is due by now: never paid, paid in part.
UNPAID, PARTLY = 0.015, 0.03
# Payments per invoice wanted: a payment pays several invoices of its account when it
# can, as long as there are more than this; the invoices not yet paid bring the
# total down to about 2,000,000 payments for 2,800,000 invoices.
PAYMENTS_PER_INVOICE = 2 / 2.7
SERVICE = ("Ore de suport tehnic la sediul clientului", Decimal("350.00"))


class Line(NamedTuple):
    position: int
    item_code: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    vat_category: str
    vat_rate: Decimal


@dataclass
class _Payment:
    account: int
    on: date
    shares: list[tuple[int, Decimal]] = field(default_factory=list)
    fired: bool = False


class _Book:
    """The tables, the balances and what is still to come."""

    def __init__(self, world: World) -> None:
        sink = world.sink
        self.world = world
        self.rng = world.rng("billing")
        self.accounts = sink.table(BillingAccount, ["account_id", "currency", "balance"])
        self.invoices = sink.table(
            Invoice,
            [
                "public_id",
                "account_id",
                "external_id",
                "number",
                "kind",
                "issued_on",
                "due_on",
                "currency",
                "exchange_rate",
                "po_number",
                "corrects_id",
                "net_total",
                "vat_total",
                "total",
                "open_amount",
                "settled",
                "pdf",
                "created_at",
            ],
        )
        self.lines = sink.table(InvoiceLine, ["invoice_id", *Line._fields, "net_amount"])
        self.payments = sink.table(
            Payment,
            [
                "public_id",
                "account_id",
                "external_id",
                "received_on",
                "currency",
                "amount",
                "reference",
                "unallocated",
                "created_at",
            ],
        )
        self.allocations = sink.table(
            Allocation, ["invoice_id", "payment_id", "credit_note_id", "amount", "on"]
        )
        self.ledger = sink.table(
            LedgerEntry,
            ["billing_account_id", "on", "amount", "balance_after", "invoice_id", "payment_id"],
        )
        self.pdf = stored_pdf().name
        self.billing = [self.accounts.add(c.pk, c.currency, ZERO) for c in world.customers]
        self.balances = [ZERO] * len(world.customers)
        self.pending: list[_Payment | None] = [None] * len(world.customers)
        self.later: list[tuple[int, int, Any]] = []
        self.order = itertools.count()  # ties in the heap keep their order
        self.numbers: dict[str, int] = {}
        self.invoiced = 0
        self.paid_by = 0  # payments made so far

    def post(self, i: int, on: date, amount: Decimal, *, invoice=None, payment=None) -> None:
        self.balances[i] += amount
        self.ledger.add(self.billing[i], on, amount, self.balances[i], invoice, payment)

    def number(self, series: str, on: date) -> str:
        key = f"{series}-{on.year}"
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{key}-{self.numbers[key]:07d}"

    def schedule(self, on: date, what: Any) -> None:
        heapq.heappush(self.later, (on.toordinal(), next(self.order), what))

    def until(self, on: date) -> None:
        """Everything due on or before ``on``, in date order."""
        while self.later and self.later[0][0] <= on.toordinal():
            day, _seq, what = heapq.heappop(self.later)
            what(date.fromordinal(day))

    def document(
        self, i: int, kind: str, issued: date, lines: list[Line], sums: Totals, **values
    ) -> int:
        customer = self.world.customers[i]
        series = "CTS" if kind == Invoice.Kind.INVOICE else "NC"
        number = self.number(series, issued)
        gross = sums.gross
        open_amount = values.get("open_amount", gross)
        settled = (
            Invoice.Status.PAID
            if open_amount <= 0
            else Invoice.Status.PARTLY_PAID
            if open_amount < gross
            else Invoice.Status.OPEN
        )
        pk = self.invoices.add(
            new_uuid(self.rng),
            customer.pk,
            f"scale:{number}",
            number,
            kind,
            issued,
            values.get("due_on", issued),
            customer.currency,
            EUR_RATE if customer.currency == "EUR" else Decimal(1),
            values.get("po_number", ""),
            values.get("corrects"),
            sums.net,
            sums.vat,
            gross,
            open_amount,
            settled,
            self.pdf,
            _moment(issued),
        )
        for line in lines:
            self.lines.add(pk, *line, cents(line.quantity * line.unit_price))
        return pk

    # One invoice and its future

    def invoice(self, moment: datetime, i: int) -> None:
        rng, today = self.rng, self.world.today
        issued = timezone.localdate(moment)
        self.until(issued)
        self.invoiced += 1
        currency = self.world.customers[i].currency
        lines = _lines(rng, issued, currency)
        sums = totals(lines)
        gross = open_amount = sums.gross
        credit = None
        credited_on = issued + timedelta(days=rng.randint(1, 10))
        if rng.random() < CREDIT_RATE and credited_on <= today:
            credit = _credit_line(rng, sums.net, lines[0].vat_rate)
            open_amount -= totals([credit]).gross
        paid_on = issued + timedelta(days=rng.randint(12, 60))
        fate = rng.random()
        share = ZERO
        if paid_on <= today and fate >= UNPAID:
            share = open_amount if fate >= UNPAID + PARTLY else cents(open_amount * Decimal("0.4"))
        pk = self.document(
            i,
            Invoice.Kind.INVOICE,
            issued,
            lines,
            sums,
            due_on=issued + timedelta(days=PAYMENT_DAYS),
            open_amount=open_amount - share,
            po_number=f"PO-{self.invoiced % 100_000:05d}" if rng.random() < 0.3 else "",
        )
        self.post(i, issued, gross, invoice=pk)
        if credit is not None:
            self.schedule(credited_on, lambda on: self.credit_note(on, i, pk, credit))
        if share:
            self.pay(i, pk, share, paid_on, partly=share < open_amount)

    def credit_note(self, on: date, i: int, corrected: int, line: Line) -> None:
        sums = totals([line])
        pk = self.document(
            i, Invoice.Kind.CREDIT_NOTE, on, [line], sums, open_amount=ZERO, corrects=corrected
        )
        self.post(i, on, -sums.gross, invoice=pk)
        # What ``invoice_issue`` does: the credit note settles the invoice it corrects.
        self.allocations.add(corrected, None, pk, sums.gross, on)

    def pay(self, i: int, invoice: int, amount: Decimal, on: date, *, partly: bool) -> None:
        pending = self.pending[i]
        enough = self.paid_by >= PAYMENTS_PER_INVOICE * self.invoiced
        if not partly and enough and pending is not None and not pending.fired:
            pending.shares.append((invoice, amount))
            return
        payment = _Payment(i, on, [(invoice, amount)])
        self.paid_by += 1
        if not partly:
            self.pending[i] = payment
        self.schedule(on, lambda day: self.receive(payment))

    def receive(self, payment: _Payment) -> None:
        payment.fired = True
        i, on, rng = payment.account, payment.on, self.rng
        allocated = sum((amount for _invoice, amount in payment.shares), ZERO)
        # A few customers pay more than they owe: the rest stays unallocated.
        extra = cents(allocated * Decimal("0.1")) if rng.random() < 0.02 else ZERO
        number = self.number("OP", on)
        pk = self.payments.add(
            new_uuid(rng),
            self.world.customers[i].pk,
            f"scale:{number}",
            on,
            self.world.customers[i].currency,
            allocated + extra,
            number,
            extra,
            _moment(on),
        )
        for invoice, amount in payment.shares:
            self.allocations.add(invoice, pk, None, amount, on)
        self.post(i, on, -(allocated + extra), payment=pk)

    def close(self) -> None:
        self.until(self.world.today)
        self.world.sink.flush()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {self.accounts.name} SET balance = %s WHERE id = %s",  # noqa: S608
                list(zip(self.balances, self.billing, strict=True)),
            )


def generate(world: World) -> None:
    book = _Book(world)
    for moment, i in world.moments(owners(world.plan.invoices, book.rng)):
        book.invoice(moment, i)
    book.close()


def _lines(rng: random.Random, issued: date, currency: str) -> list[Line]:
    rate = EUR_RATE if currency == "EUR" else Decimal(1)
    vat = Decimal(19) if issued < date(2025, 8, 1) else Decimal(21)
    lines = []
    for position in range(1, rng.choices((1, 2, 3), (50, 30, 20))[0] + 1):
        if rng.random() < 0.3:
            text, price, code, unit = *SERVICE, "", "HUR"
            quantity = Decimal(rng.randint(1, 16))
        else:
            code = rng.choice(CODES)
            text, price, unit = PRODUCTS[code][0], Decimal(PRODUCTS[code][1]), "H87"
            quantity = Decimal(rng.choice((1, 1, 1, 2, 3)))
        unit_price = (price / rate).quantize(Decimal("0.01"))
        lines.append(Line(position, code, text, quantity, unit, unit_price, "S", vat))
    return lines


def _credit_line(rng: random.Random, net: Decimal, vat: Decimal) -> Line:
    amount = cents(net * Decimal(rng.randint(5, 50)) / 100)
    return Line(
        1, "", "Corecție de preț conform notei de credit", Decimal(1), "H87", amount, "S", vat
    )


def _moment(on: date) -> datetime:
    return datetime.combine(on, time(9), tzinfo=timezone.get_current_timezone())
