"""The staff's article and category pages: who may use them, what a save records, the preview."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clientdesk.backoffice import roles
from clientdesk.core.models import Event
from clientdesk.kb.events import ArticleEvent
from clientdesk.kb.models import Article, Category
from tests.factories import UserFactory
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def staff(role):
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=role)])
    return user


@pytest.fixture
def agent(client):
    user = staff(roles.SUPPORT_AGENT)
    client.force_login(user)
    return user


def article_post(category, **changes):
    data = {
        "title": "Cum schimb adresa de livrare?",
        "slug": "adresa-livrare",
        "lang": "ro",
        "category": category.pk,
        "tags": "livrare, adresă",
        "body": "Scrieți-ne **din timp**.",
        "phrasings": "schimb adresa\nalt loc de livrare",
        "is_published": "on",
    }
    return {**data, **changes}


def test_an_agent_writes_an_article_and_the_event_names_them(
    client, agent, django_capture_on_commit_callbacks
):
    category = CategoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kb_staff:article_create"), article_post(category))

    article = Article.objects.get(slug="adresa-livrare")
    assert response["Location"] == reverse("kb_staff:article_edit", args=[article.pk])
    assert article.body_html == "<p>Scrieți-ne <strong>din timp</strong>.</p>"
    assert article.tags == ["livrare", "adresă"]
    assert article.phrasing_list == ["schimb adresa", "alt loc de livrare"]
    event = Event.objects.get(kind=ArticleEvent.ARTICLE_CREATED)
    assert event.actor_user == agent
    assert event.subject_id == str(article.pk)


def test_an_edit_records_what_changed_and_a_publication_change(client, agent):
    article = ArticleFactory(slug="livrare", title="Livrarea", is_published=True)
    post = article_post(article.category, slug="livrare", title="Livrarea comenzii")
    del post["is_published"]

    client.post(reverse("kb_staff:article_edit", args=[article.pk]), post)

    article.refresh_from_db()
    assert article.title == "Livrarea comenzii"
    assert not article.is_published
    changed = Event.objects.get(kind=ArticleEvent.ARTICLE_CHANGED)
    assert changed.actor_user == agent
    assert changed.data["fields"] == ["body", "phrasings", "tags", "title"]
    assert Event.objects.get(kind=ArticleEvent.ARTICLE_UNPUBLISHED).actor_user == agent


def test_a_save_queues_the_search_index_rebuild(client, agent):
    article = ArticleFactory()
    before = DBTaskResult.objects.count()
    client.post(reverse("kb_staff:article_edit", args=[article.pk]), article_post(article.category))
    assert DBTaskResult.objects.count() > before


def test_a_taken_address_is_refused_next_to_the_field_keeping_the_text(client, agent):
    ArticleFactory(slug="adresa-livrare", lang="ro")
    category = CategoryFactory()

    response = client.post(
        reverse("kb_staff:article_create"), article_post(category, body="Textul meu lung")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "slug" in form.errors, (type(form), form.errors)
    assert "Textul meu lung" in response.content.decode()
    assert Article.objects.count() == 1


def test_publish_and_unpublish(client, agent):
    article = ArticleFactory(is_published=False)
    url = reverse("kb_staff:article_publish", args=[article.pk])

    client.post(url, {"published": "yes"})
    assert Article.objects.get(pk=article.pk).is_published
    client.post(url, {"published": "no"})
    assert not Article.objects.get(pk=article.pk).is_published
    kb_events = Event.objects.filter(actor_user=agent, kind__startswith="kb.")
    kinds = list(kb_events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [ArticleEvent.ARTICLE_PUBLISHED, ArticleEvent.ARTICLE_UNPUBLISHED]


def test_the_preview_is_the_sanitized_html_the_article_page_shows(client, agent):
    body = (
        "## Pași\n\n1. **Unu**\n\n"
        '<script>alert("x")</script><a href="javascript:x()" onclick="y()">z</a>'
    )

    response = client.post(reverse("kb_staff:article_preview"), {"body": body})

    html = response.content.decode()
    assert "<h2>Pași</h2>" in html
    assert "<strong>Unu</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert ArticleFactory(body=body).body_html in html


def test_the_edit_page_shows_the_preview_and_asks_for_it_as_you_type(client, agent):
    article = ArticleFactory(body="**Gras**")
    page = client.get(reverse("kb_staff:article_edit", args=[article.pk])).content.decode()
    assert "<strong>Gras</strong>" in page
    assert f'hx-post="{reverse("kb_staff:article_preview")}"' in page


def test_the_list_filters_by_language_category_state_and_text(client, agent):
    category = CategoryFactory()
    ArticleFactory(title="Facturi românești", category=category)
    ArticleFactory(title="English invoices", lang="en", category=category)
    ArticleFactory(title="Ascuns", is_published=False)
    url = reverse("kb_staff:articles")

    def titles(**filters):
        return [a.title for a in client.get(url, filters).context["page"].object_list]

    assert titles(lang="en") == ["English invoices"]
    assert titles(category=category.pk, lang="ro") == ["Facturi românești"]
    assert titles(published="no") == ["Ascuns"]
    assert titles(q="facturi") == ["Facturi românești"]
    assert len(titles(lang="xx", category="nope")) == 3  # unusable filters are left out


def test_the_list_costs_the_same_queries_whatever_the_articles(
    client, agent, django_assert_num_queries
):
    url = reverse("kb_staff:articles")
    client.get(url)
    ArticleFactory.create_batch(3)
    with django_assert_num_queries(7) as first:
        client.get(url)
    ArticleFactory.create_batch(20, category=CategoryFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_categories_are_the_vendor_admins(client, agent):
    assert client.get(reverse("kb_staff:categories")).status_code == 403
    assert (
        reverse("kb_staff:categories")
        not in client.get(reverse("kb_staff:articles")).content.decode()
    )


def test_a_vendor_admin_adds_and_renames_a_category(client):
    admin = staff(roles.VENDOR_ADMIN)
    client.force_login(admin)
    data = {"slug": "garantie", "name_ro": "Garanție", "name_en": "Warranty", "position": 5}

    client.post(reverse("kb_staff:category_create"), data)
    category = Category.objects.get(slug="garantie")
    client.post(
        reverse("kb_staff:category_edit", args=[category.pk]), {**data, "name_en": "Guarantee"}
    )

    assert Category.objects.get(pk=category.pk).name_en == "Guarantee"
    events = Event.objects.filter(kind=ArticleEvent.CATEGORY_SAVED, actor_user=admin)
    assert events.count() == 2
    page = client.get(reverse("kb_staff:categories")).content.decode()
    assert "Garanție" in page


@pytest.mark.parametrize("role", [roles.CONTRACTS_REPRESENTATIVE, roles.BILLING])
def test_staff_who_do_not_edit_articles_get_403(client, role):
    client.force_login(staff(role))
    article = ArticleFactory()
    for url in [reverse("kb_staff:articles"), reverse("kb_staff:article_edit", args=[article.pk])]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("kb_staff:article_preview"), {"body": "x"}).status_code == 403


def test_signed_out_the_pages_ask_to_sign_in(client):
    response = client.get(reverse("kb_staff:articles"))
    assert response.status_code == 302
