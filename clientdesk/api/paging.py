"""Lists through the API page by index: newest first, the next page after a cursor.

The cursor is the last row's id as the client got it: a page costs one indexed
range read however deep the client pages, unlike an offset.
"""

from typing import TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema

from clientdesk.core.paging import newest_first

PAGE_MAX = 100

M = TypeVar("M", bound=Model)


class PageParams(Schema):
    after: int | None = Field(
        None, ge=1, description="The `next` of the previous page; leave out for the first."
    )
    limit: int = Field(25, ge=1, le=PAGE_MAX)


def page(rows: QuerySet[M], params: PageParams) -> tuple[list[M], int | None]:
    """A page of ``rows`` (newest first) and the cursor of the next page, or None."""
    return newest_first(rows, after=params.after, limit=params.limit)
