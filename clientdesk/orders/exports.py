"""The order list as CSV and XLSX: the orders the user filtered, all pages of them.

CSV streams row by row through core.csv_export, in the user's dialect; XLSX is written
by openpyxl's write-only mode, which keeps only the current row.
"""

import io
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from clientdesk.core import csv_export
from clientdesk.orders.models import Order

CHUNK = 500
WIDTHS = [18, 20, 14, 28, 12, 18, 18, 14, 9]


def headers() -> list[str]:
    return [
        _("Order number"),
        _("Customer PO number"),
        _("Customer number"),
        _("Customer"),
        _("Ordered on"),
        _("Status"),
        _("Expected delivery"),
        _("Total"),
        _("Currency"),
    ]


def rows(orders: QuerySet[Order]) -> Iterator[list]:
    for order in orders.iterator(chunk_size=CHUNK):
        yield [
            order.number,
            order.po_number,
            order.account.number,
            order.account.name,
            order.ordered_on,
            order.get_status_display(),
            order.expected_on,
            order.total,
            order.currency,
        ]


def filename(extension: str) -> str:
    return f"orders-{timezone.localdate().isoformat()}.{extension}"


def csv_response(orders: QuerySet[Order]) -> StreamingHttpResponse:
    return csv_export.csv_response(filename("csv"), headers(), rows(orders))


def xlsx_response(orders: QuerySet[Order]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Orders"))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, title, font=bold) for title in headers()])
    for row in rows(orders):
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response


def _cell(sheet, value, font=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl would store "=…" as a formula; it is text from the ERP or the customer.
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    if font is not None:
        cell.font = font
    return cell
