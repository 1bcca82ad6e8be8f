"""Pages by index, newest first: the next page is the rows below the last id shown.

A page costs one indexed range read however deep the reader pages, unlike an offset; the
API's lists (api/paging.py), the staff audit log and the staff order list page this way.
A list sorted by something else (a date, an urgency) pages by number with CappedPaginator,
which counts no further than it needs to say "more than 1,000".
"""

from typing import Any, TypeVar

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

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


COUNT_LIMIT = 1000


class CappedPage(Page):
    def __init__(self, rows, number: int, paginator: "CappedPaginator", *, more: bool) -> None:
        super().__init__(rows, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class CappedPaginator(Paginator):
    """Pages by number, for lists sorted by more than the id, that count no further than
    ``COUNT_LIMIT`` rows.

    An exact count reads every row that matches (a large customer's word search: all of its
    requests); past the limit the list says "more than" it, and the pages go on as long as
    there are rows, each read with one row more than it shows to know whether one follows.
    """

    limit = COUNT_LIMIT
    object_list: QuerySet

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.limit

    def validate_number(self, number) -> int:
        if self.count_is_exact:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number) -> Page:
        if self.count_is_exact:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            # Past the rows: the last page counted, which has some (as get_page does).
            return self.page(self.num_pages)
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
