"""Public knowledge-base search: GET /api/v1/kb/search?q=TEXT&lang=ro|en&limit=N.

Parameters are validated by the schema, so a bad one answers 422 with the
parameter named in `detail[].loc` and a code, never a server error.
"""

from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from clientdesk.api.errors import ErrorOut
from clientdesk.kb import search as kb_search
from clientdesk.kb.forms import MAX_QUERY_LENGTH

router = Router(tags=["Knowledge base"])


class SearchParams(Schema):
    q: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUERY_LENGTH)
    ] = Field(description="What to look for; diacritics, word forms and typos are forgiven.")
    lang: Literal["ro", "en"] = Field("ro", description="The articles' language.")
    limit: int = Field(10, ge=1, le=50, description="How many results at most.")


class SearchResult(Schema):
    slug: str
    title: str
    lang: str
    category: str = Field(description="The category's slug.")
    score: float = Field(description="Relevance; higher is better. Results come best first.")


class SearchResponse(Schema):
    results: list[SearchResult]


@router.get(
    "/search",
    response={200: SearchResponse, 422: ErrorOut},
    auth=None,
    summary="Search the knowledge base",
    operation_id="kb_search",
)
def search_articles(request, params: Query[SearchParams]) -> dict:
    hits = kb_search.search(params.q, params.lang, params.limit)
    return {
        "results": [
            {
                "slug": hit.slug,
                "title": hit.title,
                "lang": params.lang,
                "category": hit.category,
                "score": hit.score,
            }
            for hit in hits
        ]
    }
