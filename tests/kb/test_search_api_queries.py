"""The knowledge-base search API (bench/pages_http.py's "KB search API") makes a fixed number
of queries, whatever the number of articles that match: none, once warm, since it answers
from the search engine's index held by the process."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/kb/search?q=factura&lang=ro"


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def articles(count: int, start: int) -> None:
    for n in range(start, start + count):
        ArticleFactory(
            slug=f"factura-{n}",
            category=CategoryFactory(slug=f"topic-{n % 4}"),
            title=f"Factura {n}",
            body="Despre factură și plata ei.",
        )


def test_the_search_costs_the_same_for_3_or_30_matching_articles(client, change):
    with change():
        articles(3, 0)
    client.get(URL)
    few = queries(client)
    with change():
        articles(27, 3)
    assert len(client.get(URL + "&limit=50").json()["results"]) >= 20
    assert queries(client) == few == 0
