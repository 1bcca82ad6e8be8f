"""A customer's request, its readable number and its lifecycle state."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clientdesk.core.tenancy import TenantQuerySet
from clientdesk.support.models.catalogue import Queue, RequestType


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("request status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("request status", "In progress")
    WAITING = "waiting", pgettext_lazy("request status", "Waiting on customer")
    RESOLVED = "resolved", pgettext_lazy("request status", "Resolved")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("request status", "Cancelled")


# What the customer reads where the staff's word would read oddly to them.
CUSTOMER_LABELS = {
    Status.WAITING: pgettext_lazy("request status, to the customer", "Waiting for your reply"),
}


def customer_label(status: str) -> str:
    """A status as the customer reads it: staff keep the labels of Status."""
    return str(CUSTOMER_LABELS.get(Status(status), Status(status).label))


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)
FINISHED_STATUSES = (Status.RESOLVED, Status.CLOSED, Status.CANCELLED)


class RequestCounter(models.Model):
    """The last number given in a year: one row per year, locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class SupportRequestQuerySet(TenantQuerySet["SupportRequest"]):
    tenant_path = "account"

    def open(self) -> "SupportRequestQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class SupportRequest(models.Model):
    """What a customer asked, of which account, and where it stands."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    account = models.ForeignKey(
        "accounts.CustomerAccount",
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name=_("customer account"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="support_requests",
        verbose_name=_("requester"),
    )
    type = models.ForeignKey(
        RequestType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    queue = models.ForeignKey(
        Queue, on_delete=models.PROTECT, related_name="requests", verbose_name=_("queue")
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    # The fields a request kind adds to the form, by field name (see types.py).
    details = models.JSONField(_("details"), default=dict, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="ro")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
    )
    # Optimistic concurrency: every change bumps it; a staff save names the
    # version it was made from and is refused if another change came first.
    version = models.PositiveIntegerField(default=1)
    # Set by the service, so that the targets count from the very moment stored.
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("satisfaction comment"), blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["account", "-created_at"]),
            # The dashboard's "waiting for your reply" count and the list's status filter.
            models.Index(fields=["account", "status"], name="support_request_account_status"),
            models.Index(fields=["queue", "status", "-created_at"]),
            # The staff queue of open requests, most urgent first (support/staff/queries.py).
            models.Index(
                fields=["resolution_due", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="support_request_open_due",
            ),
        ]
        verbose_name = _("request")
        verbose_name_plural = _("requests")

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def customer_status(self) -> str:
        return customer_label(self.status)

    @property
    def status_badge(self) -> str:
        """The portal's badge modifier for the status."""
        return {
            Status.NEW: "info",
            Status.IN_PROGRESS: "info",
            Status.WAITING: "warning",
            Status.RESOLVED: "success",
            Status.CLOSED: "neutral",
            Status.CANCELLED: "neutral",
        }[Status(self.status)]
