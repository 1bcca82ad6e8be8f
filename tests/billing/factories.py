"""Billing documents as the ERP sends them: written through clientdesk.billing.services."""

import datetime
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile

from clientdesk.billing import services
from clientdesk.billing.models import Invoice
from clientdesk.core.actors import Actor
from clientdesk.support.storage import private_storage

ERP = Actor.system("erp")
ISSUED = datetime.date(2026, 3, 2)
_numbers = itertools.count(1)


def line(position=1, quantity="2", price="100.00", rate="19", category="S", **extra):
    return services.Line(
        position=position,
        description=extra.pop("description", "Server Dell PowerEdge R760"),
        quantity=Decimal(quantity),
        unit_price=Decimal(price),
        vat_rate=Decimal(rate),
        vat_category=category,
        **extra,
    )


def document(**fields) -> services.Document:
    n = next(_numbers)
    issued_on = fields.get("issued_on", ISSUED)
    defaults = {
        "external_id": f"erp-inv-{n}",
        "number": f"CTS-2026-{n:06d}",
        "issued_on": issued_on,
        "due_on": issued_on + datetime.timedelta(days=30),
        "lines": [line()],
    }
    return services.Document(**{**defaults, **fields})


def issue(account, **fields) -> Invoice:
    return services.invoice_issue(actor=ERP, account=account, document=document(**fields)).obj


def credit_note(account, invoice: Invoice, **fields) -> Invoice:
    return issue(
        account,
        kind=Invoice.Kind.CREDIT_NOTE,
        corrects=invoice.number,
        currency=invoice.currency,
        **fields,
    )


def pay(account, amount, *shares, received_on=ISSUED, currency="RON", external_id=None):
    return services.payment_record(
        actor=ERP,
        account=account,
        external_id=external_id or f"erp-pay-{next(_numbers)}",
        received_on=received_on,
        amount=Decimal(amount),
        currency=currency,
        allocations=[services.Share(number, Decimal(part)) for number, part in shares],
    ).obj


def with_pdf(invoice: Invoice) -> Invoice:
    """The invoice with a (tiny) rendered PDF in private storage, as the worker leaves it.
    Point settings.VAR_DIR at a temporary directory first."""
    invoice.pdf = private_storage().save("invoices/test.pdf", ContentFile(b"%PDF-1.7 test"))
    invoice.save(update_fields=["pdf"])
    return invoice
