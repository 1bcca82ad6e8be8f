"""API tokens and the answers kept for idempotency keys."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from clientdesk.accounts.models import User


class ApiToken(models.Model):
    """A bearer token: ``cdk_<prefix>_<secret>``; only the prefix and a hash are kept.

    A vendor token is the ERP's; ``user`` is the vendor admin who created it, and it
    stops working when they no longer could create it. A customer token acts for
    ``user`` and sees what the tenancy gate gives that user, at each call.
    """

    class Kind(models.TextChoices):
        VENDOR = "vendor", _("Vendor (ERP)")
        CUSTOMER = "customer", _("Personal")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        permissions = [("manage_vendor_tokens", "Can create and revoke the ERP's API tokens")]

    def __str__(self) -> str:
        return f"{self.name} (cdk_{self.prefix}_…)"

    @property
    def acting_user(self) -> User:
        """The tenancy gate's principal protocol: a customer token sees what its user sees."""
        return self.user

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class IdempotencyKey(models.Model):
    """The first answer to a POST with an ``Idempotency-Key``, replayed for 24 hours."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # the method, path and body, hashed
    status = models.PositiveSmallIntegerField(null=True)  # null while the first call runs
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return self.key
