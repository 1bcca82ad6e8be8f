import zoneinfo
from datetime import time

from django.conf import settings
from django.core.cache import cache
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

_hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))
TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class VendorConfig(models.Model):
    """The vendor's configuration: one row, edited in the back office."""

    CACHE_KEY = "vendor-config"

    name = models.CharField(_("name"), max_length=120, default="clientdesk")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    tax_id = models.CharField(_("tax identification number"), max_length=20, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="brand/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp", "svg"])],
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#1d4f91", validators=[_hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#e07a1f", validators=[_hex_colour]
    )
    support_phone = models.CharField(_("support phone"), max_length=40, blank=True)
    support_email = models.EmailField(_("support e-mail"), blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    hours_open = models.TimeField(_("support opens at"), default=time(9, 0))
    hours_close = models.TimeField(_("support closes at"), default=time(17, 30))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Bucharest"
    )
    holidays_country = CountryField(_("country of public holidays"), default="RO")
    address = models.TextField(_("registered address"), blank=True)
    postal_address = models.TextField(_("postal address for written notices"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("vendor configuration")
        verbose_name_plural = _("vendor configuration")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def get(cls) -> "VendorConfig":
        """The configuration, from the cache: every page shows it."""
        config = cache.get(cls.CACHE_KEY)
        if config is None:
            config, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, config, 300)
        return config


class AuditEvent(models.Model):
    """A security-relevant action: who did what to what, when and from where."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    account = models.ForeignKey(
        "accounts.CustomerAccount", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    data = models.JSONField(default=dict)
    ip = models.GenericIPAddressField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class OutboundEmail(models.Model):
    """The durable mail queue: a message is stored with its data, then sent by the worker."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    template = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
