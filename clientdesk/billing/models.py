"""Invoices, credit notes, payments and the ledger that keeps each account's balance.

Documents come from the vendor's ERP (services.py) and never change once issued: a
correction is a credit note. Each movement (an invoice, a credit note, a payment)
writes one ledger entry with the balance after it, in the transaction that locks
the account's ``BillingAccount`` row; so the balance, the open amounts and a
statement's running balance are read, never summed over an account's history.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing import units
from clientdesk.billing.money import ZERO
from clientdesk.core.tenancy import TenantQuerySet

_currency = RegexValidator(r"^[A-Z]{3}$")


class BillingSettings(models.Model):
    """What the documents need of the vendor beyond VendorConfig: one row."""

    einvoice_enabled = models.BooleanField(
        _("offer the e-invoice (XML)"),
        default=False,
        help_text=_("Customers may download each invoice as UBL 2.1 XML (CIUS-RO for RO)."),
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    registration_number = models.CharField(_("trade register number"), max_length=40, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    county_code = models.CharField(
        _("county code"), max_length=6, blank=True, help_text=_("ISO 3166-2, e.g. RO-B.")
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country code"), max_length=2, default="RO")
    payment_terms_days = models.PositiveIntegerField(_("payment terms (days)"), default=30)

    class Meta:
        verbose_name = _("billing settings")
        verbose_name_plural = _("billing settings")

    def __str__(self) -> str:
        return str(_("billing settings"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def get(cls) -> "BillingSettings":
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings


class BillingAccountQuerySet(TenantQuerySet["BillingAccount"]):
    tenant_path = "account"


class BillingAccount(models.Model):
    """A customer's balance in one currency: locked and updated with every movement."""

    account = models.ForeignKey(
        CustomerAccount, on_delete=models.PROTECT, related_name="billing_accounts"
    )
    currency = models.CharField(max_length=3, validators=[_currency])
    balance = models.DecimalField(max_digits=16, decimal_places=2, default=ZERO)

    objects = BillingAccountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "currency"], name="billing_one_per_currency")
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.balance} {self.currency}"


class InvoiceQuerySet(TenantQuerySet["Invoice"]):
    tenant_path = "account"


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        OVERDUE = "overdue", _("Overdue")  # never stored: derived at read time

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        CustomerAccount,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("account"),
    )
    external_id = models.CharField(max_length=100, unique=True)
    number = models.CharField(_("number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    currency = models.CharField(_("currency"), max_length=3, validators=[_currency])
    # Lei for one unit of the currency, for the VAT in RON of a foreign-currency invoice.
    exchange_rate = models.DecimalField(max_digits=12, decimal_places=6, default=Decimal(1))
    po_number = models.CharField(_("PO number"), max_length=60, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("corrects invoice"),
    )
    net_total = models.DecimalField(_("total excluding VAT"), max_digits=16, decimal_places=2)
    vat_total = models.DecimalField(_("VAT"), max_digits=16, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=2)
    # What is still to be paid (an invoice) or to be used (a credit note); kept by services.
    open_amount = models.DecimalField(_("open amount"), max_digits=16, decimal_places=2)
    # Stored, not derived, so that the list filters by it through an index.
    settled = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    pdf = models.CharField(max_length=200, blank=True)  # a name in PrivateStorage
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-number"]
        # Each sort the list offers, with the account first and the number as the
        # tie-break, so that a page (first, next or last) is one range read of an index.
        # The number and PO filters are served on PostgreSQL by trigram indexes
        # (migration 0005; a scan on SQLite).
        indexes = [
            models.Index(fields=["account", "-issued_on", "-number"]),
            models.Index(fields=["account", "due_on", "number"], name="invoice_account_due"),
            models.Index(fields=["account", "total", "number"], name="invoice_account_total"),
            # Credit notes are one document in twenty: without the kind in the index
            # their newest page walks past the invoices.
            models.Index(
                fields=["account", "kind", "-issued_on", "-number"], name="invoice_account_kind"
            ),
            models.Index(fields=["account", "settled", "due_on"]),
            # The few open invoices are the newest: "open, oldest first" walked the date
            # index past every paid one (52 ms for 100,000) before this.
            models.Index(
                fields=["account", "settled", "-issued_on", "-number"],
                name="invoice_account_settled",
            ),
            # What is still open, read from the index alone on PostgreSQL (INCLUDE): the
            # dashboard's overdue count and sums (the largest account's 5,000 overdue
            # invoices cost 5-7 ms a query from the table's rows) and the statement's
            # ageing, credit notes included (9,000 open documents: 17.7 ms from the rows).
            models.Index(
                fields=["account", "due_on"],
                include=["currency", "open_amount", "kind"],
                condition=models.Q(settled__in=["open", "partly_paid"]),
                name="invoice_open_by_due",
            ),
        ]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def paid_amount(self) -> Decimal:
        return self.total - self.open_amount

    def status_on(self, overdue_cutoff: date) -> str:
        """The status as of today: ``overdue_cutoff`` is the last due date already overdue."""
        unpaid = self.settled != self.Status.PAID and self.kind == self.Kind.INVOICE
        if unpaid and self.due_on <= overdue_cutoff:
            return self.Status.OVERDUE
        return self.settled


STATUS_BADGES = {
    Invoice.Status.OPEN: "info",
    Invoice.Status.PARTLY_PAID: "warning",
    Invoice.Status.PAID: "success",
    Invoice.Status.OVERDUE: "danger",
}


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("position"))
    item_code = models.CharField(_("product code"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=3, default="H87")  # UN/ECE Rec. 20
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=4)
    vat_category = models.CharField(_("VAT category"), max_length=2, default="S")  # UNCL5305
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=2)
    net_amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoiceline_position")
        ]

    def __str__(self) -> str:
        return f"{self.invoice} #{self.position}"

    @property
    def unit_label(self) -> str:
        """The unit as a customer reads it ("buc.", "ore"), not its e-invoice code."""
        return units.label(self.unit)


class PaymentQuerySet(TenantQuerySet["Payment"]):
    tenant_path = "account"


class Payment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(CustomerAccount, on_delete=models.PROTECT, related_name="payments")
    external_id = models.CharField(max_length=100, unique=True)
    received_on = models.DateField(_("received on"))
    currency = models.CharField(_("currency"), max_length=3, validators=[_currency])
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    unallocated = models.DecimalField(_("not allocated"), max_digits=16, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        # The statement's "credits not yet used" reads only the payments with money left,
        # from the index alone on PostgreSQL (the largest account's 1,400: 2.2 ms from rows).
        indexes = [
            models.Index(
                fields=["account", "currency"],
                include=["unallocated"],
                condition=models.Q(unallocated__gt=0),
                name="payment_unallocated_amount",
            )
        ]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount} {self.currency}"


class Allocation(models.Model):
    """How much of a payment (or of a credit note) settles an invoice."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, related_name="allocations"
    )
    credit_note = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, null=True, related_name="applied"
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    on = models.DateField()

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.amount} → {self.invoice_id}"


class LedgerEntry(models.Model):
    """One movement of an account's balance in one currency, with the balance after it.

    Ordered by (date, id): an entry dated before later ones shifts their balances in the
    same transaction, so the running balance of a statement is always read as stored.
    """

    billing_account = models.ForeignKey(
        BillingAccount, on_delete=models.PROTECT, related_name="entries"
    )
    on = models.DateField()
    amount = models.DecimalField(
        max_digits=16, decimal_places=2
    )  # + invoice, - credit note, - payment
    balance_after = models.DecimalField(max_digits=16, decimal_places=2)
    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, null=True, related_name="ledger_entry"
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, related_name="ledger_entry"
    )

    class Meta:
        ordering = ["on", "pk"]
        # A statement's page, its opening and closing balances are range reads in this order.
        indexes = [
            models.Index(fields=["billing_account", "on", "id"], name="ledger_account_on_id")
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.amount} = {self.balance_after}"


class BulkDownload(models.Model):
    """A ZIP of invoices a user asked for, built by the worker; its link expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="invoice_downloads"
    )
    invoices = models.ManyToManyField(Invoice, related_name="+")
    with_xml = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.CharField(max_length=200, blank=True)  # a name in PrivateStorage
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.public_id} {self.status}"


class BillingPreference(models.Model):
    """What a user asked to be told about their accounts' invoices."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="billing_preference"
    )
    new_invoice_email = models.BooleanField(
        _("e-mail me when a new invoice is issued"), default=False
    )
    due_reminder_email = models.BooleanField(_("remind me before an invoice is due"), default=False)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.new_invoice_email}"
