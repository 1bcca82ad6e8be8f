from pathlib import Path

import polib
import pytest
from django.test import Client

LOCALE = Path(__file__).resolve().parents[2] / "clientdesk" / "locale"


@pytest.mark.parametrize("language", ["ro", "en"])
def test_the_catalogue_is_complete_with_no_fuzzy_entry(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def translations(catalogue) -> dict:
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in catalogue
        if entry.msgid  # the header
    }


@pytest.mark.parametrize("language", ["ro", "en"])
def test_the_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = translations(polib.pofile(str(folder / "django.po")))
    compiled = translations(polib.mofile(str(folder / "django.mo")))
    assert source == compiled


def test_romanian_uses_comma_below_never_cedilla():
    text = (LOCALE / "ro" / "LC_MESSAGES" / "django.po").read_text()
    assert "ş" not in text and "ţ" not in text and "Ş" not in text and "Ţ" not in text


@pytest.mark.django_db
def test_romanian_is_the_default_and_english_is_chosen_by_cookie():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="ro"' in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get("/").content.decode()
