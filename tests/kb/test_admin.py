import pytest
from django.urls import reverse

from clientdesk.kb.models import Article
from tests.kb.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="kb-admin@vendor.test", password="a-long-test-password-1"
    )
    client.force_login(admin)
    return client


def test_staff_list_articles_filtered_by_language(staff):
    ArticleFactory(title="Articol românesc")
    ArticleFactory(lang="en", title="English article")

    page = staff.get(reverse("admin:kb_article_changelist"), {"lang__exact": "en"}).content.decode()

    assert "English article" in page
    assert "Articol românesc" not in page


def test_staff_see_a_sanitized_preview_of_the_saved_body(staff):
    article = ArticleFactory(body="**Bold** <script>alert('x')</script>")

    page = staff.get(reverse("admin:kb_article_change", args=[article.pk])).content.decode()

    assert '<div class="prose"><p><strong>Bold</strong>' in page
    assert "<script>alert" not in page


def test_staff_edit_tags_as_comma_separated_text(staff):
    category = CategoryFactory(slug="contracts")

    response = staff.post(
        reverse("admin:kb_article_add"),
        {
            "title": "Copie contract",
            "slug": "contract-copy",
            "lang": "ro",
            "category": category.pk,
            "tags": "copie, contract,  , copie",
            "body": "Text.",
            "is_published": "on",
        },
    )

    assert response.status_code == 302
    assert Article.objects.get(slug="contract-copy").tags == ["copie", "contract"]


def test_the_same_slug_twice_in_one_language_is_refused(staff):
    existing = ArticleFactory(slug="contract-copy")

    response = staff.post(
        reverse("admin:kb_article_add"),
        {
            "title": "Alt titlu",
            "slug": "contract-copy",
            "lang": "ro",
            "category": existing.category.pk,
            "tags": "",
            "body": "Text.",
        },
    )

    assert response.status_code == 200
    assert Article.objects.filter(slug="contract-copy").count() == 1
