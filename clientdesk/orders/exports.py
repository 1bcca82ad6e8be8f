"""The order list as CSV and XLSX: the orders the user filtered, all pages of them.

CSV streams row by row through core.csv_export, in the user's dialect; XLSX is written
row by row to a temporary file by core.xlsx_export.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from clientdesk.core import csv_export, xlsx_export
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


def xlsx_response(orders: QuerySet[Order]) -> FileResponse:
    return xlsx_export.xlsx_response(
        filename("xlsx"), _("Orders"), headers(), rows(orders), widths=WIDTHS
    )
