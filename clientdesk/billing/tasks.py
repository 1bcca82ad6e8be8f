"""Background work of billing: an issued document's PDF, rendered once and kept."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from clientdesk.billing import documents
from clientdesk.billing.models import Invoice
from clientdesk.core.models import VendorConfig
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
    name = private_storage().save(documents.pdf_path(invoice), ContentFile(content))
    with transaction.atomic():
        # Only the first of two workers that raced keeps its file in the row.
        stored = Invoice.objects.filter(pk=invoice.pk, pdf="").update(pdf=name)
    if not stored:
        private_storage().delete(name)
        return Invoice.objects.values_list("pdf", flat=True).get(pk=invoice.pk)
    return name


REMINDER_DAYS = 3


def reminder_time(due_on: date) -> datetime | None:
    """09:00 in the vendor's time zone, REMINDER_DAYS before the due date; None if past."""
    tz = ZoneInfo(VendorConfig.get().time_zone)
    when = datetime.combine(due_on - timedelta(days=REMINDER_DAYS), time(9, 0), tzinfo=tz)
    return when if when > timezone.now() else None


@task()
def remind_due(invoice_id: int) -> None:
    """Remind who asked, if the invoice is still not paid."""
    from clientdesk.billing.subscribers import mail_members

    with transaction.atomic():
        invoice = Invoice.objects.select_related("account").filter(pk=invoice_id).first()
        if invoice is None or invoice.settled == Invoice.Status.PAID:
            return
        mail_members(invoice, preference="due_reminder_email", template="billing/email/due_soon")
