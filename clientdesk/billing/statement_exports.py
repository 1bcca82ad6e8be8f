"""The statement as CSV, XLSX and PDF: the same rows (statement.rows) in each.

Every movement of the period, read from the database in chunks as the file is written:
the CSV streams through core.csv_export, in the dialect of the user's language, the XLSX
is written row by row (core.xlsx_export).
"""

from collections.abc import Iterator

from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _

from clientdesk.billing.statement import Statement, movements, rows
from clientdesk.core import csv_export, xlsx_export
from clientdesk.core.pdf import render_pdf

CHUNK = 2000


def headers() -> list[str]:
    return [
        _("Customer"), _("Currency"), _("Date"), _("Document"), _("Number"),
        _("Debit"), _("Credit"), _("Balance"),
    ]  # fmt: skip


def table(statements: list[Statement]) -> Iterator[list]:
    """Every line of every statement: opening, movements, closing."""
    for s in statements:
        who = [f"{s.billing.account.name} ({s.billing.account.number})", s.billing.currency]
        yield [*who, s.start, _("Opening balance"), "", None, None, s.opening]
        for row in rows(movements(s).iterator(chunk_size=CHUNK)):
            yield [*who, row.on, row.label, row.number, row.debit, row.credit, row.balance]
        yield [*who, s.end, _("Closing balance"), "", None, None, s.closing]


def filename(start, end, extension: str) -> str:
    return f"statement-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(statements: list[Statement], start, end) -> HttpResponseBase:
    return csv_export.csv_response(filename(start, end, "csv"), headers(), table(statements))


def xlsx_response(statements: list[Statement], start, end) -> FileResponse:
    return xlsx_export.xlsx_response(
        filename(start, end, "xlsx"), _("Statement"), headers(), table(statements)
    )


def pdf_response(statements: list[Statement], start, end, context: dict) -> HttpResponse:
    content = render_pdf(
        "billing/statement_pdf.html",
        {**context, "statements": statements, "start": start, "end": end},
        language=translation.get_language() or "ro",
        stylesheets=["clientdesk/invoice-pdf.css"],
        archival=False,
    )
    return _attachment(
        HttpResponse(content, content_type="application/pdf"), filename(start, end, "pdf")
    )
