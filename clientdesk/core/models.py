import time
import zoneinfo
from datetime import time as clock_time
from typing import ClassVar

from django.conf import settings
from django.core.cache import cache
from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

_hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))
TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class VendorConfig(models.Model):
    """The vendor's configuration: one row, edited in the back office."""

    CACHE_KEY = "vendor-config"
    # Every page shows it: each process keeps it for a few seconds, so that a page
    # does not read it from the cache (twice: the layout and the business hours).
    # A change reaches the other processes within these seconds.
    LOCAL_SECONDS = 5.0
    _local: ClassVar[tuple[float, "VendorConfig"] | None] = None

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
    hours_open = models.TimeField(_("support opens at"), default=clock_time(9, 0))
    hours_close = models.TimeField(_("support closes at"), default=clock_time(17, 30))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Bucharest"
    )
    holidays_country = CountryField(_("country of public holidays"), default="RO")
    address = models.TextField(_("registered address"), blank=True)
    postal_address = models.TextField(_("postal address for written notices"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Pending signatures: the first reminder so many days after sending, then every so
    # many days, at most so many (contracts/reminders.py).
    reminder_first_days = models.PositiveSmallIntegerField(
        _("first signature reminder after (days)"), default=5
    )
    reminder_every_days = models.PositiveSmallIntegerField(
        _("then a reminder every (days)"), default=2, validators=[MinValueValidator(1)]
    )
    reminder_max = models.PositiveSmallIntegerField(_("at most so many reminders"), default=5)
    contract_alert_days = models.PositiveSmallIntegerField(
        _("alert contract holders so many days before notice or end"), default=30
    )

    class Meta:
        verbose_name = _("vendor configuration")
        verbose_name_plural = _("vendor configuration")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        VendorConfig.invalidate()

    @classmethod
    def get(cls) -> "VendorConfig":
        """The configuration: this process's copy, else the cache's, else the row."""
        now = time.monotonic()
        local = cls._local
        if local is not None and now - local[0] < cls.LOCAL_SECONDS:
            return local[1]
        config = cache.get(cls.CACHE_KEY)
        if config is None:
            config, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, config, 300)
        VendorConfig._local = (now, config)
        return config

    @classmethod
    def kept(cls) -> "VendorConfig | None":
        """The configuration if this process or the cache holds it, without reading the row
        (for the error page, which must render with the database down)."""
        local = cls._local
        if local is not None:
            return local[1]
        return cache.get(cls.CACHE_KEY)

    @classmethod
    def invalidate(cls) -> None:
        """Drop the cached copies: this process's and the shared cache's."""
        cache.delete(cls.CACHE_KEY)
        cls.forget()

    @classmethod
    def forget(cls) -> None:
        """Read the configuration afresh next time (after a change; between tests)."""
        VendorConfig._local = None


class EventQuerySet(models.QuerySet["Event"]):
    def about(self, subject: models.Model) -> "EventQuerySet":
        """What happened to one object (a request's history, an account's trail)."""
        return self.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))

    def audited(self) -> "EventQuerySet":
        """The audit log: the security-relevant events, in the order of their chain."""
        return self.filter(audit_seq__isnull=False).order_by("audit_seq")


class Event(models.Model):
    """One thing that happened, by whom, to what: written in the transaction of the change.

    A request's history, the audit log and the webhooks read these rows
    (see core/events.py). The references to the actor and the account are kept
    as they were (no constraint, nothing nulled), so that a row never changes
    after it is written, which the audit chain's hashes rely on.
    """

    kind = models.CharField(max_length=64, db_index=True)
    actor_kind = models.CharField(max_length=8)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_token_id = models.PositiveBigIntegerField(null=True)
    actor_name = models.CharField(max_length=200, blank=True)
    account = models.ForeignKey(
        "accounts.CustomerAccount",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict)
    ip = models.GenericIPAddressField(null=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Security-relevant events form a hash chain: the n-th carries the hash of itself
    # and of the (n-1)-th (core/chain.py).
    audit_seq = models.PositiveBigIntegerField(null=True, unique=True)
    audit_hash = models.CharField(max_length=64, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"


class AuditChain(models.Model):
    """The head of the audit chain: one row, locked while an audited event is added."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.last_seq}: {self.last_hash[:12]}"


SECRET_REMOVED = _("[link removed after sending]")


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
    # A one-time link (password reset, verification, invitation) is marked when the message
    # is queued, with the exact strings that grant access: staff never read them, and the
    # worker removes them from the stored copy once the message is sent.
    holds_secret = models.BooleanField(default=False)
    secrets = models.JSONField(default=list, blank=True)
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

    @property
    def readable_by_staff(self) -> bool:
        """Staff may read the body unless it still carries a one-time link."""
        return not self.holds_secret or (self.status == self.Status.SENT and not self.secrets)

    def remove_secrets(self) -> None:
        """Replace each one-time link in the stored copy, as it is written in text and HTML."""
        placeholder = str(SECRET_REMOVED)
        for secret in self.secrets:
            for written in {secret, escape(secret)}:
                self.subject = self.subject.replace(written, placeholder)
                self.body_text = self.body_text.replace(written, placeholder)
                self.body_html = self.body_html.replace(written, placeholder)
        self.secrets = []


class StaffMailOptOut(models.Model):
    """A staff member who does not want one kind of staff e-mail (core/staff_mail.py).

    Every kind is on until its member switches it off, so a new colleague hears of new
    work without setting anything; a row is a "no".
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_mail_opt_outs"
    )
    topic = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="staff_mail_opt_out_once")
        ]
        verbose_name = _("staff e-mail switched off")
        verbose_name_plural = _("staff e-mails switched off")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.topic}"


class Counter(models.Model):
    """One window of one rate limit, when there is no Redis (core/counters.py)."""

    key = models.CharField(max_length=200, primary_key=True)
    value = models.PositiveIntegerField()
    expires = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class LimitsCacheEntry(models.Model):
    """The table of the ``limits`` cache without Redis, where allauth's rate limits are (the
    columns Django's createcachetable makes): a model, so that ``migrate`` creates it and
    tests empty it like any other table."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "clientdesk_limits"

    def __str__(self) -> str:
        return self.cache_key
