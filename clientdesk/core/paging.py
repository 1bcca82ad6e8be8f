"""Pages by index, newest first: the next page is the rows below the last id shown.

A page costs one indexed range read however deep the reader pages, unlike an offset; the
API's lists (api/paging.py), the staff audit log and the staff order list page this way.
"""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def _cursor(request) -> int | None:
    """The ``after`` cursor a page link carries, or None for the first page."""
    raw = request.GET.get("after", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def newest_first(rows: QuerySet[M], *, after: int | None, limit: int) -> tuple[list[M], int | None]:
    """A page of ``rows`` below the id ``after`` and the cursor of the next page, or None."""
    rows = rows.order_by("-pk")
    if after is not None:
        rows = rows.filter(pk__lt=after)
    found = list(rows[: limit + 1])
    more = len(found) > limit
    found = found[:limit]
    return found, found[-1].pk if more and found else None


def keyset_page(request, rows: QuerySet[M], *, limit: int) -> dict[str, Any]:
    """A page's context for core/staff/_keyset_pages.html: its ``rows``, the next page's
    cursor, whether this is a later page, and the query string without the cursor."""
    after = _cursor(request)
    found, next_after = newest_first(rows, after=after, limit=limit)
    query = request.GET.copy()
    query.pop("after", None)
    return {
        "rows": found,
        "next_after": next_after,
        "paged": after is not None,
        "query": query.urlencode(),
    }
