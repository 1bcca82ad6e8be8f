"""Every CSV the portal hands out: the dialect follows the user's language.

Romanian spreadsheets split columns on ";" and read "1233,55" as a number; English ones
want "," and "1233.55". Both get UTF-8 with a byte-order mark, so that Excel reads the
diacritics. Dates stay ISO (2026-12-01), which every spreadsheet reads in either language.
Rows are written as they are read, so a long list costs no memory.
"""

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone, translation

BOM = "\ufeff"
# Text a spreadsheet would run as a formula (CSV injection) is prefixed with '.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str


ROMANIAN = Dialect(delimiter=";", decimal=",")
ENGLISH = Dialect(delimiter=",", decimal=".")


def dialect_for(language: str | None) -> Dialect:
    return ROMANIAN if language == "ro" else ENGLISH


def cell(value: object, dialect: Dialect) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", dialect.decimal)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def lines(header: Sequence[str], rows: Iterable[Sequence[object]], language: str) -> Iterator[str]:
    dialect = dialect_for(language)
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    # The rows may be read after the view returns: keep the user's language for them.
    with translation.override(language):
        yield BOM + writer.writerow(list(header))
        for row in rows:
            yield writer.writerow([cell(value, dialect) for value in row])


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    language = translation.get_language() or "ro"
    response = StreamingHttpResponse(
        lines(header, rows, language), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
