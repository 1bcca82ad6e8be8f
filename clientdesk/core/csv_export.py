"""A CSV download streamed row by row, so that a long list costs no memory."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.utils import translation

# Text that a spreadsheet would run as a formula (CSV injection): prefixed with '.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def streamed_csv(
    headers: list[str], rows: Iterable[list], *, filename: str
) -> StreamingHttpResponse:
    """``rows`` is read after the view returns: it runs in the language of the request."""
    language = translation.get_language()

    def lines() -> Iterable[str]:
        with translation.override(language):
            writer = csv.writer(_Echo())
            # A byte-order mark, so that Excel reads the diacritics as UTF-8.
            yield "\ufeff" + writer.writerow(headers)
            for row in rows:
                yield writer.writerow(["" if v is None else safe_text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
