"""The ERP's writes of invoices, credit notes and payments: PUT one by its identifier,
or POST up to BULK_MAX in one call, each answered with what it did.

An issued document never changes: the same one again is ``unchanged``, another one
under the same identifier is refused (``invoice.issued``). Its lines give the
figures, the ledger and the e-invoice XML; its PDF is the ERP's own (``pdf``, base64)
or, without one, rendered by the portal's worker.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema
from pydantic import Base64Bytes

from clientdesk.accounts.queries import account_by_external_id
from clientdesk.api.bulk import BULK_MAX
from clientdesk.api.upserts import (
    Currency,
    ExternalId,
    Pushed,
    pushed,
    upsert_routes,
)
from clientdesk.billing import services
from clientdesk.billing.models import Invoice, Payment
from clientdesk.core.actors import Actor
from clientdesk.core.upsert import Upserted

router = Router(tags=["Invoices and payments"])
payments_router = Router(tags=["Invoices and payments"])

DocumentKind = Literal["invoice", "credit_note"]
# UNCL5305, the VAT categories of EN 16931.
VatCategory = Literal["S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"]


class InvoiceLineIn(Schema):
    position: int = Field(ge=1, le=100_000)
    item_code: str = Field("", max_length=60)
    description: str = Field(min_length=1, max_length=300)
    quantity: Decimal = Field(gt=0, max_digits=14, decimal_places=3)
    unit: str = Field("H87", pattern=r"^[A-Z0-9]{2,3}$", description="UN/ECE Rec. 20 code.")
    unit_price: Decimal = Field(ge=0, max_digits=16, decimal_places=4)
    vat_category: VatCategory = "S"
    vat_rate: Decimal = Field(ge=0, lt=100, max_digits=5, decimal_places=2)


class InvoiceIn(Schema):
    account: ExternalId = Field(description="The customer account's external_id.")
    number: str = Field(min_length=1, max_length=40)
    kind: DocumentKind = "invoice"
    issued_on: date
    due_on: date
    currency: Currency = "RON"
    exchange_rate: Decimal = Field(Decimal(1), gt=0, max_digits=12, decimal_places=6)
    po_number: str = Field("", max_length=60)
    corrects: str = Field("", max_length=40, description="A credit note's corrected invoice.")
    lines: list[InvoiceLineIn] = Field(min_length=1, max_length=1000)
    pdf: Base64Bytes | None = Field(
        None, description="The ERP's own PDF, base64; without it the portal renders one."
    )


class InvoiceItem(InvoiceIn):
    external_id: ExternalId


class InvoiceBulkIn(Schema):
    items: list[InvoiceItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class InvoiceOut(Pushed):
    number: str
    kind: str
    status: str = Field(description="open, partly_paid or paid.")
    total: Decimal
    open_amount: Decimal
    currency: str


def push_invoice(actor: Actor, external_id: str, data: InvoiceIn) -> Upserted[Invoice]:
    document = services.Document(
        external_id=external_id,
        number=data.number,
        kind=data.kind,
        issued_on=data.issued_on,
        due_on=data.due_on,
        currency=data.currency,
        exchange_rate=data.exchange_rate,
        po_number=data.po_number,
        corrects=data.corrects,
        lines=[services.Line(**line.dict()) for line in data.lines],
        pdf=data.pdf,
    )
    return services.invoice_issue(
        actor=actor, account=account_by_external_id(data.account), document=document
    )


def _invoice_out(result: Upserted[Invoice], _data: InvoiceIn) -> dict:
    invoice = result.obj
    return pushed(
        result,
        number=invoice.number,
        kind=invoice.kind,
        status=invoice.settled,
        total=invoice.total,
        open_amount=invoice.open_amount,
        currency=invoice.currency,
    )


upsert_routes(
    router,
    scope="invoices:write",
    operation_id="invoice_issue",
    summary="Issue an invoice or a credit note",
    bulk_summary="Issue many invoices and credit notes",
    schema=InvoiceIn,
    bulk_schema=InvoiceBulkIn,
    out=InvoiceOut,
    push=push_invoice,
    answer=_invoice_out,
)


class AllocationIn(Schema):
    invoice: str = Field(min_length=1, max_length=40, description="The invoice's number.")
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)


class PaymentIn(Schema):
    account: ExternalId = Field(description="The customer account's external_id.")
    received_on: date
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    currency: Currency = "RON"
    reference: str = Field("", max_length=100)
    allocations: list[AllocationIn] = Field([], max_length=1000)


class PaymentItem(PaymentIn):
    external_id: ExternalId


class PaymentBulkIn(Schema):
    items: list[PaymentItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class PaymentOut(Pushed):
    amount: Decimal
    unallocated: Decimal
    currency: str


def push_payment(actor: Actor, external_id: str, data: PaymentIn) -> Upserted[Payment]:
    return services.payment_record(
        actor=actor,
        account=account_by_external_id(data.account),
        external_id=external_id,
        received_on=data.received_on,
        amount=data.amount,
        currency=data.currency,
        reference=data.reference,
        allocations=[services.Share(share.invoice, share.amount) for share in data.allocations],
    )


def _payment_out(result: Upserted[Payment], _data: PaymentIn) -> dict:
    payment = result.obj
    return pushed(
        result, amount=payment.amount, unallocated=payment.unallocated, currency=payment.currency
    )


upsert_routes(
    payments_router,
    scope="payments:write",
    operation_id="payment_record",
    summary="Record a payment and the invoices it settles",
    bulk_summary="Record many payments",
    schema=PaymentIn,
    bulk_schema=PaymentBulkIn,
    out=PaymentOut,
    push=push_payment,
    answer=_payment_out,
)
