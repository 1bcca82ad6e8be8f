"""After an invoice is issued: its PDF is rendered once, by the worker (tasks.py), and the
account's people who asked for it get an e-mail (queued in the outbox, sent after commit)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from clientdesk.accounts.models import Membership
from clientdesk.billing.events import BillingEvent
from clientdesk.billing.models import Invoice
from clientdesk.core import events
from clientdesk.core.mail import queue_email
from clientdesk.core.models import Event


@events.subscribe(BillingEvent.INVOICE_ISSUED, BillingEvent.CREDIT_NOTE_ISSUED)
def render_pdf_later(event: Event, invoice: Invoice) -> None:
    from clientdesk.billing.tasks import render_invoice_pdf

    # The task row is written at commit: a rolled-back invoice renders nothing.
    transaction.on_commit(lambda: render_invoice_pdf.enqueue(invoice.pk))


def mail_members(invoice: Invoice, *, preference: str, template: str) -> None:
    """Queue ``template`` to each person of the account with the grant who chose it."""
    members = Membership.objects.filter(
        account_id=invoice.account_id,
        grant_invoices=True,
        user__is_active=True,
        **{f"user__billing_preference__{preference}": True},
    ).select_related("user")
    url = settings.PORTAL_URL + reverse("billing:detail", args=[invoice.number])
    for member in members:
        queue_email(
            to=member.user.email,
            template=template,
            context={"invoice": invoice, "url": url, "user": member.user},
            language=member.user.language,
        )


@events.subscribe(BillingEvent.INVOICE_ISSUED, BillingEvent.CREDIT_NOTE_ISSUED)
def tell_who_asked(event: Event, invoice: Invoice) -> None:
    mail_members(invoice, preference="new_invoice_email", template="billing/email/new_invoice")


@events.subscribe(BillingEvent.INVOICE_ISSUED)
def remind_before_due(event: Event, invoice: Invoice) -> None:
    """A task row that wakes before the due date; it mails only if the invoice is unpaid."""
    from clientdesk.billing.tasks import remind_due, reminder_time

    when = reminder_time(invoice.due_on)
    if when is not None:
        transaction.on_commit(lambda: remind_due.using(run_after=when).enqueue(invoice.pk))
