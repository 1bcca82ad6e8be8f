"""Properties of the kept balance, for any sequence of documents and payments (hypothesis)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientdesk.billing.models import BillingAccount, Invoice, LedgerEntry
from clientdesk.billing.statement import movements, statement
from tests.billing.factories import credit_note, issue, line, pay
from tests.factories import CustomerAccountFactory

START = datetime.date(2026, 1, 1)
TODAY = datetime.date(2026, 12, 1)

DAYS = st.integers(min_value=0, max_value=330)
prices = st.decimals(min_value="0.01", max_value="5000", places=2)
moves = st.lists(
    st.one_of(
        st.tuples(st.just("invoice"), DAYS, prices, st.sampled_from(["0", "11", "21"])),
        st.tuples(st.just("credit"), DAYS, st.integers(0, 20), st.floats(0.05, 1.0)),
        st.tuples(st.just("payment"), DAYS, st.integers(0, 20), st.floats(0.05, 1.0)),
    ),
    min_size=1,
    max_size=12,
)


def apply(account, steps) -> dict[str, Decimal]:
    sums = {"invoice": Decimal(0), "credit": Decimal(0), "payment": Decimal(0)}
    for kind, day, value, share in steps:
        on = START + datetime.timedelta(days=day)
        invoices = list(Invoice.objects.filter(account=account, kind="invoice").order_by("pk"))
        if kind == "invoice":
            doc = issue(account, issued_on=on, lines=[line(price=str(value), rate=share)])
            sums["invoice"] += doc.total
        elif invoices:
            target = invoices[value % len(invoices)]
            amount = (target.total * Decimal(str(share))).quantize(Decimal("0.01"))
            if amount <= 0:
                continue
            if kind == "credit":
                note = credit_note(
                    account, target, issued_on=on, lines=[line(quantity="1", price=str(amount))]
                )
                sums["credit"] += note.total
            else:
                part = min(amount, target.open_amount)
                shares = [(target.number, str(part))] if part > 0 else []
                pay(account, str(amount), *shares, received_on=on)
                sums["payment"] += amount
    return sums


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=moves, cut=st.integers(min_value=0, max_value=330))
def test_closing_is_opening_plus_invoices_less_credit_notes_and_payments(steps, cut):
    account = CustomerAccountFactory()
    apply(account, steps)
    billing = BillingAccount.objects.filter(account=account).first()
    if billing is None:
        return
    start = START + datetime.timedelta(days=cut)
    result = statement(billing, start, TODAY, TODAY)
    moved = list(movements(result))
    debits = sum((e.amount for e in moved if e.amount > 0), Decimal(0))
    credits = sum((-e.amount for e in moved if e.amount < 0), Decimal(0))
    assert result.closing == result.opening + debits - credits
    assert result.closing == billing.balance
    # The kept balance is what the ledger adds up to, and each entry's own balance runs.
    entries = list(LedgerEntry.objects.filter(billing_account=billing).order_by("on", "pk"))
    running = Decimal(0)
    for entry in entries:
        running += entry.amount
        assert entry.balance_after == running
    # Ageing: the open invoices' buckets and the unused credits add up to the balance.
    assert sum(result.ageing.values()) + result.credits == billing.balance
