"""What happens to orders and deliveries: what the ERP pushes, and what customers then see."""

from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class OrderEvent(EventKind):
    UPSERTED = "order.upserted", _("Order received or updated")
    STATUS = "order.status", _("Order status changed")
    SHIPMENT_UPSERTED = "shipment.upserted", _("Shipment received or updated")
    TRACKED = "shipment.tracked", _("Tracking event recorded")


class CarrierEvent(EventKind):
    """The vendor admin changed the carrier registry: audited."""

    CREATED = "carrier.created", _("Carrier added")
    CHANGED = "carrier.changed", _("Carrier changed")
