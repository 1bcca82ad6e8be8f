"""Every write of orders and shipments: what the ERP pushes (through the API, a CSV
import or the demo data), one use case per function, atomic, idempotent by the
ERP's identifiers.

Each write bumps the order's ``updated_at``: that is how an open order page
learns, on its next poll, that it has something new to show. Each records its
event with its actor (the ERP's token, a command, the demo), for the history and
the webhooks; a refusal is a ServiceError with an OrderError code.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core import configuration, events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.upsert import Outcome, Upserted, claim
from clientdesk.orders.errors import OrderError
from clientdesk.orders.events import CarrierEvent, OrderEvent
from clientdesk.orders.models import (
    Carrier,
    Order,
    OrderLine,
    OrderStatusChange,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
)


@dataclass(frozen=True)
class LineData:
    position: int
    product_code: str
    description: str
    quantity: int
    unit_price: Decimal
    expected_on: date | None = None


# The shipment status that the newest event of each kind implies.
EVENT_SHIPMENT_STATUS = {
    ShipmentEvent.Kind.PICKED_UP: Shipment.Status.IN_TRANSIT,
    ShipmentEvent.Kind.IN_TRANSIT: Shipment.Status.IN_TRANSIT,
    ShipmentEvent.Kind.AT_HUB: Shipment.Status.IN_TRANSIT,
    ShipmentEvent.Kind.CUSTOMS: Shipment.Status.IN_TRANSIT,
    ShipmentEvent.Kind.OUT_FOR_DELIVERY: Shipment.Status.OUT_FOR_DELIVERY,
    ShipmentEvent.Kind.DELIVERED: Shipment.Status.DELIVERED,
    ShipmentEvent.Kind.FAILED_ATTEMPT: Shipment.Status.EXCEPTION,
    ShipmentEvent.Kind.RETURNED: Shipment.Status.RETURNED,
}


def _touch(order_id: int) -> None:
    Order.objects.filter(pk=order_id).update(updated_at=timezone.now())


def _order_state(order: Order) -> tuple:
    """What the ERP says of an order, to tell a real change from a retry of the same data."""
    if order.pk is None:
        return ()
    lines = order.lines.order_by("position").values_list(
        "position", "product_code", "description", "quantity", "unit_price", "expected_on"
    )
    fields = ("number", "po_number", "status", "ordered_on", "expected_on", "currency")
    return (*(getattr(order, name) for name in fields), order.delivery_address, *lines)


def _shipment_state(shipment: Shipment) -> tuple:
    if shipment.pk is None:
        return ()
    items = shipment.items.order_by("line__position").values_list("line__position", "quantity")
    fields = ("carrier_id", "carrier_name", "tracking_number", "status", "shipped_at")
    return (*(getattr(shipment, name) for name in fields), shipment.delivered_at, *items)


def _full_clean(row) -> None:
    """The model's own field checks, as a refusal naming the first field at fault."""
    try:
        row.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            CommonError.INVALID, field=None if field == "__all__" else field, message=messages[0]
        ) from None


@transaction.atomic
def order_upsert(
    *,
    actor: Actor,
    account: CustomerAccount,
    external_id: str,
    number: str,
    ordered_on: date,
    status: str,
    lines: Sequence[LineData],
    po_number: str = "",
    currency: str = "RON",
    expected_on: date | None = None,
    delivery_address: str = "",
    at: datetime | None = None,
) -> Upserted[Order]:
    """Create or update the order the ERP knows as ``external_id``, with all its lines.

    A change of status is recorded in the timeline at ``at`` (default: now).
    """
    _check_lines(lines)
    claim(Order, external_id)
    order = Order.objects.select_for_update().filter(external_id=external_id).first()
    if order is None:
        order = Order(external_id=external_id, account=account)
    elif order.account_id != account.pk:
        raise ServiceError(OrderError.OTHER_ACCOUNT, field="account")
    previous_status = order.status if order.pk else None
    before = _order_state(order)
    order.number = number
    order.po_number = po_number
    order.status = status
    order.ordered_on = ordered_on
    order.expected_on = expected_on
    order.currency = currency
    order.delivery_address = delivery_address
    order.total = sum((line.quantity * line.unit_price for line in lines), Decimal("0.00"))
    _full_clean(order)
    order.save()

    for line in lines:
        OrderLine.objects.update_or_create(
            order=order,
            position=line.position,
            defaults={
                "product_code": line.product_code,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "expected_on": line.expected_on,
            },
        )
    order.lines.exclude(position__in=[line.position for line in lines]).delete()
    if status != previous_status:
        OrderStatusChange.objects.create(
            order=order, status=status, occurred_at=at or timezone.now()
        )
    if _order_state(order) == before:
        return Upserted(order, Outcome.UNCHANGED)  # the same data again (an ERP retry)
    events.record(
        OrderEvent.UPSERTED,
        actor=actor,
        account=account,
        subject=order,
        data={
            "external_id": external_id,
            "number": number,
            "status": status,
            "created": previous_status is None,
        },
    )
    return Upserted(order, Outcome.CREATED if previous_status is None else Outcome.UPDATED)


def _check_lines(lines: Sequence[LineData]) -> None:
    if not lines:
        raise ServiceError(OrderError.NO_LINES, field="lines")
    positions = [line.position for line in lines]
    if len(set(positions)) != len(positions):
        raise ServiceError(OrderError.SAME_POSITION, field="lines")
    for line in lines:
        if line.quantity < 1 or line.unit_price < 0:
            raise ServiceError(
                OrderError.BAD_LINE, field="lines", params={"position": line.position}
            )


@transaction.atomic
def order_status_set(
    *, actor: Actor, order: Order, status: str, at: datetime | None = None
) -> Order:
    """Move the order to ``status`` and record the step; nothing happens if it is already there."""
    if status not in Order.Status.values:
        raise ServiceError(OrderError.UNKNOWN_STATUS, field="status", params={"status": status})
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != status:
        previous = order.status
        order.status = status
        order.save(update_fields=["status", "updated_at"])
        OrderStatusChange.objects.create(
            order=order, status=status, occurred_at=at or timezone.now()
        )
        events.record(
            OrderEvent.STATUS,
            actor=actor,
            account=order.account_id,
            subject=order,
            data={"from": previous, "to": status},
        )
    return order


@transaction.atomic
def shipment_upsert(
    *,
    actor: Actor,
    order: Order,
    external_id: str,
    carrier_code: str = "",
    carrier_name: str = "",
    tracking_number: str = "",
    status: str = Shipment.Status.PREPARING,
    shipped_at: datetime | None = None,
    delivered_at: datetime | None = None,
    items: Mapping[int, int],
) -> Upserted[Shipment]:
    """Create or update a shipment; ``items`` maps order line positions to quantities.

    A carrier code that the registry does not know is kept as a name, so the
    tracking number still shows (without a link).
    """
    # Lock the order first: concurrent shipments of one order must not over-ship a line.
    order = Order.objects.select_for_update().get(pk=order.pk)
    claim(Shipment, external_id)
    shipment = Shipment.objects.filter(external_id=external_id).first()
    if shipment is None:
        shipment = Shipment(external_id=external_id, order=order)
    elif shipment.order_id != order.pk:
        raise ServiceError(OrderError.OTHER_ORDER, field="order")
    before = _shipment_state(shipment)
    outcome = Outcome.CREATED if shipment.pk is None else Outcome.UPDATED
    carrier = Carrier.objects.filter(code__iexact=carrier_code).first() if carrier_code else None
    shipment.carrier = carrier
    shipment.carrier_name = carrier.name if carrier else (carrier_name or carrier_code)
    shipment.tracking_number = tracking_number.strip()
    shipment.status = status
    shipment.shipped_at = shipped_at
    shipment.delivered_at = delivered_at
    _full_clean(shipment)
    shipment.save()
    _set_items(shipment, order, items)
    if _shipment_state(shipment) == before:
        return Upserted(shipment, Outcome.UNCHANGED)  # the same data again (an ERP retry)
    recount_lines(order.pk)
    _touch(order.pk)
    events.record(
        OrderEvent.SHIPMENT_UPSERTED,
        actor=actor,
        account=order.account_id,
        subject=order,
        data={"shipment": external_id, "status": status, "tracking_number": tracking_number},
    )
    return Upserted(shipment, outcome)


def recount_lines(order_id: int) -> None:
    """Keep the order's lines' shipped and delivered quantities (one UPDATE).

    Called with the order locked, after its shipments' items or statuses changed.
    """
    OrderLine.objects.filter(order_id=order_id).update(
        shipped=_carried(Q()),
        delivered=_carried(Q(shipment__status=Shipment.Status.DELIVERED)),
    )


def _carried(which: Q) -> Coalesce:
    """The quantity of a line in its shipments that pass ``which``."""
    items = ShipmentLine.objects.filter(which, line=OuterRef("pk")).values("line")
    return Coalesce(Subquery(items.annotate(total=Sum("quantity")).values("total")), 0)


def _set_items(shipment: Shipment, order: Order, items: Mapping[int, int]) -> None:
    lines = {line.position: line for line in order.lines.all()}
    unknown = sorted(set(items) - set(lines))
    if unknown:
        raise ServiceError(OrderError.NO_SUCH_LINE, field="items", params={"position": unknown[0]})
    shipped_elsewhere = dict(
        ShipmentLine.objects.filter(line__order=order)
        .exclude(shipment=shipment)
        .values("line__position")
        .annotate(total=Sum("quantity"))
        .values_list("line__position", "total")
    )
    for position, quantity in items.items():
        if quantity < 1 or quantity + shipped_elsewhere.get(position, 0) > lines[position].quantity:
            raise ServiceError(
                OrderError.OVERSHIPPED,
                field="items",
                params={"position": position, "quantity": quantity},
            )
    shipment.items.exclude(line__position__in=list(items)).delete()
    for position, quantity in items.items():
        ShipmentLine.objects.update_or_create(
            shipment=shipment, line=lines[position], defaults={"quantity": quantity}
        )


@transaction.atomic
def shipment_event_add(
    *,
    actor: Actor,
    shipment: Shipment,
    kind: str,
    occurred_at: datetime,
    place: str = "",
    description: str = "",
    description_ro: str = "",
    description_en: str = "",
    external_id: str | None = None,
) -> Upserted[ShipmentEvent]:
    """Record a tracking event; the same ``external_id`` twice records it once.

    ``description`` is the carrier's text as received; ``description_ro`` and
    ``description_en`` the same in each portal language, when the ERP has them.

    The newest event sets the shipment's status (a delivered parcel is delivered).
    """
    if external_id:
        existing = ShipmentEvent.objects.filter(external_id=external_id).first()
        if existing is not None:
            if existing.shipment_id != shipment.pk:
                raise ServiceError(OrderError.EVENT_OTHER_SHIPMENT, field="external_id")
            return Upserted(existing, Outcome.UNCHANGED)
    # The order first, as shipment_upsert locks it: two shipments of one order delivered at
    # once recount its lines one after the other, each seeing the other's status.
    Order.objects.select_for_update().only("pk").get(pk=shipment.order_id)
    shipment = (
        Shipment.objects.select_for_update(of=("self",)).select_related("order").get(pk=shipment.pk)
    )
    event = ShipmentEvent(
        shipment=shipment,
        kind=kind,
        occurred_at=occurred_at,
        place=place,
        description=description,
        description_ro=description_ro,
        description_en=description_en,
        external_id=external_id or None,
    )
    _full_clean(event)
    event.save()
    newer = shipment.events.filter(occurred_at__gt=occurred_at).exists()
    if not newer and kind in EVENT_SHIPMENT_STATUS:
        shipment.status = EVENT_SHIPMENT_STATUS[ShipmentEvent.Kind(kind)]
        if kind == ShipmentEvent.Kind.DELIVERED:
            shipment.delivered_at = occurred_at
        if kind == ShipmentEvent.Kind.PICKED_UP and shipment.shipped_at is None:
            shipment.shipped_at = occurred_at
        shipment.save(update_fields=["status", "delivered_at", "shipped_at"])
        recount_lines(shipment.order_id)
    _touch(shipment.order_id)
    events.record(
        OrderEvent.TRACKED,
        actor=actor,
        account=shipment.order.account_id,
        subject=shipment.order,
        data={"shipment": shipment.external_id, "kind": kind, "place": place},
    )
    return Upserted(event, Outcome.CREATED)


# The carrier registry, edited by the vendor admin; a carrier's code is how the ERP names
# it in shipments, so it is set once, when the carrier is added.


@transaction.atomic
def carrier_create(*, actor: Actor, values: Mapping[str, Any]) -> Carrier:
    carrier = Carrier()
    diff = configuration.apply(carrier, values)
    configuration.validate(carrier)
    carrier.save()
    events.record(CarrierEvent.CREATED, actor=actor, subject=carrier, data={"changed": diff})
    return carrier


@transaction.atomic
def carrier_update(*, actor: Actor, carrier: Carrier, values: Mapping[str, Any]) -> Carrier:
    locked = Carrier.objects.select_for_update().get(pk=carrier.pk)
    diff = configuration.apply(locked, values, fixed=("code",))
    configuration.validate(locked)
    if diff:
        locked.save()
        events.record(CarrierEvent.CHANGED, actor=actor, subject=locked, data={"changed": diff})
    return locked
