"""The PDF: rendered once by the worker, kept privately, served as it was stored."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from clientdesk.billing import documents
from clientdesk.billing.models import Invoice
from clientdesk.billing.tasks import render_invoice_pdf
from tests.billing.factories import issue, line

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def invoice(alfa):
    return issue(alfa, number="CTS-2026-004518", lines=[line(1, "3", "1036.60", "19")])


def test_issuing_enqueues_the_rendering_after_commit(alfa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue(alfa)
    task = DBTaskResult.objects.get(task_path__endswith="render_invoice_pdf")
    assert task.args_kwargs["args"] == [invoice.pk]
    assert not Invoice.objects.get(pk=invoice.pk).pdf  # not rendered in the request


def test_the_task_renders_once_and_the_download_serves_the_stored_file(client, alfa_admin, invoice):
    render_invoice_pdf.call(invoice.pk)
    stored = Invoice.objects.get(pk=invoice.pk).pdf
    assert stored
    render_invoice_pdf.call(invoice.pk)  # a second run keeps the first file
    assert Invoice.objects.get(pk=invoice.pk).pdf == stored
    client.force_login(alfa_admin)
    response = client.get(reverse("billing:pdf", args=[invoice.number]))
    assert response["Content-Disposition"] == 'attachment; filename="CTS-2026-004518.pdf"'
    content = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert invoice.number in text
    assert invoice.total == Decimal("3700.66")
    assert "3.700,66" in text  # the database's total, in the vendor's language


def test_a_download_never_renders(client, alfa_admin, invoice, monkeypatch):
    render_invoice_pdf.call(invoice.pk)

    def refuse(*args):
        raise AssertionError("rendered on download")

    monkeypatch.setattr(documents, "invoice_pdf", refuse)
    client.force_login(alfa_admin)
    assert client.get(reverse("billing:pdf", args=[invoice.number])).status_code == 200
