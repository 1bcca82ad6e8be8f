"""Every write of billing: what the ERP pushes (API, import, demo), one use case a function.

Issued documents and recorded payments never change, so a second call with the same
``external_id`` and the same data is a retry and records nothing, and one with other
data is refused. Each movement locks the customer's balance row in its currency and
writes its ledger entry and the open amounts it settles in the same transaction.
"""

import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from stdnum import iban
from stdnum.eu import vat

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing import documents, ledger
from clientdesk.billing.errors import BillingError, SettingsError
from clientdesk.billing.events import BillingEvent, BillingSettingsEvent
from clientdesk.billing.models import (
    Allocation,
    BillingPreference,
    BillingSettings,
    Invoice,
    InvoiceLine,
    Payment,
)
from clientdesk.billing.money import ZERO, cents, line_net, totals
from clientdesk.core import configuration, events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event, VendorConfig
from clientdesk.core.upsert import Outcome, Upserted, claim
from clientdesk.support.storage import private_storage


@dataclass(frozen=True)
class Line:
    position: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: str = "S"
    unit: str = "H87"
    item_code: str = ""


@dataclass(frozen=True)
class Document:
    external_id: str
    number: str
    issued_on: date
    due_on: date
    lines: Sequence[Line]
    kind: str = Invoice.Kind.INVOICE
    currency: str = "RON"
    exchange_rate: Decimal = Decimal(1)
    po_number: str = ""
    corrects: str = ""  # the number of the invoice a credit note corrects
    # The ERP's own PDF, kept as the document's; without one the portal renders it.
    pdf: bytes | None = None


def _state(invoice: Invoice) -> tuple:
    head = (
        invoice.number,
        invoice.kind,
        invoice.issued_on,
        invoice.due_on,
        invoice.currency,
        invoice.po_number,
        invoice.corrects.number if invoice.corrects else "",
    )
    lines = [
        (
            line.position,
            line.description,
            line.quantity,
            line.unit_price,
            line.vat_rate,
            line.vat_category,
            line.unit,
            line.item_code,
        )
        for line in invoice.lines.all()
    ]
    return (*head, *lines)


def _wanted(doc: Document) -> tuple:
    head = (
        doc.number,
        doc.kind,
        doc.issued_on,
        doc.due_on,
        doc.currency,
        doc.po_number,
        doc.corrects,
    )
    lines = [
        (
            line.position,
            line.description,
            Decimal(line.quantity),
            Decimal(line.unit_price),
            Decimal(line.vat_rate),
            line.vat_category,
            line.unit,
            line.item_code,
        )
        for line in sorted(doc.lines, key=lambda line: line.position)
    ]
    return (*head, *lines)


def _check(doc: Document) -> None:
    if not doc.lines:
        raise ServiceError(BillingError.NO_LINES, field="lines")
    positions = [line.position for line in doc.lines]
    if len(set(positions)) != len(positions):
        raise ServiceError(BillingError.SAME_POSITION, field="lines")
    for line in doc.lines:
        if line.quantity <= 0 or line.unit_price < 0 or not 0 <= line.vat_rate < 100:
            raise ServiceError(
                BillingError.BAD_LINE, field="lines", params={"position": line.position}
            )
    if doc.due_on < doc.issued_on:
        raise ServiceError(BillingError.DUE_BEFORE_ISSUE, field="due_on")
    if doc.kind == Invoice.Kind.CREDIT_NOTE and not doc.corrects:
        raise ServiceError(BillingError.CORRECTS_MISSING, field="corrects")
    if doc.pdf is not None and not doc.pdf.startswith(b"%PDF-"):
        raise ServiceError(BillingError.NOT_PDF, field="pdf")


def _same_pdf(invoice: Invoice, pdf: bytes | None) -> bool:
    """A retry without a PDF says nothing of it; one with a PDF must send the one kept."""
    if pdf is None:
        return True
    if not invoice.pdf:
        return False
    with private_storage().open(invoice.pdf) as kept:
        return kept.read() == pdf


@transaction.atomic
def invoice_issue(
    *, actor: Actor, account: CustomerAccount, document: Document
) -> Upserted[Invoice]:
    """Issue the invoice or credit note the ERP knows as ``document.external_id``.

    A credit note settles what it can of the invoice it corrects; what is left of it
    stays open, a credit of the customer's. The same document again is unchanged.
    """
    doc = document
    claim(Invoice, doc.external_id)
    existing = (
        Invoice.objects.select_related("corrects")
        .prefetch_related("lines")
        .filter(external_id=doc.external_id)
        .first()
    )
    if existing is not None:
        if existing.account_id != account.pk:
            raise ServiceError(BillingError.OTHER_ACCOUNT, field="account")
        if _state(existing) != _wanted(doc) or not _same_pdf(existing, doc.pdf):
            raise ServiceError(BillingError.ISSUED, field="external_id")
        return Upserted(existing, Outcome.UNCHANGED)  # a retry of the same document
    _check(doc)
    if Invoice.objects.filter(number=doc.number).exists():
        raise ServiceError(BillingError.NUMBER_TAKEN, field="number", params={"number": doc.number})
    billing = ledger.locked_account(account, doc.currency)
    corrected = None
    if doc.kind == Invoice.Kind.CREDIT_NOTE:
        corrected = (
            Invoice.objects.select_for_update()
            .filter(
                number=doc.corrects,
                account=account,
                currency=doc.currency,
                kind=Invoice.Kind.INVOICE,
            )
            .first()
        )
        if corrected is None:
            raise ServiceError(BillingError.NOT_AN_INVOICE, field="corrects")
    sums = totals(doc.lines)
    invoice = Invoice.objects.create(
        account=account,
        external_id=doc.external_id,
        number=doc.number,
        kind=doc.kind,
        issued_on=doc.issued_on,
        due_on=doc.due_on,
        currency=doc.currency,
        exchange_rate=doc.exchange_rate,
        po_number=doc.po_number,
        corrects=corrected,
        net_total=sums.net,
        vat_total=sums.vat,
        total=sums.gross,
        open_amount=sums.gross,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=line.position,
            item_code=line.item_code,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
            net_amount=line_net(line.quantity, line.unit_price),
        )
        for line in doc.lines
    )
    if doc.pdf is not None:
        # Kept as the document: the render task finds a PDF and leaves it as it is.
        invoice.pdf = private_storage().save(documents.pdf_path(invoice), ContentFile(doc.pdf))
        invoice.save(update_fields=["pdf"])
    sign = -1 if corrected is not None else 1
    ledger.post(billing, on=doc.issued_on, amount=sign * sums.gross, invoice=invoice)
    if corrected is not None:
        applied = min(corrected.open_amount, invoice.total)
        if applied > 0:
            Allocation.objects.create(
                invoice=corrected, credit_note=invoice, amount=applied, on=doc.issued_on
            )
            _settle(corrected, applied)
            _settle(invoice, applied)
    kind = BillingEvent.CREDIT_NOTE_ISSUED if corrected else BillingEvent.INVOICE_ISSUED
    events.record(
        kind,
        actor=actor,
        account=account,
        subject=invoice,
        data={
            "external_id": doc.external_id,
            "number": doc.number,
            "total": invoice.total,
            "currency": doc.currency,
        },
    )
    return Upserted(invoice, Outcome.CREATED)


def _settle(invoice: Invoice, amount: Decimal) -> None:
    invoice.open_amount -= amount
    if invoice.open_amount <= 0:
        invoice.settled = Invoice.Status.PAID
    elif invoice.open_amount < invoice.total:
        invoice.settled = Invoice.Status.PARTLY_PAID
    invoice.save(update_fields=["open_amount", "settled"])


@dataclass(frozen=True)
class Share:
    """What part of a payment settles which invoice."""

    invoice_number: str
    amount: Decimal


@transaction.atomic
def payment_record(
    *,
    actor: Actor,
    account: CustomerAccount,
    external_id: str,
    received_on: date,
    amount: Decimal,
    currency: str = "RON",
    reference: str = "",
    allocations: Sequence[Share] = (),
) -> Upserted[Payment]:
    """Record a payment received and the invoices it settles; what is left stays unallocated."""
    amount = cents(Decimal(amount))
    claim(Payment, external_id)
    existing = Payment.objects.filter(external_id=external_id).first()
    if existing is not None:
        recorded = sorted(existing.allocations.values_list("invoice__number", "amount"))
        wanted = sorted((share.invoice_number, cents(share.amount)) for share in allocations)
        if existing.account_id != account.pk:
            raise ServiceError(BillingError.PAYMENT_OTHER_ACCOUNT, field="account")
        same = (existing.received_on, existing.amount, existing.currency)
        if same != (received_on, amount, currency) or recorded != wanted:
            raise ServiceError(BillingError.PAYMENT_RECORDED, field="external_id")
        return Upserted(existing, Outcome.UNCHANGED)
    if amount <= 0:
        raise ServiceError(BillingError.PAYMENT_AMOUNT, field="amount")
    if sum((cents(share.amount) for share in allocations), ZERO) > amount:
        raise ServiceError(BillingError.OVER_ALLOCATED, field="allocations")
    billing = ledger.locked_account(account, currency)
    payment = Payment.objects.create(
        account=account,
        external_id=external_id,
        received_on=received_on,
        currency=currency,
        amount=amount,
        reference=reference,
        unallocated=amount,
    )
    for share in allocations:
        invoice = (
            Invoice.objects.select_for_update()
            .filter(
                account=account,
                currency=currency,
                number=share.invoice_number,
                kind=Invoice.Kind.INVOICE,
            )
            .first()
        )
        params = {"number": share.invoice_number}
        if invoice is None:
            raise ServiceError(BillingError.ALLOCATION_INVOICE, field="allocations", params=params)
        part = cents(share.amount)
        if part <= 0 or part > invoice.open_amount:
            raise ServiceError(
                BillingError.ALLOCATION_TOO_MUCH,
                field="allocations",
                params={**params, "open": invoice.open_amount},
            )
        Allocation.objects.create(invoice=invoice, payment=payment, amount=part, on=received_on)
        _settle(invoice, part)
        payment.unallocated -= part
    payment.save(update_fields=["unallocated"])
    ledger.post(billing, on=received_on, amount=-amount, payment=payment)
    events.record(
        BillingEvent.PAYMENT_RECORDED,
        actor=actor,
        account=account,
        subject=payment,
        data={
            "external_id": external_id,
            "amount": amount,
            "currency": currency,
            "invoices": [share.invoice_number for share in allocations],
        },
    )
    return Upserted(payment, Outcome.CREATED)


@transaction.atomic
def preference_set(
    *, actor: Actor, new_invoice_email: bool, due_reminder_email: bool = False
) -> BillingPreference:
    """The actor's own choice of invoice e-mails (a user's, never someone else's)."""
    if actor.user is None:
        raise ValueError("a preference is a user's")
    preference, _created = BillingPreference.objects.get_or_create(user=actor.user)
    wanted = (new_invoice_email, due_reminder_email)
    if (preference.new_invoice_email, preference.due_reminder_email) != wanted:
        preference.new_invoice_email, preference.due_reminder_email = wanted
        preference.save(update_fields=["new_invoice_email", "due_reminder_email"])
        events.record(
            BillingEvent.PREFERENCE_SET,
            actor=actor,
            subject=preference,
            data={"new_invoice_email": new_invoice_email, "due_reminder_email": due_reminder_email},
        )
    return preference


def invoice_view(*, actor: Actor, invoice: Invoice, via: Literal["page", "pdf", "api"]) -> None:
    """Record that a customer opened an invoice: once a person, invoice and day, whatever
    they reload or download (the ERP hears of it through the ``invoice.viewed`` webhook).

    The event is the record; the cache only remembers, until the day ends, that it was
    written, so a reload reads nothing. A cache that lost the key falls back on the events.
    """
    if actor.user is None:
        raise ValueError("a view is a person's")
    tz = zoneinfo.ZoneInfo(VendorConfig.get().time_zone)
    now = timezone.now().astimezone(tz)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    key = f"billing:viewed:{invoice.pk}:{actor.user.pk}:{today.date().isoformat()}"
    if cache.get(key):
        return
    with transaction.atomic():
        seen = (
            Event.objects.about(invoice)
            .filter(
                kind=BillingEvent.INVOICE_VIEWED,
                actor_user_id=actor.user.pk,
                created_at__gte=today,
            )
            .exists()
        )
        if not seen:
            events.record(
                BillingEvent.INVOICE_VIEWED,
                actor=actor,
                account=invoice.account_id,
                subject=invoice,
                data={"number": invoice.number, "via": via, "viewer_email": actor.user.email},
            )
        # The rest of the day, in seconds: the key names the day, so a longer life is harmless.
        left = int((today + timedelta(days=1) - now).total_seconds()) + 1
        transaction.on_commit(lambda: cache.set(key, True, timeout=left))


# The vendor's billing settings: what every invoice says of the vendor.


def _check_billing_settings(settings: BillingSettings) -> None:
    if settings.iban and not iban.is_valid(settings.iban):
        raise ServiceError(SettingsError.IBAN, field="iban")
    if settings.vat_number and not vat.is_valid(settings.vat_number):
        raise ServiceError(SettingsError.VAT, field="vat_number")
    if not (len(settings.country) == 2 and settings.country.isalpha()):
        raise ServiceError(SettingsError.COUNTRY, field="country")
    county = settings.county_code
    if county and not county.startswith(f"{settings.country}-"):
        raise ServiceError(SettingsError.COUNTY, field="county_code")


@transaction.atomic
def billing_settings_update(*, actor: Actor, values: Mapping[str, Any]) -> BillingSettings:
    BillingSettings.objects.get_or_create(pk=1)
    settings = BillingSettings.objects.select_for_update().get(pk=1)
    cleaned = dict(values)
    for name in ("iban", "vat_number", "country", "county_code"):
        if name in cleaned:
            cleaned[name] = cleaned[name].replace(" ", "").upper()
    diff = configuration.apply(settings, cleaned)
    configuration.validate(settings)
    _check_billing_settings(settings)
    if diff:
        settings.save()
        events.record(
            BillingSettingsEvent.CHANGED, actor=actor, subject=settings, data={"changed": diff}
        )
    return settings
