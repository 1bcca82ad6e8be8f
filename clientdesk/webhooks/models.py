"""Outgoing webhooks: the ERP's endpoints, one delivery per endpoint and event, each attempt.

A delivery keeps the exact bytes it sends, so every retry (and the staff page)
shows the same body; only the timestamp and the signature are made per attempt.
"""

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.core.models import Event

# The previous secret still signs for this long after a rotation.
ROTATION_OVERLAP = timedelta(hours=24)


class Endpoint(models.Model):
    class Disabled(models.TextChoices):
        NO = "", _("Enabled")
        BY_ADMIN = "admin", _("Disabled by an admin")
        GONE = "gone", _("Disabled: the receiver answered 410 Gone")
        FAILING = "failing", _("Disabled after three days of failures")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("events"), default=list)
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_reason = models.CharField(max_length=10, choices=Disabled.choices, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    admins_emailed_at = models.DateTimeField(null=True, blank=True)
    # A shared secret, not a password: the portal must read it to sign every delivery.
    secret = models.CharField(max_length=80, editable=False)
    previous_secret = models.CharField(max_length=80, blank=True, editable=False)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    # The failure streak: since when, how many attempts in a row (reset by any 2xx).
    failing_since = models.DateTimeField(null=True, blank=True)
    failures_in_a_row = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("manage_endpoint", _("Can manage webhook endpoints"))]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def secrets_at(self, now: datetime) -> list[str]:
        """The secrets that sign a delivery sent at ``now``: the current one first."""
        secrets = [self.secret]
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            secrets.append(self.previous_secret)
        return secrets


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        HELD = "held", _("Held while the endpoint is disabled")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="+")
    event_type = models.CharField(max_length=40)
    # The same for every attempt, so that a receiver can drop a repeat.
    webhook_id = models.CharField(max_length=40, unique=True)
    body = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # When the worker may next send it; while one is sending, the end of its lease.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["endpoint", "-created_at", "-id"]),
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event_type} {self.webhook_id}"

    @property
    def body_text(self) -> str:
        return bytes(self.body).decode()


class Attempt(models.Model):
    """One POST of a delivery: what was sent (headers), what came back, how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    request_headers = models.JSONField(default=dict)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # The first kilobyte of the answer.
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"
