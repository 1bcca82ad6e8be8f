"""What a customer can ask for and who answers: request types and the queues they route to."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _in_language(obj, field: str) -> str:
    english = (get_language() or "ro").startswith("en")
    return getattr(obj, f"{field}_en" if english else f"{field}_ro") or getattr(obj, f"{field}_ro")


class QueueQuerySet(models.QuerySet["Queue"]):
    def worked_by(self, user) -> "QueueQuerySet":
        """The queues a staff member works: named as a member, or through a role group."""
        return self.filter(Q(members=user) | Q(group__in=user.groups.all())).distinct()


class Queue(models.Model):
    """A team's work list; staff reach it through their role group or by being named."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ro = models.CharField(_("name (Romanian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff role that works it"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="support_queues",
        verbose_name=_("staff members who work it"),
        limit_choices_to={"is_staff": True},
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    objects = QueueQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("queue")
        verbose_name_plural = _("queues")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")


class RequestTypeQuerySet(models.QuerySet["RequestType"]):
    def active(self) -> "RequestTypeQuerySet":
        return self.filter(active=True)


class RequestType(models.Model):
    """A kind of request as data. ``code`` may name a kind registered in code
    (clientdesk.support.types) that brings its own form and rules."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ro = models.CharField(_("name (Romanian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    description_ro = models.CharField(_("description (Romanian)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    queue = models.ForeignKey(
        Queue, on_delete=models.PROTECT, related_name="request_types", verbose_name=_("queue")
    )
    first_response_hours = models.DecimalField(
        _("first response target (business hours)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(8),
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    resolution_hours = models.DecimalField(
        _("resolution target (business hours)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(40),
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("days a resolved request may be reopened"), default=14
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    objects = RequestTypeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("request type")
        verbose_name_plural = _("request types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    @property
    def kind(self):
        from clientdesk.support.types import kind_for

        return kind_for(self.code)
