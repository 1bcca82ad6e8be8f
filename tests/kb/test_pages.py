import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.kb.models import Article
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def articles():
    contracts = CategoryFactory(slug="contracts")
    ArticleFactory(slug="contract-copy", category=contracts, title="Copia contractului",
                   tags=["copie", "PDF"], body="Descărcați **PDF**-ul contractului.")  # fmt: skip
    ArticleFactory(slug="contract-copy", lang="en", category=contracts,
                   title="A copy of my contract", body="Download the contract's PDF.")  # fmt: skip
    ArticleFactory(slug="termination", category=contracts, title="Rezilierea contractului",
                   tags=["copie"], body="Trimiteți o notificare semnată.")  # fmt: skip
    ArticleFactory(slug="draft", category=contracts, title="Ciornă nepublicată",
                   is_published=False)  # fmt: skip


def test_faq_home_lists_categories_with_their_articles_and_a_search_box(client, articles):
    response = client.get(reverse("kb:home"))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["current_section"] == "faq"
    assert "Contracte" in page
    assert "Copia contractului" in page and "Rezilierea contractului" in page
    assert "Ciornă nepublicată" not in page
    assert 'type="search"' in page and 'hx-trigger="input changed delay:250ms' in page


def test_faq_home_shows_only_articles_in_the_current_language(english, articles):
    page = english.get(reverse("kb:home")).content.decode()

    assert "A copy of my contract" in page
    assert "Copia contractului" not in page
    assert "Contracts" in page


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_faq_home_query_count_does_not_grow_with_articles(client, articles):
    url = reverse("kb:home")
    client.get(url)  # the portal's own first-visit set-up is not the FAQ's cost
    few = queries_for(client, url)

    for number in range(30):
        ArticleFactory(slug=f"extra-{number}", category=CategoryFactory(slug=f"topic-{number % 6}"))

    assert queries_for(client, url) == few


def test_category_page_lists_its_published_articles(client, articles):
    response = client.get(reverse("kb:category", args=["contracts"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Copia contractului" in page and "Ciornă nepublicată" not in page
    assert 'class="breadcrumbs"' in page


def test_an_unknown_category_is_not_found(client, articles):
    assert client.get(reverse("kb:category", args=["nothing-here"])).status_code == 404


def test_article_page_shows_body_tags_related_articles_and_the_vote_form(client, articles):
    response = client.get(reverse("kb:article", args=["contract-copy"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>PDF</strong>" in page
    assert 'class="tag"' in page and ">copie<" in page
    assert "Rezilierea contractului" in page, "related: shares the tag 'copie'"
    assert 'name="helpful" value="yes"' in page
    assert 'hx-post="/faq/articles/contract-copy/vote/"' in page


def test_article_page_counts_views(client, articles):
    url = reverse("kb:article", args=["contract-copy"])
    client.get(url)
    client.get(url)

    assert Article.objects.get(slug="contract-copy", lang="ro").view_count == 2


def test_article_page_is_in_the_current_language(english, articles):
    page = english.get(reverse("kb:article", args=["contract-copy"])).content.decode()

    assert "A copy of my contract" in page


@pytest.mark.parametrize("slug", ["draft", "missing"])
def test_unpublished_or_unknown_articles_are_not_found(client, articles, slug):
    assert client.get(reverse("kb:article", args=[slug])).status_code == 404


def test_an_article_without_a_translation_is_not_found_in_that_language(english, articles):
    assert english.get(reverse("kb:article", args=["termination"])).status_code == 404


def test_search_page_shows_results_for_the_query(client, articles):
    response = client.get(reverse("kb:search"), {"q": "copie contractul"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page
    assert 'class="result-list"' in page and "Copia contractului" in page
    assert 'value="copie contractul"' in page


def test_search_as_you_type_answers_only_the_results_fragment(client, articles):
    response = client.get(reverse("kb:search"), {"q": "contrct"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "Copia contractului" in page


def test_htmx_history_restore_gets_the_whole_page(client, articles):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

    page = client.get(reverse("kb:search"), {"q": "copie"}, headers=headers).content.decode()

    assert "<html" in page


def test_search_with_no_match_says_so_and_offers_contact(client, articles):
    page = client.get(reverse("kb:search"), {"q": "qqqzzz"}).content.decode()

    assert "No article matches" in page or "Niciun articol" in page
    assert reverse("contact") in page


@pytest.mark.parametrize("query", ["", "   ", "x" * 500, "<script>alert(1)</script>"])
def test_search_page_never_fails_on_odd_input(client, articles, query):
    response = client.get(reverse("kb:search"), {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
