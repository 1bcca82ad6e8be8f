"""Keyset pagination: "the 25 after this row", so the last page of 100,000 costs the first's.

An offset makes the database read and drop every row before the page; a keyset reads the
index from the last row shown. The cursor names that row's sort value and its tie-break
(a unique field: the number by default). The last page is the first one read backwards
(``last=True``), so no link needs to know how many rows there are. Nothing counts the whole
list: the page says whether there is more, and the list says "more than LIMIT" beyond
LIMIT matches (or counts nothing, ``counted=False``).
"""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from clientdesk.core.paging import COUNT_LIMIT


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    next_cursor: str | None
    previous_cursor: str | None
    count: int | None  # at most COUNT_LIMIT + 1; None when not counted
    is_last: bool = False  # read backwards from the end: a "last page" link would lead here

    @property
    def count_is_exact(self) -> bool:
        return self.count is not None and self.count <= COUNT_LIMIT


def _encode(field: str, tie: str, row: Any) -> str:
    raw = json.dumps([str(getattr(row, field)), str(getattr(row, tie))]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(queryset: QuerySet, field: str, tie: str, cursor: str) -> tuple[Any, Any] | None:
    meta = queryset.model._meta

    def parsed(name: str, given: Any) -> Any:
        return (meta.pk if name == "pk" else meta.get_field(name)).to_python(given)

    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, tie_value = json.loads(raw)
        return parsed(field, value), parsed(tie, tie_value)
    except (ValueError, TypeError, ValidationError, binascii.Error):
        return None


def _beyond(field: str, tie: str, descending: bool, value: Any, tie_value: Any) -> Q:
    # (field, tie) beyond (value, tie_value), written with a plain bound on the field
    # first, so that the database reads the (account, field, tie) index as a range.
    op = "lt" if descending else "gt"
    bound = Q(**{f"{field}__{op}e": value})
    return bound & (Q(**{f"{field}__{op}": value}) | Q(**{f"{tie}__{op}": tie_value}))


def ordering(sort: str, tie: str = "number") -> list[str]:
    """The order a list paged by ``sort`` is shown in, the tie-break last."""
    return [sort, f"-{tie}" if sort.startswith("-") else tie]


def paginate(
    queryset: QuerySet,
    sort: str,
    *,
    after: str = "",
    before: str = "",
    last: bool = False,
    size: int = 25,
    tie: str = "number",
    counted: bool = True,
) -> Page:
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    order = ordering(sort, tie)
    reverse = [field if descending else f"-{field}", tie if descending else f"-{tie}"]
    count = queryset.order_by()[: COUNT_LIMIT + 1].count() if counted else None
    cursor = _decode(queryset, field, tie, before or after) if before or after else None
    if last or (before and cursor is not None):
        # The page before the cursor (or the last page): read backwards, show in order.
        if cursor is not None and not last:
            queryset = queryset.filter(_beyond(field, tie, not descending, *cursor))
        rows = list(queryset.order_by(*reverse)[: size + 1])
        has_more_before = len(rows) > size
        rows = rows[:size][::-1]
        return Page(
            rows,
            next_cursor=_encode(field, tie, rows[-1]) if rows and not last else None,
            previous_cursor=_encode(field, tie, rows[0]) if rows and has_more_before else None,
            count=count,
            is_last=last,
        )
    if cursor is not None:
        queryset = queryset.filter(_beyond(field, tie, descending, *cursor))
    rows = list(queryset.order_by(*order)[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    return Page(
        rows,
        next_cursor=_encode(field, tie, rows[-1]) if rows and has_next else None,
        previous_cursor=_encode(field, tie, rows[0]) if rows and cursor is not None else None,
        count=count,
        is_last=not has_next,
    )
