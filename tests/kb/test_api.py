import pytest

from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/kb/search"


@pytest.fixture
def articles():
    invoices = CategoryFactory(slug="invoices-payments")
    ArticleFactory(slug="due-date", category=invoices, title="Scadența facturilor",
                   tags=["scadență"], body="Termenul de plată al facturii.")  # fmt: skip
    ArticleFactory(slug="currency", category=invoices, title="Moneda facturii",
                   tags=["valută"], body="Factura este în lei sau euro.")  # fmt: skip
    ArticleFactory(slug="due-date", lang="en", category=invoices, title="Invoice due dates",
                   body="When an invoice must be paid.")  # fmt: skip


def test_it_answers_the_documented_shape_without_login(client, articles):
    response = client.get(URL, {"q": "scadenta factura", "lang": "ro", "limit": 5})

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0] == {
        "slug": "due-date",
        "title": "Scadența facturilor",
        "lang": "ro",
        "category": "invoices-payments",
        "score": results[0]["score"],
    }
    assert isinstance(results[0]["score"], float)


def test_results_come_best_first(client, articles):
    results = client.get(URL, {"q": "factura euro"}).json()["results"]

    assert results[0]["slug"] == "currency"
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_language_defaults_to_romanian_and_english_is_separate(client, articles):
    romanian = client.get(URL, {"q": "due date invoice scadenta"}).json()["results"]
    english = client.get(URL, {"q": "invoice due", "lang": "en"}).json()["results"]

    assert {r["lang"] for r in romanian} == {"ro"}
    assert [(r["slug"], r["lang"]) for r in english] == [("due-date", "en")]


def test_limit_caps_the_results(client, articles):
    assert len(client.get(URL, {"q": "factura", "limit": 1}).json()["results"]) == 1


def test_a_query_matching_nothing_answers_an_empty_list(client, articles):
    assert client.get(URL, {"q": "qqqzzz"}).json() == {"results": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "factura", "lang": "fr"}, "lang"),
        ({"q": "factura", "lang": ""}, "lang"),
        ({"q": "factura", "limit": "ten"}, "limit"),
        ({"q": "factura", "limit": "2.5"}, "limit"),
        ({"q": "factura", "limit": "0"}, "limit"),
        ({"q": "factura", "limit": "51"}, "limit"),
        ({"q": "factura", "limit": "-3"}, "limit"),
    ],
)
def test_a_bad_parameter_answers_422_naming_it(client, articles, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert any(error["loc"][-1] == field for error in response.json()["detail"])


@pytest.mark.parametrize(
    "query", ["%", "'; DROP TABLE kb_article; --", "🙂🙂", "a-b-c-d", "\u0301\u0301", "ș" * 200]
)
def test_odd_queries_never_fail(client, articles, query):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert "results" in response.json()


def test_search_is_described_in_the_openapi_schema(client, settings):
    settings.API_DOCS_PUBLIC = True
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/kb/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "lang", "limit"}
