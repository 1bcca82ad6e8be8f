"""Pieces for table rows written in Python rather than by the template (a list's rows are
most of its template's CPU: a cell with a date or a link costs 30-45 µs there).

The tags that write rows (billing, orders, contracts) escape every value with
``html.escape``: ``conditional_escape``'s checks for safe strings cost more than the row.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from html import escape
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext


def short_dates(empty: str = "—") -> Callable[[date | None], str]:
    """A formatter of dates in the active language's SHORT_DATE_FORMAT, escaped, that
    formats each date once (a page shows the same days again and again); ``empty`` for
    no date."""
    seen: dict[date, str] = {}

    def short_date(value: date | None) -> str:
        if value is None:
            return empty
        if value not in seen:
            seen[value] = escape(formats.date_format(value, "SHORT_DATE_FORMAT"))
        return seen[value]

    return short_date


def cell_labels(labels: Mapping[str, Promise]) -> dict[str, str]:
    """Each cell's label (data-label, for the stacked layout of a phone) translated once
    for the whole table, escaped."""
    return {name: escape(str(label)) for name, label in labels.items()}


def customer_cells(shown: bool) -> Callable[[Any], str]:
    """The "Customer" cell naming a row's account, for a user who sees several accounts
    (``shown``); nothing otherwise."""
    label = escape(gettext("Customer"))

    def customer_cell(account: Any) -> str:
        return f'<td data-label="{label}">{escape(account.name)}</td>' if shown else ""

    return customer_cell


def table_rows(rows: Iterable[str]) -> SafeString:
    """The rows a tag wrote, one a line, as safe HTML: each must have escaped its values."""
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703
