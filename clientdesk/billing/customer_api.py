"""A customer's invoices, credit notes and balances through their personal token."""

from datetime import date
from decimal import Decimal

from django.http import FileResponse
from ninja import Query, Router, Schema

from clientdesk.api import tokens
from clientdesk.api.auth import customer, token_actor
from clientdesk.api.errors import ERRORS, ApiError
from clientdesk.api.paging import PageParams, page
from clientdesk.api.scopes import Scope
from clientdesk.billing import queries, services
from clientdesk.billing.converters import INVOICE_NUMBER
from clientdesk.billing.models import Invoice
from clientdesk.support.storage import private_storage

router = Router(tags=["My invoices"])


class InvoiceOut(Schema):
    number: str
    account: str
    kind: str
    status: str
    issued_on: date
    due_on: date
    currency: str
    total: Decimal
    open_amount: Decimal
    corrects: str | None


class InvoicePage(Schema):
    results: list[InvoiceOut]
    next: int | None


class BalanceOut(Schema):
    account: str
    currency: str
    balance: Decimal


def _out(invoice: Invoice, cutoff: date) -> dict:
    return {
        "number": invoice.number,
        "account": invoice.account.number,
        "kind": invoice.kind,
        "status": invoice.status_on(cutoff),
        "issued_on": invoice.issued_on,
        "due_on": invoice.due_on,
        "currency": invoice.currency,
        "total": invoice.total,
        "open_amount": invoice.open_amount,
        "corrects": invoice.corrects.number if invoice.corrects else None,
    }


@router.get(
    "",
    response={200: InvoicePage, **ERRORS},
    auth=customer(Scope.INVOICES_READ),
    summary="My invoices and credit notes, newest first",
    operation_id="my_invoices_list",
)
def my_invoices(request, params: Query[PageParams]):
    cutoff = queries.overdue_cutoff()
    invoices = queries.invoices_matching(tokens.calling(request), cutoff=cutoff)
    rows, after = page(invoices.select_related("corrects"), params)
    return {"results": [_out(invoice, cutoff) for invoice in rows], "next": after}


@router.get(
    "/balances",
    response={200: list[BalanceOut], **ERRORS},
    auth=customer(Scope.INVOICES_READ),
    summary="What each of my accounts owes, per currency",
    operation_id="my_balances",
)
def my_balances(request):
    return [
        {"account": row.account.number, "currency": row.currency, "balance": row.balance}
        for row in queries.balances(tokens.calling(request))
    ]


# A number may hold a slash (FV/2026/0001, sent as FV%2F2026%2F0001; billing/converters.py):
# the longer route first.
@router.get(
    f"/{{{INVOICE_NUMBER}:number}}/pdf",
    response={200: None, **ERRORS},
    auth=customer(Scope.INVOICES_READ),
    summary="The invoice's PDF, as issued",
    operation_id="my_invoices_pdf",
)
def my_invoice_pdf(request, number: str):
    invoice = queries.invoice_file(tokens.calling(request), number)
    if not invoice.pdf:
        raise ApiError.not_found("number")  # rendered in the background, in a moment
    services.invoice_view(actor=token_actor(request), invoice=invoice, via="api")
    return FileResponse(
        private_storage().open(invoice.pdf, "rb"),
        as_attachment=True,
        filename=f"{invoice.number}.pdf",
        content_type="application/pdf",
    )


@router.get(
    f"/{{{INVOICE_NUMBER}:number}}",
    response={200: InvoiceOut, **ERRORS},
    auth=customer(Scope.INVOICES_READ),
    summary="One of my invoices or credit notes",
    operation_id="my_invoices_get",
)
def my_invoice(request, number: str):
    invoice = queries.invoice_page(tokens.calling(request), number)
    services.invoice_view(actor=token_actor(request), invoice=invoice, via="api")
    return _out(invoice, queries.overdue_cutoff())
