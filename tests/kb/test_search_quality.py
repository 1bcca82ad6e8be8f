"""Search quality on the demo knowledge base, with queries written apart from
it, the way customers type: no diacritics, typos, other word forms."""

import pytest

from tests.kb.conftest import held_out

pytestmark = pytest.mark.django_db


def mean_reciprocal_rank(client, queries) -> float:
    total = 0.0
    for lang, query, expected in queries:
        response = client.get("/api/v1/kb/search", {"q": query, "lang": lang, "limit": 5})
        slugs = [result["slug"] for result in response.json()["results"]]
        total += 1 / (slugs.index(expected) + 1) if expected in slugs else 0.0
    return total / len(queries)


def test_held_out_queries_find_the_right_demo_article_near_the_top(client, demo_articles):
    assert mean_reciprocal_rank(client, held_out("heldout_demo_queries.json")) >= 0.95
