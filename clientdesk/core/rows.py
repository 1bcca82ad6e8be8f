"""Pieces for table rows written in Python rather than by the template (a list's rows are
most of its template's CPU: a cell with a date or a link costs 30-45 µs there).

The tags that write rows (billing, orders, contracts) escape every value with
``html.escape``: ``conditional_escape``'s checks for safe strings cost more than the row.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote

from django.db.models import Choices
from django.urls import reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.http import RFC3986_SUBDELIMS
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


def choice_labels(choices: type[Choices]) -> Callable[[Any], str]:
    """The label of a choice by its value, escaped, each translated once for the whole
    table; a value that is not a choice as it is, like ``get_FOO_display()``, which builds
    a dict of every choice, translating each label, for each row (a 25-row list spent about
    1 ms on it)."""
    labels = {value: escape(str(label)) for value, label in choices.choices}

    def label_of(value: Any) -> str:
        return labels.get(value) or escape(str(value))

    return label_of


def customer_cells(shown: bool) -> Callable[[Any], str]:
    """The "Customer" cell naming a row's account, for a user who sees several accounts
    (``shown``); nothing otherwise."""
    label = escape(gettext("Customer"))

    def customer_cell(account: Any) -> str:
        return f'<td data-label="{label}">{escape(account.name)}</td>' if shown else ""

    return customer_cell


# A value for a route's <uuid:...> converter, to reverse it with.
UUID_SAMPLE = "00000000-0000-0000-0000-000000000000"
# reverse() quotes the path it builds with these characters left as they are (RFC 3986).
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def urls_of(viewname: str, sample: str) -> Callable[[Any], str]:
    """``reverse(viewname, args=[value])`` for each row's value, with one reverse() for the
    whole table (about 45 µs a row otherwise): the value goes where ``sample`` was, quoted as
    reverse() quotes it, then escaped for HTML. ``sample`` must match the route's converter
    (a UUID for ``<uuid:...>``)."""
    url = reverse(viewname, args=[sample])
    prefix, found, suffix = url.partition(quote(sample, safe=_SAFE))
    if not found:
        raise ValueError(f"{sample!r} does not appear in {url!r}")

    def url_of(value: Any) -> str:
        return escape(f"{prefix}{quote(str(value), safe=_SAFE)}{suffix}")

    return url_of


def table_rows(rows: Iterable[str]) -> SafeString:
    """The rows a tag wrote, one a line, as safe HTML: each must have escaped its values."""
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703
