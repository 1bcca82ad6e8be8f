"""Keyset pagination: "the 25 after this row", so the last page of 100,000 costs the first's.

An offset makes the database read and drop every row before the page; a keyset reads the
index from the last row shown. The cursor names that row's sort value and its number (the
tie-break, unique). Nothing counts the whole list: the page says whether there is more,
and the list says "more than LIMIT" beyond LIMIT matches.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q, QuerySet

COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    next_cursor: str | None
    previous_cursor: str | None
    count: int  # at most COUNT_LIMIT + 1

    @property
    def count_is_exact(self) -> bool:
        return self.count <= COUNT_LIMIT


def _encode(field: str, row: Any) -> str:
    value = getattr(row, field)
    raw = json.dumps([str(value), row.number]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(field: str, cursor: str) -> tuple[Any, str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, number = json.loads(raw)
        if field in ("issued_on", "due_on"):
            return date.fromisoformat(value), str(number)
        return Decimal(value), str(number)
    except (ValueError, TypeError, InvalidOperation, binascii.Error):
        return None


def _beyond(field: str, descending: bool, value: Any, number: str) -> Q:
    # (field, number) beyond (value, number), written with a plain bound on the field
    # first, so that the database reads the (account, field) index as a range.
    op = "lt" if descending else "gt"
    bound = Q(**{f"{field}__{op}e": value})
    return bound & (Q(**{f"{field}__{op}": value}) | Q(**{f"number__{op}": number}))


def paginate(
    queryset: QuerySet, sort: str, *, after: str = "", before: str = "", size: int = 25
) -> Page:
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    order = [sort, "-number" if descending else "number"]
    reverse = [f"-{field}" if not descending else field, "number" if descending else "-number"]
    count = queryset.order_by()[: COUNT_LIMIT + 1].count()
    cursor = _decode(field, before) if before else _decode(field, after) if after else None
    if before and cursor is not None:
        # The page before: read backwards from the cursor, then show in order.
        rows = list(
            queryset.filter(_beyond(field, not descending, *cursor)).order_by(*reverse)[: size + 1]
        )
        has_more_before = len(rows) > size
        rows = rows[:size][::-1]
        return Page(
            rows,
            next_cursor=_encode(field, rows[-1]) if rows else None,
            previous_cursor=_encode(field, rows[0]) if rows and has_more_before else None,
            count=count,
        )
    if cursor is not None:
        queryset = queryset.filter(_beyond(field, descending, *cursor))
    rows = list(queryset.order_by(*order)[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    return Page(
        rows,
        next_cursor=_encode(field, rows[-1]) if rows and has_next else None,
        previous_cursor=_encode(field, rows[0]) if rows and cursor is not None else None,
        count=count,
    )
