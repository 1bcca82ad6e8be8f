"""Synonym groups and alternative phrasings as staff edit them, and the search using them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.core.models import Event
from clientdesk.kb import search
from clientdesk.kb.models import Article, SynonymGroup
from tests.factories import UserFactory
from tests.kb.factories import ArticleFactory, SynonymGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(client):
    user = UserFactory(is_staff=True, email="agent@vendor.test")
    user.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    client.force_login(user)
    return client


@pytest.fixture
def delivery():
    return ArticleFactory(
        slug="delivery-time",
        title="Cât durează livrarea unei comenzi?",
        tags=["livrare"],
        body="Produsele din stoc pleacă în 24 de ore.",
    )


def first(query: str, lang: str = "ro") -> str | None:
    hits = search.search(query, lang, 5)
    return hits[0].slug if hits else None


def test_the_seeded_groups_are_the_ones_that_lived_in_code():
    assert SynonymGroup.objects.filter(lang="ro", words="colet pachet").exists()
    assert SynonymGroup.objects.filter(lang="en", words="bill invoice").exists()


def test_a_synonym_added_on_the_staff_page_takes_effect_without_a_restart(agent, delivery, change):
    assert first("incarcatura") is None

    with change():
        response = agent.post(
            reverse("kb_staff:vocabulary"), {"lang": "ro", "words": "incarcatura produse"}
        )

    assert response.status_code == 302
    assert first("incarcatura") == "delivery-time"


def test_an_edited_group_changes_what_the_search_finds(agent, delivery, change):
    group = SynonymGroupFactory(words="cutie ambalaj")
    search.bump_index_version()
    assert first("incarcatura") is None

    with change():
        agent.post(
            reverse("kb_staff:vocabulary_update", args=[group.pk]),
            {"words": "incarcatura, Produse"},
        )

    assert SynonymGroup.objects.get(pk=group.pk).words == "incarcatura produse"
    assert first("incarcatura") == "delivery-time"
    assert Event.objects.filter(kind="kb.synonyms_saved").exists()


def test_a_deleted_group_no_longer_counts(agent, delivery, change):
    group = SynonymGroupFactory(words="incarcatura produse")
    search.bump_index_version()
    assert first("incarcatura") == "delivery-time"

    with change():
        agent.post(reverse("kb_staff:vocabulary_delete", args=[group.pk]))

    assert first("incarcatura") is None


@pytest.mark.parametrize(
    ("words", "message"),
    [("marfa", "at least two different"), ("marfa marfa", "at least two"), ("a-b c", "“a-b”")],
)
def test_a_group_that_is_not_words_is_refused_next_to_the_field(agent, words, message):
    response = agent.post(reverse("kb_staff:vocabulary"), {"lang": "en", "words": words})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SynonymGroup.objects.filter(words__contains="marfa", lang="en").exists()


def test_the_vocabulary_page_lists_the_groups_in_a_fixed_number_of_queries(
    agent, django_assert_num_queries
):
    SynonymGroupFactory.create_batch(3)
    agent.get(reverse("kb_staff:vocabulary"))  # the session and the user are loaded once
    with django_assert_num_queries(5):
        first_page = agent.get(reverse("kb_staff:vocabulary"))
    SynonymGroupFactory.create_batch(10)
    with django_assert_num_queries(5):
        agent.get(reverse("kb_staff:vocabulary"))

    assert "cuvant" in first_page.content.decode()


def test_staff_without_the_article_permission_cannot_edit_the_vocabulary(client, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("kb_staff:vocabulary")).status_code == 403
    response = client.post(reverse("kb_staff:vocabulary"), {"lang": "ro", "words": "a b"})
    assert response.status_code == 403


def test_an_alternative_phrasing_added_by_staff_makes_its_query_find_the_article(
    agent, delivery, change
):
    ArticleFactory(slug="other", title="Altceva", body="Nimic despre asta.")
    search.bump_index_version()
    assert first("cand soseste incarcatura") is None

    with change():
        response = agent.post(
            reverse("kb_staff:add_phrasing"),
            {"q": "cand soseste incarcatura", "lang": "ro", "article": delivery.pk,
             "phrasing": "când sosește încărcătura"},
        )  # fmt: skip

    assert response.status_code == 302
    assert Article.objects.get(pk=delivery.pk).phrasing_list == ["când sosește încărcătura"]
    assert first("cand soseste incarcatura") == "delivery-time"
    assert Event.objects.filter(kind="kb.phrasing_added").exists()


def test_the_same_phrasing_twice_is_refused(agent, delivery):
    delivery.phrasings = "când vine marfa"
    delivery.save()

    response = agent.post(
        reverse("kb_staff:add_phrasing"),
        {"q": "cand vine marfa", "lang": "ro", "article": delivery.pk,
         "phrasing": "CÂND vine  marfa"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "already has this phrasing" in response.content.decode()
    assert Article.objects.get(pk=delivery.pk).phrasings == "când vine marfa"


def test_staff_edit_phrasings_with_the_article_one_a_line(agent, delivery, client):
    admin = UserFactory(is_staff=True, is_superuser=True, email="kb-admin@vendor.test")
    client.force_login(admin)

    response = client.post(
        reverse("admin:kb_article_change", args=[delivery.pk]),
        {"title": delivery.title, "slug": delivery.slug, "lang": "ro",
         "category": delivery.category.pk, "tags": "livrare", "body": delivery.body,
         "phrasings": "când vine marfa\n\n  cât aștept coletul \ncând vine marfa",
         "is_published": "on"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Article.objects.get(pk=delivery.pk).phrasing_list == [
        "când vine marfa",
        "cât aștept coletul",
    ]
