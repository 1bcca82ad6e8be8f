"""Demo invoices for Alfa and Beta: two years of them, with credit notes, payments in
instalments, a few left partly paid and some overdue, all through the services.

Dates are relative to the day the demo is loaded. A document or payment that exists
already is left alone, which makes load() idempotent (on any later day too). The PDFs
are rendered by the worker (``make demo`` runs one) from the tasks the issue enqueues.
"""

from datetime import date, timedelta
from decimal import Decimal

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing import services
from clientdesk.billing.ledger import today
from clientdesk.billing.models import BillingSettings, Invoice, Payment
from clientdesk.core.actors import Actor
from clientdesk.orders.demo import CUSTOMER_NUMBERS, EUR_RATE, PRODUCTS

ERP = Actor.system("demo_data")
MONTHS = 24
CODES = list(PRODUCTS)
# The invoices the demo's requests ask about (support/demo.py), by customer and month back.
NAMED = {("alfa", 2): "CTS-2026-004518", ("beta", 3): "CTS-2026-003902"}
VENDOR = {
    "einvoice_enabled": True,
    "vat_number": "RO18674021",
    "registration_number": "J40/12345/2006",
    "iban": "RO49AAAA1B31007593840000",
    "bank_name": "Banca Transilvania",
    "street": "Strada Fabricii de Chibrituri 24",
    "city": "Sector 5",
    "county_code": "RO-B",
    "postal_code": "050183",
    "country": "RO",
}


def load() -> None:
    settings = BillingSettings.get()
    for name, value in VENDOR.items():
        setattr(settings, name, value)
    settings.save()
    for index, key in enumerate(("alfa", "beta")):
        account = CustomerAccount.objects.get(number=CUSTOMER_NUMBERS[key])
        for back in range(MONTHS, 0, -1):
            _month(account, key, index, back)


def _vat_rate(issued: date) -> Decimal:
    # Romania's standard rate went from 19% to 21% on 1 August 2025.
    return Decimal(19) if issued < date(2025, 8, 1) else Decimal(21)


def _month(account: CustomerAccount, key: str, index: int, back: int) -> None:
    now = today()
    issued = now - timedelta(days=30 * back - 3 * index)
    currency = "EUR" if key == "beta" and back % 4 == 0 else "RON"
    rate = EUR_RATE if currency == "EUR" else Decimal(1)
    number = (
        NAMED.get((key, back))
        or f"CTS-{issued.year}-{1000 + (MONTHS - back) * 200 + index * 100:06d}"
    )
    code = CODES[(back * 3 + index) % len(CODES)]
    extra = CODES[(back * 5 + index + 1) % len(CODES)]
    vat = _vat_rate(issued)
    lines = [
        services.Line(
            position=1,
            item_code=code,
            description=PRODUCTS[code][0],
            quantity=Decimal(1 + back % 3),
            unit_price=(Decimal(PRODUCTS[code][1]) / rate).quantize(Decimal("0.01")),
            vat_rate=vat,
        ),
        services.Line(
            position=2,
            item_code=extra,
            description=PRODUCTS[extra][0],
            quantity=Decimal(1),
            unit_price=(Decimal(PRODUCTS[extra][1]) / rate).quantize(Decimal("0.01")),
            vat_rate=vat,
        ),
        services.Line(
            position=3,
            description="Instalare și configurare la sediul clientului",
            quantity=Decimal(4 + back % 5),
            unit="HUR",
            unit_price=(Decimal("350.00") / rate).quantize(Decimal("0.01")),
            vat_rate=vat,
        ),
    ]
    invoice = _issue(
        account,
        services.Document(
            external_id=f"demo:{number}",
            number=number,
            issued_on=issued,
            due_on=issued + timedelta(days=30),
            lines=lines,
            currency=currency,
            exchange_rate=rate,
            po_number=f"{key.upper()[:3]}-PO-{issued:%Y}-{100 + back:03d}",
        ),
    )
    if back % 6 == 0:  # a returned item: a credit note for the second line
        _issue(
            account,
            services.Document(
                external_id=f"demo:{number}/CN",
                number=number.replace("CTS-", "CTS-CN-"),
                kind=Invoice.Kind.CREDIT_NOTE,
                corrects=number,
                issued_on=issued + timedelta(days=10),
                due_on=issued + timedelta(days=10),
                lines=[lines[1]],
                currency=currency,
                exchange_rate=rate,
            ),
        )
        invoice.refresh_from_db()
    _payments(account, invoice, back)


def _issue(account: CustomerAccount, document: services.Document) -> Invoice:
    existing = Invoice.objects.filter(external_id=document.external_id).first()
    if existing is not None:
        return existing
    return services.invoice_issue(actor=ERP, account=account, document=document).obj


def _payments(account: CustomerAccount, invoice: Invoice, back: int) -> None:
    """Older invoices paid (some in two instalments), recent ones partly or not yet."""
    if back <= 1 or (back in (2, 3) and invoice.account.number == CUSTOMER_NUMBERS["beta"]):
        return  # not due yet, or overdue
    if Payment.objects.filter(external_id__startswith=f"demo:{invoice.number}/").exists():
        return
    open_amount = invoice.open_amount
    if open_amount <= 0:
        return
    if back % 3 == 0 or back <= 3:  # two instalments; the recent ones stop after the first
        first = (open_amount / 2).quantize(Decimal("0.01"))
        _pay(account, invoice, "1", first, invoice.issued_on + timedelta(days=20))
        if back > 3:
            _pay(account, invoice, "2", open_amount - first, invoice.issued_on + timedelta(days=45))
    else:
        _pay(account, invoice, "1", open_amount, invoice.issued_on + timedelta(days=25))


def _pay(account, invoice: Invoice, part: str, amount: Decimal, on: date) -> None:
    services.payment_record(
        actor=ERP,
        account=account,
        external_id=f"demo:{invoice.number}/{part}",
        received_on=on,
        amount=amount,
        currency=invoice.currency,
        reference=f"OP {invoice.number}",
        allocations=[services.Share(invoice.number, amount)],
    )
