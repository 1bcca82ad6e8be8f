"""invoice.viewed: the customer's invoice page and PDF record it, once a person, invoice and day."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.billing.events import BillingEvent
from clientdesk.core.models import Event
from clientdesk.webhooks.models import Delivery
from tests.billing.factories import issue, with_pdf
from tests.webhooks.factories import EndpointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def viewed(invoice):
    return Event.objects.about(invoice).filter(kind=BillingEvent.INVOICE_VIEWED)


def test_reloading_the_invoice_page_and_downloading_its_pdf_record_one_view_a_day(
    client, alfa, alfa_admin
):
    EndpointFactory(event_types=["invoice.viewed"])
    invoice = with_pdf(issue(alfa))
    client.force_login(alfa_admin)

    for _ in range(3):
        assert client.get(reverse("billing:detail", args=[invoice.number])).status_code == 200
    assert client.get(reverse("billing:pdf", args=[invoice.number])).status_code == 200

    [event] = viewed(invoice)
    assert event.actor_user_id == alfa_admin.pk
    [row] = Delivery.objects.filter(event_type="invoice.viewed")
    assert b'"via":"page"' in bytes(row.body)
    assert alfa_admin.email.encode() in bytes(row.body)

    # The next day, a view counts again: the event moved to yesterday, and the cache's note of
    # today's view (its key names the day) gone as it is when the day has passed.
    viewed(invoice).update(created_at=event.created_at - timedelta(days=1))
    cache.clear()
    client.get(reverse("billing:pdf", args=[invoice.number]))
    assert viewed(invoice).count() == 2


def test_a_reload_the_same_day_reads_nothing_of_the_views(
    client, alfa, alfa_admin, django_capture_on_commit_callbacks
):
    invoice = issue(alfa)
    url = reverse("billing:detail", args=[invoice.number])
    client.force_login(alfa_admin)
    with (
        CaptureQueriesContext(connection) as first,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.get(url)
    with CaptureQueriesContext(connection) as reload:
        client.get(url)
    assert any("core_event" in query["sql"] for query in first.captured_queries)
    assert not any("core_event" in query["sql"] for query in reload.captured_queries)
    assert viewed(invoice).count() == 1


def test_another_customer_viewing_nothing_records_nothing(client, alfa, beta_user):
    invoice = issue(alfa)
    client.force_login(beta_user)
    assert client.get(reverse("billing:detail", args=[invoice.number])).status_code == 404
    assert not viewed(invoice).exists()
