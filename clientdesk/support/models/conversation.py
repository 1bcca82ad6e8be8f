"""What was said on a request and the files sent with it (what happened: support/events.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.core.tenancy import TenantQuerySet
from clientdesk.support.models.requests import SupportRequest
from clientdesk.support.storage import private_storage


class MessageQuerySet(models.QuerySet["Message"]):
    def public(self) -> "MessageQuerySet":
        return self.filter(internal=False)


class Message(models.Model):
    """A reply on a request, or a staff-only internal note (``internal``)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_staff = models.BooleanField(default=False)
    internal = models.BooleanField(_("internal note"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # A customer never writes an internal note.
            models.CheckConstraint(
                condition=Q(internal=False) | Q(from_staff=True), name="note_is_from_staff"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.number} #{self.pk}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name carries no part of the user's file name.
    return f"requests/{instance.created_at:%Y/%m}/{instance.public_id.hex}"


class AttachmentQuerySet(TenantQuerySet["Attachment"]):
    tenant_path = "request__account"

    def public(self) -> "AttachmentQuerySet":
        """Files a customer may see: those of the request itself and of public replies."""
        return self.filter(Q(message__isnull=True) | Q(message__internal=False))


class Attachment(models.Model):
    """A file sent with a request or a message, stored outside the public media path."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A default, not auto_now_add: the storage path is made from it before the row is saved.
    created_at = models.DateTimeField(default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
