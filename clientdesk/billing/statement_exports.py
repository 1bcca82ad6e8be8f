"""The statement as CSV, XLSX and PDF: the same rows (statement.rows) in each.

The CSV goes through core.csv_export, in the dialect of the user's language.
"""

import io
from decimal import Decimal

from django.http import HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from clientdesk.billing.statement import Statement, rows
from clientdesk.core import csv_export
from clientdesk.core.pdf import render_pdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers() -> list[str]:
    return [
        _("Customer"), _("Currency"), _("Date"), _("Document"), _("Number"),
        _("Debit"), _("Credit"), _("Balance"),
    ]  # fmt: skip


def table(statements: list[Statement]) -> list[list]:
    """Every line of every statement: opening, movements, closing."""
    lines: list[list] = []
    for s in statements:
        who = [f"{s.billing.account.name} ({s.billing.account.number})", s.billing.currency]
        lines.append([*who, s.start, _("Opening balance"), "", None, None, s.opening])
        for row in rows(s):
            lines.append([*who, row.on, row.label, row.number, row.debit, row.credit, row.balance])
        lines.append([*who, s.end, _("Closing balance"), "", None, None, s.closing])
    return lines


def filename(start, end, extension: str) -> str:
    return f"statement-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(statements: list[Statement], start, end) -> HttpResponseBase:
    return csv_export.csv_response(filename(start, end, "csv"), headers(), table(statements))


def xlsx_response(statements: list[Statement], start, end) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Statement")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in table(statements):
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text from the ERP, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX), filename(start, end, "xlsx")
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
