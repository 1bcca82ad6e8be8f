"""Words that share a lemma, not a stem, find each other (`kb.search.lexicon`)."""

from pathlib import Path

import pytest

from clientdesk.kb import search
from clientdesk.kb.search import lexicon
from tests.kb.factories import ArticleFactory

pytestmark = pytest.mark.django_db
OWN_SETS = Path(__file__).resolve().parents[2] / "bench" / "kb_sets"


@pytest.fixture
def articles():
    ArticleFactory(slug="arrival", title="În câte zile pot sosi produsele?", body="În trei zile.")
    ArticleFactory(slug="other", title="Cum plătesc o factură?", body="Prin transfer bancar.")
    ArticleFactory(slug="parts", lang="en", title="Where to buy spare parts", body="In the shop.")
    ArticleFactory(slug="other", lang="en", title="How do I pay an invoice?", body="By bank.")


def slugs(query: str, lang: str) -> list[str]:
    return [hit.slug for hit in search.search(query, lang, 5)]


def test_a_verb_form_finds_the_article_that_uses_another_form_of_it(articles):
    # "sosesc" and "sosi" stem apart ("sosesc", "sos") and are two edits away.
    assert slugs("când sosesc", "ro") == ["arrival"]
    assert slugs("cand sosesc", "ro") == ["arrival"]


def test_an_irregular_english_form_finds_its_lemma(articles):
    assert slugs("parts I bought", "en")[0] == "parts"
    assert slugs("bought", "en") == ["parts"]


def test_related_forms_count_less_than_the_word_itself():
    table = lexicon.related_table({"ven", "drum"}, [frozenset({"vin", "ven", "venit"})])
    assert table == {"vin": {"ven": lexicon.LEMMA}, "venit": {"ven": lexicon.LEMMA}}


def test_a_synset_reaches_the_index_through_the_lemmas_on_both_sides():
    lemmas = [frozenset({"achit", "achita"}), frozenset({"plat", "platest"})]
    table = lexicon.related_table({"platest"}, lemmas, [frozenset({"achita", "plat"})])
    assert table["achit"] == {"platest": lexicon.WORDNET}
    assert table["plat"] == {"platest": lexicon.LEMMA}
