"""After an invoice is issued: its PDF is rendered once, by the worker (tasks.py)."""

from django.db import transaction

from clientdesk.billing.events import BillingEvent
from clientdesk.billing.models import Invoice
from clientdesk.core import events
from clientdesk.core.models import Event


@events.subscribe(BillingEvent.INVOICE_ISSUED, BillingEvent.CREDIT_NOTE_ISSUED)
def render_pdf_later(event: Event, invoice: Invoice) -> None:
    from clientdesk.billing.tasks import render_invoice_pdf

    # The task row is written at commit: a rolled-back invoice renders nothing.
    transaction.on_commit(lambda: render_invoice_pdf.enqueue(invoice.pk))
