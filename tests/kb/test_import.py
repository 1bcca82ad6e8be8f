import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clientdesk.core.actors import Actor
from clientdesk.kb.importing import ImportFileError
from clientdesk.kb.models import Article, Category
from clientdesk.kb.services import articles_import, load_demo_articles
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def record(**changes) -> dict:
    article = {
        "slug": "copy-of-contract",
        "category": "contracts",
        "lang": "ro",
        "title": "Cum obțin o copie a contractului?",
        "body": "Trimiteți o cerere de tipul **Copie a contractului**.",
        "tags": ["copie", "contract"],
    }
    return {**article, **changes}


def run_import(tmp_path, data) -> str:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("kb_import", str(path), stdout=out)
    return out.getvalue()


def test_it_creates_articles_and_says_how_many(tmp_path):
    output = run_import(tmp_path, [record(), record(lang="en", title="How do I get a copy?")])

    assert "Imported 2 articles: 2 created, 0 updated, 0 unchanged." in output
    article = Article.objects.get(slug="copy-of-contract", lang="ro")
    assert article.category.slug == "contracts"
    assert article.tags == ["copie", "contract"]
    assert "<strong>Copie a contractului</strong>" in article.body_html


def test_it_updates_by_slug_and_language(tmp_path):
    ArticleFactory(slug="copy-of-contract", lang="ro", title="Old title")
    ArticleFactory(slug="copy-of-contract", lang="en", title="Left alone")

    output = run_import(tmp_path, [record(title="New title", tags=["nou"])])

    assert "0 created, 1 updated" in output
    updated = Article.objects.get(slug="copy-of-contract", lang="ro")
    assert (updated.title, updated.tags, updated.category.slug) == (
        "New title",
        ["nou"],
        "contracts",
    )
    assert Article.objects.get(slug="copy-of-contract", lang="en").title == "Left alone"


def test_it_creates_a_missing_category_named_after_its_slug(tmp_path):
    run_import(tmp_path, [record(category="spare-parts")])

    category = Category.objects.get(slug="spare-parts")
    assert (category.name_ro, category.name_en) == ("Spare parts", "Spare parts")


def test_it_keeps_an_existing_category_as_it_is():
    CategoryFactory(slug="contracts", name_ro="Contracte", name_en="Contracts")

    articles_import(actor=Actor.system("test"), data=[record()])

    assert Category.objects.get(slug="contracts").name_ro == "Contracte"


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    run_import(tmp_path, [record()])
    before = Article.objects.values().get()

    output = run_import(tmp_path, [record()])

    assert "0 created, 0 updated, 1 unchanged" in output
    assert Article.objects.values().get() == before


def test_loading_the_demo_articles_twice_changes_nothing():
    first = load_demo_articles()
    snapshot = list(Article.objects.order_by("pk").values())

    second = load_demo_articles()

    assert first.created >= 50 and first.updated == 0
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.total)
    assert list(Article.objects.order_by("pk").values()) == snapshot


def test_every_demo_article_exists_in_romanian_and_english():
    load_demo_articles()

    by_lang = {
        lang: set(Article.objects.filter(lang=lang).values_list("slug", flat=True))
        for lang in ("ro", "en")
    }
    assert len(by_lang["ro"]) >= 25
    assert by_lang["ro"] == by_lang["en"]


def test_demo_romanian_uses_comma_below_letters_not_cedillas():
    load_demo_articles()

    text = " ".join(Article.objects.filter(lang="ro").values_list("body", flat=True))
    assert "ș" in text and "ț" in text
    assert not set("şţŞŢ") & set(text)


@pytest.mark.parametrize(
    ("data", "index", "field", "words"),
    [
        ({"slug": "x"}, None, None, "JSON list"),
        ([record(), "text"], 1, None, "must be an object"),
        ([record(), {k: v for k, v in record().items() if k != "title"}], 1, "title", "missing"),
        ([record(lang="fr")], 0, "lang", "'ro' or 'en'"),
        ([record(), record(slug="two", tags="contract")], 1, "tags", "list of strings"),
        ([record(body="   ")], 0, "body", "must not be empty"),
        ([record(title=12)], 0, "title", "must be a string"),
        ([record(slug="not a slug")], 0, "slug", "not a slug"),
        ([record(category="Contracte și altele")], 0, "category", "not a slug"),
        ([record(), record(tittle="typo")], 1, "tittle", "not a known field"),
        ([record(), record()], 1, "slug", "already at index 0"),
    ],
)
def test_a_malformed_file_names_the_object_and_the_field(data, index, field, words):
    with pytest.raises(ImportFileError) as caught:
        articles_import(actor=Actor.system("test"), data=data)

    assert (caught.value.index, caught.value.field) == (index, field)
    assert words in str(caught.value)
    if index is not None:
        assert f"index {index}" in str(caught.value)
    if field is not None:
        assert repr(field) in str(caught.value)


def test_a_malformed_file_imports_nothing_at_all(tmp_path):
    valid_first = [record(), record(slug="second", category="brand-new"), record(lang="de")]

    with pytest.raises(CommandError, match=r"index 2, field 'lang'.*Nothing was imported\."):
        run_import(tmp_path, valid_first)

    assert not Article.objects.exists()
    assert not Category.objects.filter(slug="brand-new").exists()


def test_a_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"slug": "a",}]', encoding="utf-8")

    with pytest.raises(CommandError, match=r"not valid JSON.*line 1"):
        call_command("kb_import", str(path))


def test_a_missing_file_is_refused_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("kb_import", str(tmp_path / "nowhere.json"))
