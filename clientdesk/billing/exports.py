"""The invoice list as CSV and XLSX: the documents the user filtered, every page of them,
in the list's order.

Both read the invoices in chunks as the file is written (``iterator(chunk_size)``), so a
worker holds a chunk, not the list: the CSV streams through core.csv_export in the
dialect of the user's language, the XLSX is written row by row to a temporary file
(core.xlsx_export) and sent from there.
"""

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from clientdesk.billing.models import Invoice
from clientdesk.core import csv_export, xlsx_export

CHUNK = 2000
S = Invoice.Status


def headers() -> list[str]:
    return [
        _("Invoice number"), _("Type"), _("Customer number"), _("Customer"), _("Issued on"),
        _("Due on"), _("PO number"), _("Status"), _("Total"), _("Open amount"), _("Currency"),
    ]  # fmt: skip


def status_labels() -> dict[tuple[str, bool], str]:
    """The status as the list's badge words it (a credit note is used, not paid), by
    (status, is a credit note): translated once an export, not once a row."""
    invoice: dict[str, str] = {
        S.OPEN: _("Open"), S.PARTLY_PAID: _("Partly paid"), S.PAID: _("Paid"),
        S.OVERDUE: _("Overdue"),
    }  # fmt: skip
    note = {**invoice, S.PARTLY_PAID: _("Partly used"), S.PAID: _("Used")}
    return {
        (status, credit): (note if credit else invoice)[status]
        for status in invoice
        for credit in (False, True)
    }


COLUMNS = (
    "number", "kind", "issued_on", "due_on", "po_number", "settled", "total", "open_amount",
    "currency", "account__number", "account__name",
)  # fmt: skip


def rows(invoices: QuerySet[Invoice], cutoff: date) -> Iterator[list]:
    kinds = {kind: str(label) for kind, label in Invoice.Kind.choices}
    statuses = status_labels()
    for invoice in invoices.only(*COLUMNS).iterator(chunk_size=CHUNK):
        credit = invoice.is_credit_note
        yield [
            invoice.number,
            kinds[invoice.kind],
            invoice.account.number,
            invoice.account.name,
            invoice.issued_on,
            None if credit else invoice.due_on,
            invoice.po_number,
            statuses[invoice.status_on(cutoff), credit],
            -invoice.total if credit else invoice.total,
            invoice.open_amount,
            invoice.currency,
        ]


def filename(today: date, extension: str) -> str:
    return f"invoices-{today.isoformat()}.{extension}"


def csv_response(invoices: QuerySet[Invoice], cutoff: date, today: date) -> StreamingHttpResponse:
    return csv_export.csv_response(filename(today, "csv"), headers(), rows(invoices, cutoff))


def xlsx_response(invoices: QuerySet[Invoice], cutoff: date, today: date) -> FileResponse:
    return xlsx_export.xlsx_response(
        filename(today, "xlsx"), _("Invoices"), headers(), rows(invoices, cutoff)
    )
