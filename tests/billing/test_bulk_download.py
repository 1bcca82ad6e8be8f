"""Bulk download: the filtered invoices as one ZIP, built by the worker, with an expiring link."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clientdesk.billing import bulk
from clientdesk.billing.models import BillingSettings, BulkDownload
from clientdesk.billing.tasks import build_zip
from tests.billing.factories import issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def ask(client, django_capture_on_commit_callbacks, **filters):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('billing:zip_new')}?" + "&".join(f"{k}={v}" for k, v in filters.items())
        )
    return response


def test_the_filtered_invoices_come_as_one_zip_with_their_pdf_and_xml(
    client, alfa, alfa_admin, django_capture_on_commit_callbacks
):
    BillingSettings.objects.update_or_create(pk=1, defaults={"einvoice_enabled": True})
    issue(alfa, number="CTS-Z-1", po_number="ZIP-ME")
    issue(alfa, number="CTS-Z-2", po_number="ZIP-ME")
    issue(alfa, number="CTS-Z-3", po_number="OTHER")
    client.force_login(alfa_admin)
    response = ask(client, django_capture_on_commit_callbacks, po="ZIP-ME")
    download = BulkDownload.objects.get()
    assert response.url == reverse("billing:zip", args=[download.public_id])
    assert DBTaskResult.objects.filter(task_path__endswith="build_zip").exists()
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" in page  # still being prepared: the fragment polls
    build_zip.call(download.pk)
    ready = client.get(response.url).content.decode()
    assert reverse("billing:zip_file", args=[download.public_id]) in ready
    file = client.get(reverse("billing:zip_file", args=[download.public_id]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(file.streaming_content))).namelist()
    assert sorted(names) == ["CTS-Z-1.pdf", "CTS-Z-1.xml", "CTS-Z-2.pdf", "CTS-Z-2.xml"]


def test_more_than_the_limit_is_refused_with_a_clear_message(
    client, alfa, alfa_admin, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bulk, "LIMIT", 1)
    issue(alfa)
    issue(alfa)
    client.force_login(alfa_admin)
    response = ask(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "At most 1 documents" in response.content.decode()
    assert not BulkDownload.objects.exists()


def test_the_link_expires_and_belongs_to_its_user(client, alfa, alfa_admin, beta_user):
    download = BulkDownload.objects.create(
        user=alfa_admin, expires_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(alfa_admin)
    assert client.get(reverse("billing:zip", args=[download.public_id])).status_code == 404
    download.expires_at = timezone.now() + timedelta(hours=1)
    download.save()
    assert client.get(reverse("billing:zip", args=[download.public_id])).status_code == 200
    client.force_login(beta_user)
    assert client.get(reverse("billing:zip", args=[download.public_id])).status_code == 404
