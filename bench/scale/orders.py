"""Orders with their lines and status timelines, and the shipments of the shipped ones."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from bench.scale.world import World, new_uuid
from clientdesk.orders.demo import EUR_RATE, PRODUCTS
from clientdesk.orders.models import (
    Carrier,
    Order,
    OrderLine,
    OrderStatusChange,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
)

OS = Order.Status
ORDER_PATHS = {
    OS.RECEIVED: [OS.RECEIVED],
    OS.CONFIRMED: [OS.RECEIVED, OS.CONFIRMED],
    OS.PROCESSING: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING],
    OS.PARTIALLY_SHIPPED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.PARTIALLY_SHIPPED],
    OS.SHIPPED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.SHIPPED],
    OS.PARTIALLY_DELIVERED: [
        OS.RECEIVED,
        OS.CONFIRMED,
        OS.PROCESSING,
        OS.PARTIALLY_SHIPPED,
        OS.PARTIALLY_DELIVERED,
    ],
    OS.DELIVERED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.SHIPPED, OS.DELIVERED],
    OS.CANCELLED: [OS.RECEIVED, OS.CONFIRMED, OS.CANCELLED],
}
# Days from one status to the next, at least and at most.
STEP_DAYS = (0.1, 2.5)
SHIPPED_STATUSES = {OS.PARTIALLY_SHIPPED, OS.SHIPPED, OS.PARTIALLY_DELIVERED, OS.DELIVERED}

# Shipments per shipped order (a partial one has sent only its first so far): about 2.1.
SHIPMENTS = (1, 2, 3, 4)
SHIPMENT_WEIGHTS = (25, 40, 25, 10)
# Tracking events are kept for the shipments of the last so many days.
SHIPMENT_DAYS = 120
PARTIAL = {OS.PARTIALLY_SHIPPED, OS.PARTIALLY_DELIVERED}


def generate(world: World) -> None:
    sink, rng = world.sink, world.rng("orders")
    orders = sink.table(
        Order,
        [
            "public_id",
            "account_id",
            "external_id",
            "number",
            "po_number",
            "status",
            "ordered_on",
            "expected_on",
            "currency",
            "total",
            "delivery_address",
            "created_at",
            "updated_at",
        ],
    )
    lines = sink.table(
        OrderLine,
        [
            "order_id",
            "position",
            "product_code",
            "description",
            "quantity",
            "unit_price",
            "expected_on",
            "shipped",
            "delivered",
        ],
    )
    changes = sink.table(OrderStatusChange, ["order_id", "status", "occurred_at"])
    shipments = sink.table(
        Shipment,
        [
            "public_id",
            "order_id",
            "external_id",
            "carrier_id",
            "carrier_name",
            "tracking_number",
            "status",
            "shipped_at",
            "delivered_at",
            "created_at",
        ],
    )
    items = sink.table(ShipmentLine, ["shipment_id", "line_id", "quantity"])
    events = sink.table(
        ShipmentEvent, ["shipment_id", "kind", "occurred_at", "place", "created_at"]
    )
    carriers = list(Carrier.objects.filter(active=True).order_by("code").values_list("pk", "name"))
    products = [(code, text, Decimal(price)) for code, (text, price) in PRODUCTS.items()]
    po_seq = [0] * world.plan.accounts
    now = world.now
    for seq, (ordered_at, i) in enumerate(world.timeline(world.plan.orders, rng), start=1):
        customer = world.customers[i]
        age = (now - ordered_at).total_seconds() / 86_400
        status = _order_status(rng, age)
        times, at = {}, ordered_at
        for step, target in enumerate(ORDER_PATHS[status]):
            if step:
                at = min(at + timedelta(days=rng.uniform(*STEP_DAYS)), now)
            times[target] = at
        ordered_on = timezone.localdate(ordered_at)
        currency = "EUR" if rng.random() < 0.1 else "RON"
        rate = EUR_RATE if currency == "EUR" else Decimal(1)
        rows = []
        for position in range(1, rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0] + 1):
            code, text, price = rng.choice(products)
            quantity = rng.choice((1, 1, 2, 2, 3, 4, 5, 10, 20))
            unit_price = (price / rate).quantize(Decimal("0.01"))
            expected_on = ordered_on + timedelta(days=rng.randint(3, 21))
            rows.append((position, code, text, quantity, unit_price, expected_on))
        po_seq[i] += 1
        number = f"CMD-{ordered_on.year}-{seq:07d}"
        order = orders.add(
            new_uuid(rng),
            customer.pk,
            f"scale:{number}",
            number,
            _po(rng, i, customer.name, po_seq[i], ordered_on.year),
            status,
            ordered_on,
            max(row[5] for row in rows),
            currency,
            sum((row[3] * row[4] for row in rows), Decimal("0.00")),
            customer.address,
            ordered_at,
            at,
        )
        shipping = status in SHIPPED_STATUSES
        planned = sent = 0
        if shipping:
            planned = rng.choices(SHIPMENTS, SHIPMENT_WEIGHTS)[0]
            if status in PARTIAL:
                planned = max(2, planned)
            sent = 1 if status in PARTIAL else planned
        delivered_at = times.get(OS.DELIVERED) or times.get(OS.PARTIALLY_DELIVERED)
        line_ids = []
        for row in rows:
            # What the line's shipments carry (OrderLine.shipped), all delivered or none.
            shipped = sum(_share(row[3], row[0], j, planned) for j in range(sent))
            line_ids.append(lines.add(order, *row, shipped, shipped if delivered_at else 0))
        for target, moment in times.items():
            changes.add(order, target, moment)
        if not shipping:
            continue
        shipped_at = times.get(OS.SHIPPED) or times[OS.PARTIALLY_SHIPPED]
        for j in range(sent):
            shares = [
                (line, _share(row[3], row[0], j, planned))
                for line, row in zip(line_ids, rows, strict=True)
            ]
            shares = [(line, quantity) for line, quantity in shares if quantity]
            if not shares:
                continue
            carrier_id, carrier_name = rng.choice(carriers) if carriers else (None, "Curier")
            left = min(shipped_at + timedelta(hours=j * rng.uniform(0, 12)), now)
            arrived = delivered_at and min(delivered_at + timedelta(hours=j * 6), now)
            shipment = shipments.add(
                new_uuid(rng),
                order,
                f"scale:{number}/{j + 1}",
                carrier_id,
                carrier_name,
                f"{rng.randrange(10**11, 10**12)}",
                Shipment.Status.DELIVERED if arrived else Shipment.Status.IN_TRANSIT,
                left,
                arrived or None,
                left,
            )
            for line, quantity in shares:
                items.add(shipment, line, quantity)
            if age <= SHIPMENT_DAYS:
                _track(events, shipment, left, arrived, customer.city, now)


def _share(quantity: int, position: int, shipment: int, planned: int) -> int:
    """A line's quantity in one of the order's planned shipments: shared out in turn."""
    return quantity // planned + ((shipment - position) % planned < quantity % planned)


def _track(events, shipment: int, left: datetime, arrived, city: str, now: datetime) -> None:
    trip = [
        (ShipmentEvent.Kind.PICKED_UP, left, "București, depozit"),
        (ShipmentEvent.Kind.AT_HUB, min(left + timedelta(hours=8), now), "Hub regional"),
    ]
    if arrived:
        trip.append((ShipmentEvent.Kind.DELIVERED, arrived, city))
    for kind, at, place in trip:
        events.add(shipment, kind, at, place, at)


def _po(rng: random.Random, i: int, name: str, n: int, year: int) -> str:
    """Each customer writes its PO numbers its own way (some write none)."""
    style = i % 4
    if style == 0:
        return f"{name[:3].upper()}-PO-{year}-{n:04d}"
    if style == 1:
        return f"45{i:04d}{n:05d}"
    if style == 2:
        return f"PO/{year}/{n}"
    return "" if rng.random() < 0.5 else f"{n}/{year % 100:02d}"


def _order_status(rng: random.Random, age_days: float) -> Order.Status:
    if rng.random() < 0.04:
        return OS.CANCELLED
    if age_days > 30:
        return OS.DELIVERED
    if age_days > 10:
        return rng.choices((OS.DELIVERED, OS.PARTIALLY_DELIVERED, OS.SHIPPED), (80, 10, 10))[0]
    if age_days > 3:
        choices = (
            OS.PROCESSING,
            OS.PARTIALLY_SHIPPED,
            OS.SHIPPED,
            OS.PARTIALLY_DELIVERED,
            OS.DELIVERED,
        )
        return rng.choices(choices, (15, 15, 30, 10, 30))[0]
    return rng.choices((OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING), (40, 35, 25))[0]
