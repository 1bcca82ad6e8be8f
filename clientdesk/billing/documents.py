"""An invoice as a document: everything its page, print view and PDF show, read once."""

from django.db.models import Prefetch

from clientdesk.billing.models import Allocation, Invoice
from clientdesk.billing.money import totals
from clientdesk.core.pdf import render_pdf

STYLESHEET = "clientdesk/invoice-pdf.css"


def with_everything(queryset):
    """The invoice with its lines, its allocations and its credit notes, in fixed queries."""
    return queryset.select_related("account", "corrects").prefetch_related(
        "lines",
        Prefetch(
            "allocations",
            queryset=Allocation.objects.select_related("payment", "credit_note"),
        ),
        Prefetch("credit_notes", queryset=Invoice.objects.order_by("issued_on", "number")),
    )


def pdf_path(invoice: Invoice) -> str:
    """Where the document's PDF is kept in PrivateStorage (no part of it names the customer)."""
    return f"invoices/{invoice.issued_on:%Y/%m}/{invoice.public_id}.pdf"


def invoice_for_document(invoice_id: int) -> Invoice | None:
    return with_everything(Invoice.objects.filter(pk=invoice_id)).first()


def context(invoice: Invoice) -> dict:
    from clientdesk.billing.models import BillingSettings

    return {
        "invoice": invoice,
        "vat_groups": totals(invoice.lines.all()).groups,
        "billing": BillingSettings.get(),
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    """The document in the vendor's layout, in the portal's language (the vendor's)."""
    from django.conf import settings

    return render_pdf(
        "billing/invoice_pdf.html",
        context(invoice),
        language=settings.LANGUAGE_CODE,
        stylesheets=[STYLESHEET],
    )
