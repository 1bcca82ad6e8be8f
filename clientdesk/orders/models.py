"""Orders with their lines and status history; shipments with their events; carriers.

Orders and shipments come from the vendor's ERP (see services.py); customers
only read them, through the tenancy gate.
"""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.tenancy import TenantQuerySet

NUMBER_PLACEHOLDER = "{number}"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def validate_tracking_template(value: str) -> None:
    if not value.startswith("https://"):
        raise ValidationError(_("The tracking address must start with https://."))
    if value.count(NUMBER_PLACEHOLDER) != 1:
        raise ValidationError(
            _("Write %(placeholder)s exactly once, where the tracking number goes."),
            params={"placeholder": NUMBER_PLACEHOLDER},
        )
    try:
        URLValidator(schemes=["https"])(value.replace(NUMBER_PLACEHOLDER, "0"))
    except ValidationError as error:
        raise ValidationError(_("This is not a web address; check it.")) from error


class Carrier(models.Model):
    """A carrier of the registry, edited in the back office."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("How the ERP names this carrier in shipments, e.g. dhl or fan-courier."),
    )
    name = models.CharField(_("name"), max_length=100)
    tracking_url_template = models.CharField(
        _("tracking address"),
        max_length=500,
        blank=True,
        validators=[validate_tracking_template],
        help_text=_(
            "The carrier's public tracking page, with {number} where the tracking number goes."
        ),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Tracking numbers of an inactive carrier are shown without a link."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("carrier")
        verbose_name_plural = _("carriers")

    def __str__(self) -> str:
        return self.name

    def tracking_url(self, number: str) -> str | None:
        """The carrier's page for this tracking number, or None when there is no link to give."""
        number = number.strip()
        if not (self.active and self.tracking_url_template and number):
            return None
        # Encode everything, "/" and "?" included: the number must not change the URL's shape.
        return self.tracking_url_template.replace(NUMBER_PLACEHOLDER, quote(number, safe=""))


class OrderQuerySet(TenantQuerySet["Order"]):
    tenant_path = "account"


class Order(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        CONFIRMED = "confirmed", _("Confirmed")
        PROCESSING = "processing", _("Being prepared")
        PARTIALLY_SHIPPED = "partially_shipped", _("Partly shipped")
        SHIPPED = "shipped", _("Shipped")
        PARTIALLY_DELIVERED = "partially_delivered", _("Partly delivered")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    # Shipped in part or whole and not all delivered yet: what the customer waits for.
    ON_THE_WAY = (Status.PARTIALLY_SHIPPED, Status.SHIPPED, Status.PARTIALLY_DELIVERED)
    # The list's status filter for those, besides one per status.
    ON_THE_WAY_FILTER = "on_the_way"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        CustomerAccount, on_delete=models.PROTECT, related_name="orders", verbose_name=_("account")
    )
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    number = models.CharField(_("order number"), max_length=40, unique=True)
    po_number = models.CharField(_("customer PO number"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    ordered_on = models.DateField(_("ordered on"))
    expected_on = models.DateField(_("expected delivery"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, default="RON", validators=[RegexValidator(r"^[A-Z]{3}$")]
    )
    total = models.DecimalField(
        _("total"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    delivery_address = models.TextField(_("delivery address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every write of the order, its shipments or their events: open
    # order pages poll it to know whether they are stale.
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-ordered_on", "-number"]
        indexes = [
            models.Index(fields=["account", "-ordered_on", "-number"]),
            # The list filtered by status: its page read in order, and its count from
            # the index alone (a large customer's shipped orders: 12 ms to well under 1).
            models.Index(fields=["account", "status", "-ordered_on", "-number"]),
        ]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.number

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.Status(self.status)]

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DELIVERED, self.Status.CANCELLED)

    @property
    def version(self) -> str:
        """updated_at as exact microseconds (no float rounding), in hexadecimal."""
        return format((self.updated_at - _EPOCH) // timedelta(microseconds=1), "x")


S = Order.Status
STATUS_BADGES = {
    S.RECEIVED: "neutral",
    S.CONFIRMED: "info",
    S.PROCESSING: "info",
    S.PARTIALLY_SHIPPED: "warning",
    S.SHIPPED: "info",
    S.PARTIALLY_DELIVERED: "warning",
    S.DELIVERED: "success",
    S.CANCELLED: "danger",
}


class OrderStatusChange(models.Model):
    """One step of an order's status timeline."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=Order.Status.choices)
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.order} → {self.status}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("position"))
    product_code = models.CharField(_("product code"), max_length=60)
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=2)
    expected_on = models.DateField(_("expected delivery"), null=True, blank=True)
    # What the line's shipments carry, and of that what was delivered: kept by the
    # shipment services in the same transaction (services.recount_lines), so that the
    # order's page, shown and polled far more often than a shipment changes, sums nothing.
    shipped = models.PositiveIntegerField(_("quantity shipped"), default=0, editable=False)
    delivered = models.PositiveIntegerField(_("quantity delivered"), default=0, editable=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["order", "position"], name="orderline_unique_position")
        ]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.order} #{self.position} {self.product_code}"

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price


class Shipment(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        IN_TRANSIT = "in_transit", _("In transit")
        OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
        DELIVERED = "delivered", _("Delivered")
        EXCEPTION = "exception", _("Delivery problem")
        RETURNED = "returned", _("Returned to sender")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("carrier")
    )
    # The carrier as the ERP named it; shown when it is not in the registry.
    carrier_name = models.CharField(_("carrier name"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")

    def __str__(self) -> str:
        return f"{self.order} · {self.carrier_label} {self.tracking_number}".strip()

    @property
    def carrier_label(self) -> str:
        return self.carrier.name if self.carrier else self.carrier_name

    @property
    def tracking_url(self) -> str | None:
        return self.carrier.tracking_url(self.tracking_number) if self.carrier else None

    @property
    def badge(self) -> str:
        return SHIPMENT_BADGES[self.Status(self.status)]


SHIPMENT_BADGES = {
    Shipment.Status.PREPARING: "neutral",
    Shipment.Status.IN_TRANSIT: "info",
    Shipment.Status.OUT_FOR_DELIVERY: "info",
    Shipment.Status.DELIVERED: "success",
    Shipment.Status.EXCEPTION: "danger",
    Shipment.Status.RETURNED: "danger",
}


class ShipmentLine(models.Model):
    """How many units of an order line a shipment carries."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="items")
    line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="shipment_items")
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shipment", "line"], name="shipmentline_unique_line")
        ]
        verbose_name = _("shipped line")
        verbose_name_plural = _("shipped lines")

    def __str__(self) -> str:
        return f"{self.quantity} x {self.line.product_code}"


class ShipmentEvent(models.Model):
    class Kind(models.TextChoices):
        PICKED_UP = "picked_up", _("Picked up by the carrier")
        IN_TRANSIT = "in_transit", _("In transit")
        AT_HUB = "at_hub", _("Arrived at a sorting hub")
        CUSTOMS = "customs", _("Customs clearance")
        OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
        DELIVERED = "delivered", _("Delivered")
        FAILED_ATTEMPT = "failed_attempt", _("Delivery attempt failed")
        RETURNED = "returned", _("Returned to sender")
        INFO = "info", _("Update")

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    # The carrier's own words as received, in whatever language, and the same text in each
    # portal language when the ERP sends it: a page shows its own language's text.
    description = models.CharField(_("details"), max_length=300, blank=True)
    description_ro = models.CharField(_("details in Romanian"), max_length=300, blank=True)
    description_en = models.CharField(_("details in English"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.place}".strip()

    @property
    def details(self) -> str:
        """The text in the active language, else as received, else in the other language."""
        texts = {"ro": self.description_ro, "en": self.description_en}
        own = texts.pop(translation.get_language() or "ro", "")
        return own or self.description or next((text for text in texts.values() if text), "")
