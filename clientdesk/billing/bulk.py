"""Bulk download: the chosen or filtered invoices as one ZIP, built in the background.

The user asks (``bulk_download_request``), the worker builds the ZIP from the stored PDFs
(rendering, once and for good, any the worker has not reached yet) and, where the vendor
offers it, the XML; the page polls its progress with htmx. The link lasts a day.
"""

import io
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from clientdesk.billing import documents, einvoice
from clientdesk.billing.errors import BillingError
from clientdesk.billing.events import BillingEvent
from clientdesk.billing.models import BillingSettings, BulkDownload, Invoice
from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.support.storage import private_storage

LIMIT = 500
LIFETIME = timedelta(hours=24)


@transaction.atomic
def bulk_download_request(*, actor: Actor, invoices: QuerySet[Invoice]) -> BulkDownload:
    """Ask for a ZIP of ``invoices`` (already behind the tenancy gate, for the actor's user)."""
    if actor.user is None:
        raise ValueError("a bulk download is asked for by a user")
    ids = list(invoices.order_by().values_list("pk", flat=True)[: LIMIT + 1])
    if not ids:
        raise ServiceError(BillingError.ZIP_EMPTY)
    if len(ids) > LIMIT:
        raise ServiceError(BillingError.ZIP_TOO_MANY, params={"limit": LIMIT})
    download = BulkDownload.objects.create(
        user=actor.user,
        with_xml=BillingSettings.get().einvoice_enabled,
        total=len(ids),
        expires_at=timezone.now() + LIFETIME,
    )
    download.invoices.set(ids)
    events.record(
        BillingEvent.ZIP_REQUESTED, actor=actor, subject=download, data={"count": len(ids)}
    )
    from clientdesk.billing.tasks import build_zip

    transaction.on_commit(lambda: build_zip.enqueue(download.pk))
    return download


def build(download_id: int) -> None:
    """Write the ZIP; progress is saved as it goes so the page can show it."""
    download = BulkDownload.objects.filter(
        pk=download_id, status=BulkDownload.Status.PENDING
    ).first()
    if download is None:
        return
    from clientdesk.billing.tasks import store_pdf

    buffer = io.BytesIO()
    storage = private_storage()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, invoice_id in enumerate(
            download.invoices.order_by("issued_on", "number").values_list("pk", flat=True), 1
        ):
            invoice = documents.invoice_for_document(invoice_id)
            if invoice is None:
                continue
            name = invoice.pdf or store_pdf(invoice)
            with storage.open(name, "rb") as pdf:
                archive.writestr(f"{invoice.number}.pdf", pdf.read())
            if download.with_xml:
                archive.writestr(f"{invoice.number}.xml", einvoice.xml_bytes(invoice))
            if done % 25 == 0:
                BulkDownload.objects.filter(pk=download.pk).update(done=done)
    name = storage.save(f"zips/{download.public_id}.zip", ContentFile(buffer.getvalue()))
    BulkDownload.objects.filter(pk=download.pk).update(
        file=name, done=download.total, status=BulkDownload.Status.READY
    )
