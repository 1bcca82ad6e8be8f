"""Search by meaning: the model's cosine blended with the words (`kb.search.semantic`)."""

from unittest.mock import patch

import numpy as np
import pytest
from django.core.cache import cache

from clientdesk.kb import search
from clientdesk.kb.search import engine, semantic
from clientdesk.kb.search.engine import VERSION_KEY
from tests.kb.conftest import embed_current_articles
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

# Written for these tests: none shares a word with its article's title.
PARAPHRASES = [
    ("ro", "copiatorul nu mai merge deloc", "report-hardware-fault"),
    ("ro", "cand ajunge coletul la noi", "delivery-time"),
    ("en", "how soon is my order here", "delivery-time"),
]


def first(query: str, lang: str) -> str | None:
    hits = search.search(query, lang, 5)
    return hits[0].slug if hits else None


@pytest.fixture
def no_article_embedding():
    """Fails the test if this process embeds an article (only the worker should)."""
    with patch.object(semantic, "passage_vectors", side_effect=AssertionError("embedded")):
        yield


@pytest.fixture
def query_embeddings():
    """Counts the queries this process embeds, from none kept."""
    semantic.forget()
    model = semantic.model()
    with patch.object(model, "query", wraps=model.query) as counted:
        yield counted


@pytest.mark.parametrize(("lang", "query", "expected"), PARAPHRASES)
def test_a_paraphrase_the_words_rank_lower_comes_first_by_its_meaning(
    demo_articles, lang, query, expected
):
    words_only = engine.build(lang, embed=False)
    assert words_only.search(query, 5)[0].slug != expected
    assert first(query, lang) == expected


def test_an_alternative_phrasings_vector_counts_for_its_article():
    category = CategoryFactory()
    # The same title and body; only "b" says in other words what the query asks.
    for slug, phrasings in (("a-support", ""), ("b-support", "the appliance does not switch on")):
        ArticleFactory(
            slug=slug, lang="en", category=category, title="Support", body="Write to us.",
            phrasings=phrasings,
        )  # fmt: skip
    embed_current_articles()
    assert (
        first("nothing happens when I press the power button, whom do I write to", "en")
        == "b-support"
    )


def test_an_articles_tags_count_for_its_meaning():
    category = CategoryFactory()
    # The same title and body; only "b" is tagged, in words the query does not use.
    for slug, tags in (("a-support", []), ("b-support", ["device will not turn on"])):
        ArticleFactory(
            slug=slug, lang="en", category=category, title="Support", body="Write to us.",
            tags=tags,
        )  # fmt: skip
    embed_current_articles()
    query = "nothing happens when I press the power button, whom do I write to"
    assert engine.build("en", embed=False).search(query, 5)[0].slug == "a-support"
    assert first(query, "en") == "b-support"


def test_a_search_no_word_finds_still_has_no_result(demo_articles):
    # Its meaning alone is close to an article (the fault report), but a search with no
    # word found says "no result": that is what the searches page shows staff.
    index = engine.index_for("en")
    assert index.vectors is not None
    closeness = index.vectors.similarities(semantic.query_vector("toner cartridge empty"))
    assert closeness.max() >= semantic.CLOSE
    assert search.search("toner cartridge empty", "en", 5) == []


def test_the_snapshot_brings_the_vectors_so_a_web_process_embeds_no_article(
    demo_articles, no_article_embedding
):
    engine.forget()
    index = engine.index_for("ro")
    assert index.vectors is not None
    assert len(index.vectors) == len(index)
    assert first("copiatorul nu mai merge deloc", "ro") == "report-hardware-fault"


def test_a_process_with_no_snapshot_answers_by_words_until_the_worker_stores_one():
    ArticleFactory(slug="fault", title="Cum raportez o defecțiune?", phrasings="nu merge")
    with patch.object(semantic, "passage_vectors", side_effect=AssertionError("embedded")):
        words_only = engine.index_for("ro")
        assert words_only.vectors is None
        assert first("defectiune", "ro") == "fault"
    embed_current_articles()
    assert engine.index_for("ro").vectors is not None


def test_a_search_embeds_its_query_once_and_a_repeated_one_not_again(
    client, demo_articles, query_embeddings
):
    client.get("/api/v1/kb/search", {"q": "cand ajunge coletul la noi", "lang": "ro"})
    assert query_embeddings.call_count == 1
    # The same words again, as the next keystroke's request sends them.
    client.get("/api/v1/kb/search", {"q": "cand ajunge  coletul la noi ", "lang": "ro"})
    assert query_embeddings.call_count == 1


def test_a_search_with_no_word_found_embeds_nothing(client, demo_articles, query_embeddings):
    client.get("/api/v1/kb/search", {"q": "purple elephant", "lang": "en"})
    assert query_embeddings.call_count == 0


def test_the_vectors_are_one_contiguous_matrix_and_a_document_scores_its_best_text():
    vectors = semantic.Vectors([["Plata facturii"], ["Livrarea", "Când sosește marfa"]])
    assert vectors.matrix.dtype == np.float32
    assert vectors.matrix.flags.c_contiguous
    assert vectors.matrix.shape == (3, semantic.model().dim)
    query = semantic.query_vector("când sosește marfa")
    closeness = vectors.similarities(query)
    assert closeness.shape == (2,)
    best_row = float(vectors.matrix[2] @ query)
    assert closeness[1] == pytest.approx(
        np.clip((best_row - semantic.UNRELATED) / (semantic.SAME - semantic.UNRELATED), 0, 1)
    )
    assert closeness[1] > closeness[0]


def test_after_a_change_the_embedded_index_answers_until_the_worker_stores_the_new_one(
    demo_articles, no_article_embedding
):
    assert engine.index_for("ro").vectors is not None
    cache.set(VERSION_KEY, "a-newer-version")
    # The worker has not stored that version: no page waits, none embeds an article.
    assert engine.index_for("ro").vectors is not None
    assert first("copiatorul nu mai merge deloc", "ro") == "report-hardware-fault"


def test_the_worker_embeds_a_text_once_and_a_full_cache_starts_afresh(monkeypatch):
    monkeypatch.setattr(semantic, "_passages", {})  # the other tests' vectors stay
    model = semantic.model()
    with patch.object(model, "passage", wraps=model.passage) as embedded:
        semantic.passage_vectors(["Plata facturii (cache)", "Livrarea (cache)"])
        monkeypatch.setattr(semantic, "PASSAGE_CACHE_SIZE", 2)
        vectors = semantic.passage_vectors(["Livrarea (cache)", "Garanția (cache)"])
    assert [len(call.args[0]) for call in embedded.call_args_list] == [2, 1]
    assert vectors.shape == (2, model.dim)
    assert float(vectors[0] @ semantic.passage_vectors(["Livrarea (cache)"])[0]) == pytest.approx(1)
