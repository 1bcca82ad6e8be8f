"""FAQ suggestions while a subject is typed, and how deflections are counted."""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clientdesk.support import deflection
from clientdesk.support.models import DeflectionEvent, SupportRequest
from tests.kb.factories import ArticleFactory
from tests.support.search_plans import postgresql_only

pytestmark = pytest.mark.usefixtures("general_types")
VISIT = uuid.UUID("4a1f6a9e-0d8c-4c55-9a43-2f6f3b7c1d20")


@pytest.fixture
def articles(db):
    ArticleFactory(
        slug="contract-copy",
        lang="en",
        title="How do I get a copy of my contract?",
        body="Open Contracts OnLine and download the PDF of the contract.",
    )
    ArticleFactory(slug="pay-invoice", lang="en", title="How do I pay an invoice?", body="By bank.")


def suggest(client, subject: str) -> str:
    params = {"subject": subject, "visit": str(VISIT), "type": "general-question"}
    return client.get(reverse("support:suggestions"), params).content.decode()


def follow(client, slug="contract-copy", visit=VISIT):
    params = {"article": slug, "visit": str(visit), "type": "general-question", "q": "copy"}
    return client.get(reverse("support:follow"), params)


def test_the_subject_box_asks_for_suggestions_as_the_user_types(client, alfa_admin):
    client.force_login(alfa_admin)
    page = client.get(f"{reverse('support:new')}?type=general-question").content.decode()
    assert f'hx-get="{reverse("support:suggestions")}?type=general-question"' in page
    assert 'hx-trigger="input changed delay:300ms"' in page
    assert 'id="suggestions"' in page


def test_typing_a_subject_suggests_matching_articles_through_the_tracking_link(
    client, alfa_admin, articles
):
    client.force_login(alfa_admin)
    page = suggest(client, "copy of the contract")
    assert "How do I get a copy of my contract?" in page
    assert "How do I pay an invoice?" not in page
    assert f"{reverse('support:follow')}?article=contract-copy&amp;visit={VISIT}" in page
    assert 'target="_blank"' in page


def test_a_subject_of_a_word_or_two_letters_suggests_nothing(client, alfa_admin, articles):
    client.force_login(alfa_admin)
    assert "<li>" not in suggest(client, "co")


def test_following_a_suggestion_records_the_visit_and_opens_the_article(
    client, alfa_admin, articles
):
    client.force_login(alfa_admin)
    response = follow(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("kb:article", args=["contract-copy"])
    follow(client, slug="pay-invoice")
    event = DeflectionEvent.objects.get()
    assert (event.visit, event.user, event.articles) == (
        VISIT,
        alfa_admin,
        ["contract-copy", "pay-invoice"],
    )
    assert event.request_type.code == "general-question"


def test_an_unknown_article_is_not_found_and_records_nothing(client, alfa_admin, articles):
    client.force_login(alfa_admin)
    assert follow(client, slug="no-such-article").status_code == 404
    assert not DeflectionEvent.objects.exists()


def test_another_users_visit_id_is_not_touched(client, alfa_admin, beta_user, articles):
    client.force_login(alfa_admin)
    follow(client)
    client.force_login(beta_user)
    follow(client, slug="pay-invoice")
    event = DeflectionEvent.objects.get()
    assert (event.user, event.articles) == (alfa_admin, ["contract-copy"])


def test_filing_after_following_a_suggestion_is_not_a_deflection(
    client, alfa_admin, alfa, articles
):
    client.force_login(alfa_admin)
    follow(client)
    client.post(
        f"{reverse('support:new')}?type=general-question",
        {
            "account": alfa.pk,
            "subject": "Copie contract",
            "description": "Articolul nu m-a ajutat.",
            "contact_name": "Ana",
            "contact_email": "ana@alfa.example",
            "visit": str(VISIT),
        },
    )
    assert DeflectionEvent.objects.get().filed_request == SupportRequest.objects.get()
    figures = deflection.figures(timezone.now() - timedelta(days=1))
    assert (figures.followed, figures.filed, figures.deflected) == (1, 1, 0)


def test_a_visit_with_no_request_filed_within_the_window_is_a_deflection(alfa_admin, db):
    now = timezone.now()
    for minutes_ago in (5, 45, 90):
        opened = now - timedelta(minutes=minutes_ago)
        DeflectionEvent.objects.create(
            visit=uuid.uuid4(),
            user=alfa_admin,
            lang="en",
            first_opened_at=opened,
            last_opened_at=opened,
        )
    figures = deflection.figures(now - timedelta(days=1), now)
    assert (figures.followed, figures.deflected, figures.pending, figures.filed) == (3, 2, 1, 0)
    assert figures.rate == 1.0


def test_the_staff_queue_shows_the_figures(client, agent, alfa_admin, db):
    opened = timezone.now() - timedelta(hours=2)
    DeflectionEvent.objects.create(
        visit=uuid.uuid4(),
        user=alfa_admin,
        lang="en",
        first_opened_at=opened,
        last_opened_at=opened,
    )
    client.force_login(agent)
    page = client.get(reverse("support_staff:queue")).content.decode()
    assert "1 visits followed one; 1 then filed nothing (deflected)" in page


def visited(hours_ago: float) -> DeflectionEvent:
    opened = timezone.now() - timedelta(hours=hours_ago)
    return DeflectionEvent.objects.create(
        visit=uuid.uuid4(), lang="en", first_opened_at=opened, last_opened_at=opened
    )


def test_the_queue_counts_its_figures_at_most_once_a_minute(client, agent):
    visited(2)
    client.force_login(agent)
    queue = reverse("support_staff:queue")
    assert "1 visits followed one" in client.get(queue).content.decode()
    visited(3)
    # Within the minute, the figures counted on the first load.
    assert "1 visits followed one" in client.get(queue).content.decode()
    cache.clear()  # as when the minute has passed
    assert "2 visits followed one" in client.get(queue).content.decode()


@postgresql_only
def test_the_figures_count_a_period_from_its_index_not_the_whole_table(db):
    for hours_ago in (1, 2, 24 * 40):
        visited(hours_ago)
    with CaptureQueriesContext(connection) as captured:
        counted = deflection.figures(timezone.now() - timedelta(days=30))
    assert counted.followed == 2
    with connection.cursor() as cursor:
        # On three rows a scan is cheapest; what matters is what the planner can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + captured[0]["sql"])
        found = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using deflection_by_first_opened" in found


def test_suggestions_need_a_signed_in_user(client):
    response = client.get(reverse("support:suggestions"), {"subject": "contract"})
    assert response.status_code == 302
