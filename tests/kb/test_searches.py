"""What customers searched, as staff see it: stored without identity, grouped, one click to fix."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clientdesk.backoffice import roles
from clientdesk.kb.models import SearchLog
from tests.factories import UserFactory
from tests.kb.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEARCH = "/faq/search/"


@pytest.fixture
def agent(db):
    user = UserFactory(is_staff=True, email="agent@vendor.test")
    user.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    return user


@pytest.fixture
def article():
    return ArticleFactory(slug="due-date", title="Scadența facturilor", body="Termenul de plată.")


def test_a_search_is_stored_with_its_text_language_and_result_count_only(client, article):
    client.get(reverse("kb:search"), {"q": "  Scadența  Facturii "})

    stored = SearchLog.objects.values().get()
    assert set(stored) == {"id", "text", "lang", "result_count", "followed", "created_at"}
    assert (stored["text"], stored["lang"], stored["result_count"]) == (
        "scadența facturii",
        "ro",
        1,
    )
    assert stored["followed"] is False


def test_a_search_still_being_typed_is_one_search(client, article):
    first = client.get(reverse("kb:search"), {"q": "scad"}, headers={"HX-Request": "true"})
    search_id = first.context["search_id"]
    assert f'id="kb-sq" value="{search_id}" hx-swap-oob="true"' in first.content.decode()

    client.get(
        reverse("kb:search"), {"q": "scadenta", "sq": search_id}, headers={"HX-Request": "true"}
    )

    assert list(SearchLog.objects.values_list("text", flat=True)) == ["scadenta"]


def test_a_new_search_after_another_is_stored_apart(client, article):
    first = client.get(reverse("kb:search"), {"q": "scadenta"})
    client.get(reverse("kb:search"), {"q": "moneda", "sq": first.context["search_id"]})

    assert SearchLog.objects.count() == 2


def test_opening_a_result_marks_the_search_followed(client, article):
    page = client.get(reverse("kb:search"), {"q": "scadenta"})
    search_id = page.context["search_id"]
    link = f"{article.get_absolute_url()}?sq={search_id}"
    assert link in page.content.decode()

    client.get(link)

    assert SearchLog.objects.get(pk=search_id).followed is True


def test_the_searches_page_counts_a_no_result_search_and_shows_no_user_identity(
    client, agent, alfa_admin, article
):
    alfa_admin.first_name, alfa_admin.last_name = "Anastasia", "Zamfirescu"
    alfa_admin.save()
    client.force_login(alfa_admin)
    client.get(reverse("kb:search"), {"q": "zzqx imprimanta"})
    client.get(reverse("kb:search"), {"q": "zzqx imprimanta"})
    client.force_login(agent)

    page = client.get(reverse("kb_staff:searches")).content.decode()

    section = page[page.index('id="no-result"') : page.index('id="no-click"')]
    assert "zzqx imprimanta" in section
    assert "<td>2</td>" in section
    assert alfa_admin.email not in page
    assert "Anastasia" not in page and "Zamfirescu" not in page
    assert "127.0.0.1" not in page


def test_results_nobody_opened_and_the_most_frequent_are_listed_apart(client, agent, article):
    followed = client.get(reverse("kb:search"), {"q": "scadenta"}).context["search_id"]
    client.get(f"{article.get_absolute_url()}?sq={followed}")
    client.get(reverse("kb:search"), {"q": "termen plata"})
    client.force_login(agent)

    page = client.get(reverse("kb_staff:searches")).content.decode()

    no_click = page[page.index('id="no-click"') : page.index('id="frequent"')]
    frequent = page[page.index('id="frequent"') :]
    assert "termen plata" in no_click and "scadenta" not in no_click
    assert "termen plata" in frequent and "scadenta" in frequent


def test_searches_older_than_30_days_are_left_out(client, agent):
    SearchLog.objects.create(
        text="veche", lang="ro", result_count=0, created_at=timezone.now() - timedelta(days=31)
    )
    client.force_login(agent)

    assert "veche" not in client.get(reverse("kb_staff:searches")).content.decode()


def test_the_deflection_rate_is_shown_beside_the_searches(client, agent):
    client.force_login(agent)

    page = client.get(reverse("kb_staff:searches")).content.decode()

    assert "deflection rate" in page


def test_the_searches_page_takes_a_fixed_number_of_queries(
    client, agent, django_assert_num_queries
):
    client.force_login(agent)
    client.get(reverse("kb_staff:searches"))
    for number in range(3):
        SearchLog.objects.create(text=f"a{number}", lang="ro", result_count=0)
    with django_assert_num_queries(9):
        client.get(reverse("kb_staff:searches"))
    for number in range(30):
        SearchLog.objects.create(text=f"b{number}", lang="ro", result_count=number % 2)
    with django_assert_num_queries(9):
        client.get(reverse("kb_staff:searches"))


def test_the_add_page_offers_the_articles_the_words_find(client, agent, article):
    client.force_login(agent)

    page = client.get(
        reverse("kb_staff:search_add"), {"q": "zzqx", "lang": "ro", "find": "scadenta"}
    )

    assert f'name="article" value="{article.pk}"' in page.content.decode()
    assert 'name="phrasing" value="zzqx"' in page.content.decode()


def test_a_no_result_search_made_a_synonym_of_a_group_joins_it(client, agent, article):
    client.force_login(agent)

    response = client.post(
        reverse("kb_staff:add_synonym"),
        {"q": "deadline", "lang": "ro", "group": "", "words": "deadline scadenta"},
    )

    assert response.status_code == 302
