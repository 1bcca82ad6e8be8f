"""The ERP's writes: documents, payments, the kept balance and open amounts, each refusal."""

import datetime
from decimal import Decimal

import pytest

from clientdesk.billing import services
from clientdesk.billing.errors import BillingError
from clientdesk.billing.models import BillingAccount, Invoice, LedgerEntry
from clientdesk.billing.money import line_net, totals
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event
from clientdesk.core.upsert import Outcome
from tests.billing.factories import ERP, ISSUED, credit_note, document, issue, line, pay

pytestmark = pytest.mark.django_db


def balance(account, currency="RON") -> Decimal:
    return BillingAccount.objects.get(account=account, currency=currency).balance


def test_totals_round_each_line_then_the_vat_once_per_rate():
    lines = [
        line(1, quantity="3", price="0.335", rate="19"),  # 1.005 -> 1.01
        line(2, quantity="1", price="10.004", rate="19"),  # 10.00
        line(3, quantity="1", price="10.00", rate="9"),
    ]
    sums = totals(lines)
    assert line_net(Decimal("3"), Decimal("0.335")) == Decimal("1.01")
    assert [(g.rate, g.taxable, g.tax) for g in sums.groups] == [
        (Decimal("19"), Decimal("11.01"), Decimal("2.09")),
        (Decimal("9"), Decimal("10.00"), Decimal("0.90")),
    ]
    assert sums.gross == Decimal("24.00")


def test_issuing_an_invoice_keeps_the_balance_and_records_one_event(alfa):
    invoice = issue(alfa, lines=[line(1, "2", "100.00", "19"), line(2, "1", "50", "9")])
    assert (invoice.net_total, invoice.vat_total, invoice.total) == (
        Decimal("250.00"),
        Decimal("42.50"),
        Decimal("292.50"),
    )
    assert invoice.open_amount == invoice.total
    assert balance(alfa) == Decimal("292.50")
    assert Event.objects.filter(kind="billing.invoice_issued").count() == 1


def test_the_same_document_twice_records_nothing_the_second_time(alfa):
    doc = document()
    first = services.invoice_issue(actor=ERP, account=alfa, document=doc)
    again = services.invoice_issue(actor=ERP, account=alfa, document=doc)
    assert (first.outcome, again.outcome) == (Outcome.CREATED, Outcome.UNCHANGED)
    assert again.obj.pk == first.obj.pk
    assert Event.objects.filter(kind="billing.invoice_issued").count() == 1
    assert balance(alfa) == first.obj.total


def test_an_issued_document_never_changes(alfa):
    doc = document()
    services.invoice_issue(actor=ERP, account=alfa, document=doc)
    changed = services.Document(**{**doc.__dict__, "lines": [line(price="999")]})
    with pytest.raises(ServiceError) as refused:
        services.invoice_issue(actor=ERP, account=alfa, document=changed)
    assert refused.value.error == BillingError.ISSUED


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lines": []}, BillingError.NO_LINES),
        ({"lines": [line(1), line(1)]}, BillingError.SAME_POSITION),
        ({"lines": [line(quantity="0")]}, BillingError.BAD_LINE),
        ({"due_on": ISSUED - datetime.timedelta(days=1)}, BillingError.DUE_BEFORE_ISSUE),
        ({"kind": Invoice.Kind.CREDIT_NOTE}, BillingError.CORRECTS_MISSING),
        ({"kind": Invoice.Kind.CREDIT_NOTE, "corrects": "NOPE-1"}, BillingError.NOT_AN_INVOICE),
    ],
)
def test_a_bad_document_is_refused_with_its_code(alfa, fields, code):
    with pytest.raises(ServiceError) as refused:
        issue(alfa, **fields)
    assert refused.value.error == code
    assert not Invoice.objects.exists()


def test_a_number_is_never_reused(alfa):
    issue(alfa, number="CTS-1")
    with pytest.raises(ServiceError) as refused:
        issue(alfa, number="CTS-1")
    assert refused.value.error == BillingError.NUMBER_TAKEN


def test_a_credit_note_settles_the_invoice_it_corrects_and_lowers_the_balance(alfa):
    invoice = issue(alfa, lines=[line(price="100")])  # 238.00
    note = credit_note(alfa, invoice, lines=[line(quantity="1", price="100")])  # 119.00
    invoice.refresh_from_db()
    assert invoice.open_amount == Decimal("119.00")
    assert invoice.settled == Invoice.Status.PARTLY_PAID
    assert note.open_amount == Decimal("0.00")
    assert balance(alfa) == Decimal("119.00")
    assert list(invoice.credit_notes.all()) == [note]


def test_a_payment_settles_its_invoices_and_keeps_the_rest_unallocated(alfa):
    first = issue(alfa)  # 238.00
    second = issue(alfa)
    payment = pay(alfa, "300", (first.number, "238"), (second.number, "50"))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.settled == Invoice.Status.PAID and first.open_amount == 0
    assert second.settled == Invoice.Status.PARTLY_PAID and second.open_amount == Decimal("188")
    assert payment.unallocated == Decimal("12.00")
    assert balance(alfa) == Decimal("176.00")
    assert Event.objects.filter(kind="billing.payment_recorded").count() == 1


def test_the_same_payment_twice_is_recorded_once(alfa):
    invoice = issue(alfa)
    outcomes = [
        services.payment_record(
            actor=ERP,
            account=alfa,
            external_id="bank-1",
            received_on=ISSUED,
            amount=Decimal("100"),
            allocations=[services.Share(invoice.number, Decimal("100"))],
        ).outcome
        for _ in range(2)
    ]
    assert outcomes == [Outcome.CREATED, Outcome.UNCHANGED]
    assert balance(alfa) == Decimal("138.00")
    assert Event.objects.filter(kind="billing.payment_recorded").count() == 1
    with pytest.raises(ServiceError) as refused:
        pay(alfa, "101", external_id="bank-1")
    assert refused.value.error == BillingError.PAYMENT_RECORDED


@pytest.mark.parametrize(
    ("amount", "share", "code"),
    [
        ("0", None, BillingError.PAYMENT_AMOUNT),
        ("100", "150", BillingError.OVER_ALLOCATED),
        ("500", "300", BillingError.ALLOCATION_TOO_MUCH),
    ],
)
def test_a_bad_payment_is_refused_and_leaves_nothing(alfa, amount, share, code):
    invoice = issue(alfa)
    with pytest.raises(ServiceError) as refused:
        pay(alfa, amount, *([(invoice.number, share)] if share else []))
    assert refused.value.error == code
    assert balance(alfa) == invoice.total


def test_a_payment_cannot_settle_another_customers_invoice(alfa, beta_user):
    beta = beta_user.memberships.get().account
    invoice = issue(beta)
    with pytest.raises(ServiceError) as refused:
        pay(alfa, "10", (invoice.number, "10"))
    assert refused.value.error == BillingError.ALLOCATION_INVOICE


def test_a_backdated_movement_moves_the_running_balances_after_it(alfa):
    issue(alfa, issued_on=datetime.date(2026, 3, 10), due_on=datetime.date(2026, 4, 10))
    pay(alfa, "100", received_on=datetime.date(2026, 3, 1))
    entries = list(LedgerEntry.objects.order_by("on", "pk"))
    assert [(e.amount, e.balance_after) for e in entries] == [
        (Decimal("-100.00"), Decimal("-100.00")),
        (Decimal("238.00"), Decimal("138.00")),
    ]
    assert balance(alfa) == Decimal("138.00")


def test_each_currency_keeps_its_own_balance(alfa):
    issue(alfa, currency="EUR", exchange_rate=Decimal("4.97"))
    issue(alfa)
    assert balance(alfa, "EUR") == balance(alfa, "RON") == Decimal("238.00")
