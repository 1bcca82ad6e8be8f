"""Background work of billing: an issued document's PDF, rendered once and kept."""

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task

from clientdesk.billing import documents
from clientdesk.billing.models import Invoice
from clientdesk.support.storage import private_storage


@task()
def render_invoice_pdf(invoice_id: int) -> None:
    """Render and store the PDF; a document that has one already is left as it is."""
    invoice = documents.invoice_for_document(invoice_id)
    if invoice is None or invoice.pdf:
        return
    store_pdf(invoice)


@task()
def build_zip(download_id: int) -> None:
    from clientdesk.billing import bulk

    bulk.build(download_id)


def store_pdf(invoice: Invoice) -> str:
    """Render the invoice's PDF and keep it; the name stored in the row (the first one kept)."""
    content = documents.invoice_pdf(invoice)
    name = private_storage().save(
        f"invoices/{invoice.issued_on:%Y/%m}/{invoice.public_id}.pdf", ContentFile(content)
    )
    with transaction.atomic():
        # Only the first of two workers that raced keeps its file in the row.
        stored = Invoice.objects.filter(pk=invoice.pk, pdf="").update(pdf=name)
    if not stored:
        private_storage().delete(name)
        return Invoice.objects.values_list("pdf", flat=True).get(pk=invoice.pk)
    return name
