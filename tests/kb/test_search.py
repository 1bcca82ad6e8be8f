"""What the search forgives, in both languages, on a small corpus of its own."""

import pytest
from django.core.cache import cache

from clientdesk.kb import search
from clientdesk.kb.models import Article
from clientdesk.kb.search.engine import VERSION_KEY, store_snapshot
from tests.kb.conftest import run_worker
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    contracts = CategoryFactory(slug="contracts")
    invoices = CategoryFactory(slug="invoices-payments")
    account = CategoryFactory(slug="account")
    ro = [
        ("contract-copy", contracts, "Cum obțin o copie a contractului?", ["copie"],
         "Descărcați documentul PDF din pagina contractului."),
        ("maintenance", contracts, "Oferte pentru mentenanță hardware și software",
         ["mentenanță", "ofertă"], "Trimiteți o cerere de ofertă pentru echipamente."),
        ("two-factor", account, "Cum activez autentificarea în doi pași?", ["securitate"],
         "Scanați codul cu aplicația de pe telefon."),
        ("due-date", invoices, "Care este scadența facturilor?", ["scadență", "termen"],
         "Termenul de plată este trecut pe fiecare factură."),
        ("currency", invoices, "În ce monedă primesc factura?", ["valută", "lei", "euro"],
         "Facturile sunt emise în lei sau în euro."),
        ("relocation", contracts, "Mutăm echipamentele în alt sediu", ["relocare"],
         "Anunțați mutarea printr-o cerere."),
        ("body-only", contracts, "Întrebări despre livrări", ["curier"],
         "Uneori o factură proformă însoțește livrarea."),
    ]  # fmt: skip
    en = [
        ("invoice-download", invoices, "How do I download an invoice?", ["PDF"],
         "Open Invoices and choose Download."),
        ("contract-copy", contracts, "How do I get a copy of my contract?", ["copy"],
         "Download the PDF from the contract's page."),
        ("licence-end", contracts, "Ending a software licence", ["termination"],
         "Monthly licences need 30 days of notice."),
    ]  # fmt: skip
    for lang, rows in (("ro", ro), ("en", en)):
        for slug, category, title, tags, body in rows:
            ArticleFactory(
                slug=slug, lang=lang, category=category, title=title, tags=tags, body=body
            )


def first(query: str, lang: str = "ro") -> str | None:
    hits = search.search(query, lang, 5)
    return hits[0].slug if hits else None


@pytest.mark.parametrize(
    "query",
    [
        "scadenta facturilor",
        "SCADENȚA",
        "scadenţa",
        "Scadența Facturii",
        "autentificare in doi pasi",
    ],
)
def test_it_forgives_missing_diacritics_cedillas_and_capitals(corpus, query):
    expected = "two-factor" if "autentificare" in query else "due-date"
    assert first(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("autentificre", "two-factor"),
        ("metenanta", "maintenance"),
        ("sofware", "maintenance"),
        ("facutra euro", "currency"),
        ("relocrae", "relocation"),
    ],
)
def test_it_forgives_romanian_typos(corpus, query, expected):
    assert first(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("invocie", "invoice-download"),
        ("licence terminaton", "licence-end"),
        ("cpoy", "contract-copy"),
    ],
)
def test_it_forgives_english_typos(corpus, query, expected):
    assert first(query, "en") == expected


@pytest.mark.parametrize("form", ["contract", "contractul", "contractului", "contractele"])
def test_it_matches_every_romanian_form_of_a_word(corpus, form):
    assert first(f"copie {form}") == "contract-copy"


@pytest.mark.parametrize("form", ["invoice", "invoices", "invoicing"])
def test_it_matches_english_inflections(corpus, form):
    assert first(f"download {form}", "en") == "invoice-download"


def test_word_order_does_not_matter(corpus):
    assert search.search("copie contract", "ro", 5) == search.search("contract copie", "ro", 5)


def test_titles_and_tags_outrank_a_mention_in_a_body(corpus):
    slugs = [hit.slug for hit in search.search("factura", "ro", 5)]

    assert slugs.index("currency") < slugs.index("body-only")
    assert slugs.index("due-date") < slugs.index("body-only")


def test_results_come_best_first_with_scores(corpus):
    hits = search.search("factura in euro", "ro", 5)

    assert hits[0].slug == "currency"
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_it_finds_a_word_still_being_typed(corpus):
    assert first("mentena") == "maintenance"


def test_it_searches_only_the_asked_language(corpus):
    english = {"invoice-download", "contract-copy", "licence-end"}
    assert {hit.slug for hit in search.search("contract", "en", 10)} <= english
    assert first("scadenta", "en") is None
    assert first("termination", "ro") is None


def test_words_that_mean_nothing_find_nothing(corpus):
    assert search.search("cum de ce", "ro", 5) == []
    assert search.search("zzzxqv", "ro", 5) == []
    assert search.search("", "ro", 5) == []


def test_unpublished_articles_are_not_found(corpus):
    Article.objects.filter(slug="currency").update(is_published=False)
    search.bump_index_version()

    assert first("moneda factura euro") != "currency"


def test_an_edited_article_is_found_by_its_new_words_once_the_worker_rebuilt(corpus, change):
    assert first("garanție extinsă") is None
    article = Article.objects.get(slug="relocation", lang="ro")
    with change():
        article.title = "Garanție extinsă pentru echipamente"
        article.save()

    assert first("garantie extinsa") == "relocation"


def test_until_the_worker_rebuilt_searches_answer_from_the_index_they_have(
    corpus, django_capture_on_commit_callbacks
):
    index = search.index_for("ro")
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(slug="servicepac", title="Activarea ServicePac")

    assert search.index_for("ro") is index, "no search waits for a rebuild"
    assert first("servicepac") is None
    run_worker()
    assert first("servicepac") == "servicepac"


def test_the_index_is_kept_until_some_process_bumps_the_shared_version(corpus):
    index = search.index_for("ro")
    assert search.index_for("ro") is index

    # What another process's write and the worker do: a snapshot, and its token in the cache.
    store_snapshot("ro", "written-elsewhere")
    cache.set(VERSION_KEY, "written-elsewhere")

    assert search.index_for("ro") is not index


def test_a_process_with_no_index_yet_builds_its_own(corpus):
    search.forget()
    cache.set(VERSION_KEY, "no-snapshot-of-this")

    assert first("scadenta") == "due-date"


def test_related_articles_share_tags_first_then_the_category(corpus):
    ArticleFactory(slug="late", title="Facturi restante", tags=["Scadență"],
                   category=CategoryFactory(slug="account"))  # fmt: skip
    due = Article.objects.get(slug="due-date", lang="ro")

    related = [hit.slug for hit in search.related(due.pk, "ro", 5)]

    assert related[0] == "late"
    assert "currency" in related
    assert "due-date" not in related


def test_after_the_cache_lost_the_version_the_process_reads_the_rows_again(corpus):
    search.index_for("ro")
    Article.objects.filter(slug="currency").update(title="Garanție extinsă")
    cache.delete(VERSION_KEY)

    assert first("garantie extinsa") == "currency"
