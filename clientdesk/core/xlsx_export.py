"""XLSX exports: openpyxl's write-only mode into a temporary file, handed out from there,
so a worker holds a row at a time however long the list.

A workbook built in memory keeps every cell as an object (about 1 KB each: 100,000
invoices of ten columns are a gigabyte); write-only cells are written as they come and
the file is zipped on disk. Text is stored as text, never a formula. openpyxl is imported
when a file is written: it costs a web worker about 35 MB that most never need.
"""

import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.http import FileResponse

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(
    sheet: "WriteOnlyWorksheet", value: object, font: "Font | None" = None
) -> "WriteOnlyCell":
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text from the ERP or the customer, never a formula
    elif isinstance(value, Decimal):
        cell.number_format = "#,##0.00"
    if font is not None:
        cell.font = font
    return cell


def xlsx_response(
    filename: str,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[int] = (),
) -> FileResponse:
    """One sheet: the header in bold and frozen, then the rows; `widths` per column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, name, bold) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    # Not a with-block: the response closes it after the last byte, and it is deleted then.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX)
