import pytest
from django.test import Client
from django.urls import reverse

from clientdesk.kb.models import Article
from tests.kb.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(slug="due-date", title="Scadența facturilor")


def vote_url(article) -> str:
    return reverse("kb:vote", args=[article.slug])


def counts(article) -> tuple[int, int]:
    article.refresh_from_db()
    return article.helpful_count, article.not_helpful_count


def test_a_helpful_vote_is_counted_and_the_page_thanks_the_visitor(client, article):
    response = client.post(vote_url(article), {"helpful": "yes"})

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#feedback"
    assert counts(article) == (1, 0)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="helpful"' not in page, "the form is replaced by the thanks"


def test_a_not_helpful_vote_is_counted_apart(client, article):
    client.post(vote_url(article), {"helpful": "no"})

    assert counts(article) == (0, 1)


def test_a_session_votes_only_once_per_article(client, article):
    client.post(vote_url(article), {"helpful": "yes"})
    client.post(vote_url(article), {"helpful": "yes"})
    client.post(vote_url(article), {"helpful": "no"})

    assert counts(article) == (1, 0)


def test_another_session_may_vote_too(client, article):
    client.post(vote_url(article), {"helpful": "yes"})
    Client().post(vote_url(article), {"helpful": "yes"})

    assert counts(article) == (2, 0)


def test_a_vote_with_htmx_answers_the_thanks_fragment(client, article):
    response = client.post(vote_url(article), {"helpful": "no"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="feedback"' in page
    assert counts(article) == (0, 1)


@pytest.mark.parametrize("answer", ["", "maybe", "YES"])
def test_an_answer_other_than_yes_or_no_is_refused(client, article, answer):
    response = client.post(vote_url(article), {"helpful": answer})

    assert response.status_code == 400
    assert counts(article) == (0, 0)


def test_voting_needs_a_post(client, article):
    assert client.get(vote_url(article)).status_code == 405


def test_voting_needs_the_csrf_token(article):
    response = Client(enforce_csrf_checks=True).post(vote_url(article), {"helpful": "yes"})

    assert response.status_code == 403
    assert counts(article) == (0, 0)


def test_an_unpublished_article_takes_no_votes(client):
    draft = ArticleFactory(is_published=False)

    assert client.post(vote_url(draft), {"helpful": "yes"}).status_code == 404
    assert Article.objects.get(pk=draft.pk).helpful_count == 0
