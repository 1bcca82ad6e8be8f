"""The staff lists of growing tables page by number with a capped count, their filters kept."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clientdesk.accounts.models import AccessRequest
from clientdesk.core.models import OutboundEmail
from clientdesk.core.paging import CappedPaginator
from tests.factories import AccessRequestFactory

pytestmark = pytest.mark.django_db


def emails(count: int) -> None:
    OutboundEmail.objects.bulk_create(
        OutboundEmail(to=f"n{n}@alfa.example", subject=f"Subiect {n}", body_text="x", template="t")
        for n in range(count)
    )


def test_the_outbox_pages_on_and_past_the_limit_counts_no_further(admin_client, monkeypatch):
    # The back office in Romanian, the portal's default language.
    emails(30)
    outbox = reverse("backoffice:outbox")
    first = admin_client.get(outbox).content.decode()
    assert "Pagina 1 din 2" in first and 'href="?page=2" rel="next"' in first
    second = admin_client.get(outbox, {"page": 2}).content.decode()
    assert second.count("<tr>") == 6 and "Pagina 2 din 2" in second  # the head and 5 rows
    monkeypatch.setattr(CappedPaginator, "limit", 20)
    capped = admin_client.get(outbox).content.decode()
    assert "Pagina 1</span>" in capped and 'href="?page=2" rel="next"' in capped


def test_the_access_queue_keeps_its_status_in_the_page_links(admin_client):
    AccessRequestFactory.create_batch(
        30, status=AccessRequest.Status.GRANTED, decided_at=timezone.now()
    )
    page = admin_client.get(reverse("backoffice:access_queue"), {"status": "granted"})
    assert 'href="?status=granted&amp;page=2" rel="next"' in page.content.decode()
