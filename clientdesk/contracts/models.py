"""Contracts with their document versions, and the account's equipment.

Contracts and equipment come from the vendor's ERP (services.py upserts them by
``external_id``); customers read them through the tenancy gate.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.tenancy import TenantQuerySet
from clientdesk.support.storage import private_storage


class ContractQuerySet(TenantQuerySet["Contract"]):
    tenant_path = "account"


class Contract(models.Model):
    class Kind(models.TextChoices):
        HARDWARE_MAINTENANCE = "hw_maintenance", _("Hardware maintenance")
        SOFTWARE_MAINTENANCE = "sw_maintenance", _("Software maintenance")
        MONTHLY_LICENCE = "monthly_licence", _("Monthly software licence")
        PREPAID_LICENCE = "prepaid_licence", _("Prepaid software licence")
        SERVICEPAC = "servicepac", _("ServicePac")
        SERVICES = "services", _("Services")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting signature")
        ACTIVE = "active", _("Active")
        TERMINATING = "terminating", _("Terminating")
        TERMINATED = "terminated", _("Terminated")
        EXPIRED = "expired", _("Expired")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        CustomerAccount,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("account"),
    )
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    number = models.CharField(_("contract number"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    renewal_date = models.DateField(_("next renewal"), null=True, blank=True)
    notice_days = models.PositiveIntegerField(_("notice period (days)"), default=30)
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="RON", validators=[RegexValidator(r"^[A-Z]{3}$")]
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-number"]
        # The list's order with the account first (and the status, its filter), the
        # number as the tie-break: a keyset page, first or last, is one range read.
        indexes = [
            models.Index(
                fields=["account", "-start_date", "-number"], name="contract_account_start"
            ),
            models.Index(
                fields=["account", "status", "-start_date", "-number"],
                name="contract_account_status",
            ),
        ]
        # Staff who may sign for the vendor (last, after the customer's signers), and
        # who confirm the ServicePacs customers register.
        permissions = [
            ("countersign_contract", "Can countersign contracts for the vendor"),
            ("confirm_servicepac", "Can confirm ServicePac registrations"),
        ]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.number

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.Status(self.status)]

    @property
    def is_licence(self) -> bool:
        return self.kind in (self.Kind.MONTHLY_LICENCE, self.Kind.PREPAID_LICENCE)


S = Contract.Status
STATUS_BADGES = {
    S.DRAFT: "neutral",
    S.AWAITING_APPROVAL: "warning",
    S.AWAITING_SIGNATURE: "warning",
    S.ACTIVE: "success",
    S.TERMINATING: "info",
    S.TERMINATED: "neutral",
    S.EXPIRED: "danger",
}


class DocumentQuerySet(TenantQuerySet["ContractDocument"]):
    tenant_path = "contract__account"


def _document_path(document: "ContractDocument", filename: str) -> str:
    return f"contracts/{document.contract.public_id}/{document.public_id}.pdf"


class ContractDocument(models.Model):
    """One version of a contract's document (a PDF), stored privately."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(storage=private_storage, upload_to=_document_path, max_length=300)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contractdoc_unique_number")
        ]
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"


class EquipmentQuerySet(TenantQuerySet["Equipment"]):
    tenant_path = "account"


class Equipment(models.Model):
    """A machine installed at the customer, and the contract that covers it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        CustomerAccount,
        on_delete=models.PROTECT,
        related_name="equipment",
        verbose_name=_("account"),
    )
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    machine_type = models.CharField(_("machine type"), max_length=40)
    model = models.CharField(_("model"), max_length=80, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=40)
    location = models.CharField(_("location"), max_length=200, blank=True)
    warranty_end = models.DateField(_("warranty ends"), null=True, blank=True)
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="equipment",
        verbose_name=_("covering contract"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["machine_type", "serial_number"]
        indexes = [
            # A customer's machines in the list's order: a page is read from the index,
            # not sorted from every machine of the account.
            models.Index(
                fields=["account", "machine_type", "serial_number"],
                name="equipment_account_listed",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "serial_number"], name="equipment_unique_serial"
            )
        ]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return f"{self.machine_type} {self.serial_number}"

    def in_warranty(self, today: date) -> bool:
        return self.warranty_end is not None and self.warranty_end >= today

    def covered_until(self, today: date) -> date | None:
        """The last day a contract covering the machine runs, when it covers it today."""
        contract = self.contract
        if contract is None or contract.status not in (S.ACTIVE, S.TERMINATING):
            return None
        end = contract.end_date or contract.renewal_date
        if end is not None and end < today:
            return None
        return end


# Signature requests ----------------------------------------------------------------------


class SignatureRequestQuerySet(TenantQuerySet["SignatureRequest"]):
    tenant_path = "contract__account"


def _working_path(signature_request: "SignatureRequest", filename: str) -> str:
    return f"contracts/signing/{signature_request.public_id}/{filename}"


def _drawing_path(step: "SignatureStep", filename: str) -> str:
    return f"contracts/signing/{step.request.public_id}/drawing-{step.position}.png"


class SignatureRequest(models.Model):
    """A contract document sent to the customer's approvers and signers, in order;
    or a written notice of termination, signed by the one who gives it."""

    class Purpose(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        NOTICE = "notice", _("Termination notice")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="signature_requests"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.CONTRACT)
    # None for a notice: it is not a version of the contract's document.
    document = models.ForeignKey(
        ContractDocument,
        on_delete=models.PROTECT,
        related_name="signature_requests",
        null=True,
        blank=True,
    )
    # A notice's request, filed to staff once it is signed (notices.py).
    details = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # The document as signed so far: the original, then one revision per signer.
    working_file = models.FileField(
        storage=private_storage, upload_to=_working_path, max_length=300, blank=True
    )
    # A signer has signed but the timestamp authority did not answer: sealed on retry.
    awaiting_timestamp = models.BooleanField(default=False)
    signed_document = models.ForeignKey(
        ContractDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_id = models.BigIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SignatureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_signaturerequest", "Can send contracts for signature")]
        verbose_name = _("signature request")
        verbose_name_plural = _("signature requests")

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_status_display()}"


class SignatureStep(models.Model):
    class Role(models.TextChoices):
        APPROVE = "approve", _("Approver")
        SIGN = "sign", _("Signer")
        COUNTERSIGN = "countersign", _("Signer for the vendor")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        APPROVED = "approved", _("Approved")
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")

    request = models.ForeignKey(SignatureRequest, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="signature_steps"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    acted_at = models.DateTimeField(null=True, blank=True)
    typed_name = models.CharField(_("full name as typed"), max_length=200, blank=True)
    drawing = models.FileField(
        storage=private_storage, upload_to=_drawing_path, max_length=300, blank=True
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    sha256_before = models.CharField(max_length=64, blank=True)
    sha256_after = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "position"], name="sigstep_unique_position")
        ]
        verbose_name = _("signature step")
        verbose_name_plural = _("signature steps")

    def __str__(self) -> str:
        return f"{self.request_id} #{self.position} {self.role} {self.user_id}"
