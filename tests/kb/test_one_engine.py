"""The FAQ search, the contact page's FAQ box, the suggestions while a request is
written and the API rank with one engine: the same words, the same first article."""

import re

import pytest
from django.urls import reverse

from tests.kb.test_embeddings import PARAPHRASES

pytestmark = pytest.mark.django_db

QUERIES = [
    ("ro", "cand primesc marfa"),
    ("ro", "pana cand trebuie sa achit"),
    ("ro", "copie contract"),
    ("en", "give my accountant access to invoices"),
    ("en", "I forgot my pasword"),
]


def first_link(page: str, pattern: str) -> str | None:
    found = re.search(pattern, page)
    return found.group(1) if found else None


def faq_page(client, query: str) -> tuple[str | None, str | None]:
    """The first article and the page's language (the user's, not necessarily the query's)."""
    page = client.get(reverse("kb:search"), {"q": query}).content.decode()
    lang = first_link(page, r'<html lang="([a-z]+)"')
    return first_link(page, r'class="result__title" href="[^"]*/([a-z0-9-]+)/(?:\?[^"]*)?"'), lang


def suggestions(client, query: str) -> str | None:
    page = client.get(reverse("support:suggestions"), {"subject": query}).content.decode()
    return first_link(page, r"\?article=([a-z0-9-]+)")


def api(client, query: str, lang: str | None) -> str | None:
    results = client.get("/api/v1/kb/search", {"q": query, "lang": lang}).json()["results"]
    return results[0]["slug"] if results else None


def test_the_contact_page_searches_the_faq_with_the_faq_search(client):
    page = client.get(reverse("contact")).content.decode()
    assert f'hx-get="{reverse("kb:search")}"' in page
    assert f'action="{reverse("kb:search")}"' in page


@pytest.mark.parametrize(("lang", "query"), QUERIES)
def test_the_same_query_finds_the_same_first_article_everywhere(
    client, demo_articles, alfa_admin, lang, query
):
    alfa_admin.language = lang
    alfa_admin.save()
    client.force_login(alfa_admin)
    first, page_lang = faq_page(client, query)
    assert page_lang == lang
    assert first is not None
    assert suggestions(client, query) == first
    assert api(client, query, lang) == first


@pytest.mark.parametrize(("lang", "query", "expected"), PARAPHRASES)
def test_a_paraphrase_found_by_its_meaning_comes_first_everywhere(
    client, demo_articles, alfa_admin, lang, query, expected
):
    alfa_admin.language = lang
    alfa_admin.save()
    client.force_login(alfa_admin)
    assert faq_page(client, query) == (expected, lang)
    assert suggestions(client, query) == expected
    assert api(client, query, lang) == expected
