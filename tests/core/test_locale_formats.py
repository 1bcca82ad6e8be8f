"""One unambiguous date format per language, MB in both, sentence case and one "e-mail"."""

import datetime

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

AT = datetime.datetime(2026, 12, 1, 13, 52, tzinfo=datetime.UTC)  # 15:52 in Bucharest


def render(text: str, language: str, **context) -> str:
    with translation.override(language), timezone.override("Europe/Bucharest"):
        return Template(text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "day", "moment", "may"),
    [
        ("en", "1 Dec 2026", "1 Dec 2026, 15:52", "4 May 2026"),
        ("ro", "1 dec. 2026", "1 dec. 2026, 15:52", "4 mai 2026"),
    ],
)
def test_every_date_format_reads_day_month_year(language, day, moment, may):
    shown = render(
        '{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ at|date:"DATETIME_FORMAT" }}|'
        '{{ at|date:"SHORT_DATETIME_FORMAT" }}|{{ at }}|{{ m|date }}',
        language,
        d=datetime.date(2026, 12, 1),
        m=datetime.date(2026, 5, 4),
        at=AT,
    )
    assert shown.split("|") == [day, day, moment, moment, moment, may]


@pytest.mark.parametrize(("language", "size"), [("en", "3.3\xa0MB"), ("ro", "3,3\xa0MB")])
def test_file_sizes_are_in_mb_in_both_languages(language, size):
    assert render("{{ n|filesizeformat }}", language, n=3_500_000) == size


@pytest.mark.django_db
def test_the_english_sign_in_page_is_in_sentence_case_with_one_spelling_of_e_mail():
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get("/account/login/").content.decode()
    assert "Sign in" in page and "Remember me" in page
    for title_case in ("Sign In", "Remember Me", "Sign Up", ">Email<", "email address"):
        assert title_case not in page
