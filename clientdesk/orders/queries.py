"""Every read of orders that the pages need, through the tenancy gate.

Each function takes the user and reads only what their ``orders`` grant lets
them see; another customer's order does not exist for them (404).
"""

from datetime import date
from typing import TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core import grants as G
from clientdesk.core import trigram
from clientdesk.core.tenancy import accounts_or_404, get_visible_or_404
from clientdesk.orders.models import Order, OrderLine, Shipment, ShipmentLine

OrdersT = TypeVar("OrdersT", bound=QuerySet[Order])


def order_accounts(user) -> list[CustomerAccount]:
    """The accounts whose orders the user may see; 404 when there are none."""
    return accounts_or_404(user, G.ORDERS)


def orders_matching(
    user,
    *,
    q: str = "",
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    po: str = "",
    product: str = "",
) -> QuerySet[Order]:
    """The user's orders that pass the list's filters, newest first.

    The numbers, the PO and the product are found from any part of them through the trigram
    indexes; a search shorter than the index can look up matches a whole value.
    """
    orders = Order.objects.listed_for(user, G.ORDERS).select_related("account")
    if q:
        orders = orders.filter(trigram.contains(q, "number", "po_number"))
    orders = _with_status(orders, status)
    if date_from:
        orders = orders.filter(ordered_on__gte=date_from)
    if date_to:
        orders = orders.filter(ordered_on__lte=date_to)
    if po:
        orders = orders.filter(trigram.contains(po, "po_number"))
    if product:
        # EXISTS rather than a join: an order with two matching lines is listed once.
        lines = OrderLine.objects.filter(order=OuterRef("pk")).filter(
            trigram.contains(product, "product_code", "description")
        )
        orders = orders.filter(Exists(lines))
    return orders.order_by("-ordered_on", "-number")


def _with_everything() -> QuerySet[Order]:
    """Orders with everything an order's page shows, in a fixed number of queries."""
    shipments = Shipment.objects.select_related("carrier").prefetch_related(
        "events",
        Prefetch(
            "items", queryset=ShipmentLine.objects.select_related("line").order_by("line__position")
        ),
    )
    return Order.objects.select_related("account").prefetch_related(
        "lines",
        "status_changes",
        Prefetch("shipments", queryset=shipments),
    )


def order_page(user, public_id) -> Order:
    """One of the user's orders with everything its page shows, or 404."""
    return get_visible_or_404(_with_everything(), user, G.ORDERS, public_id=public_id)


def staff_order_page(public_id) -> Order:
    """Any customer's order with everything its page shows, for staff (see orders/staff)."""
    return get_object_or_404(_with_everything(), public_id=public_id)


def order_named(account: CustomerAccount, number: str) -> Order | None:
    """The account's order a customer named by its number or their PO number (one query)."""
    number = number.strip()
    if not number:
        return None
    named = Order.objects.filter(account=account).filter(Q(number=number) | Q(po_number=number))
    return named.only("public_id").order_by("-pk").first()


def staff_orders_matching(*, q: str = "", status: str = "") -> QuerySet[Order]:
    """Every customer's orders that pass the staff list's filters.

    The numbers match from their start (how people read them out, and what an index
    serves); a customer's name anywhere in it ("Alfa" finds "SC Alfa Industrial SRL").
    """
    orders = Order.objects.select_related("account")
    if q:
        # The customers are read first (one small query) and named: an OR across the join
        # would leave PostgreSQL no index to read, and it would walk every order.
        named = CustomerAccount.objects.filter(Q(number__istartswith=q) | Q(name__icontains=q))
        orders = orders.filter(
            Q(number__istartswith=q)
            | Q(po_number__istartswith=q)
            | Q(account__in=list(named.values_list("pk", flat=True)))
        )
    return _with_status(orders, status)


def _with_status(orders: OrdersT, status: str) -> OrdersT:
    if status == Order.ON_THE_WAY_FILTER:
        return orders.filter(status__in=Order.ON_THE_WAY)
    if status:
        return orders.filter(status=status)
    return orders


def order_version(user, public_id) -> str:
    """The order's version (see Order.version) in one small query, or 404."""
    order = get_visible_or_404(
        Order.objects.only("updated_at"), user, G.ORDERS, public_id=public_id
    )
    return order.version


def order_by_external_id(external_id: str) -> Order:
    """The order the ERP names in a shipment (the vendor sees every customer's orders)."""
    from clientdesk.core.errors import ServiceError
    from clientdesk.orders.errors import OrderError

    order = Order.objects.filter(external_id=external_id).first()
    if order is None:
        raise ServiceError(
            OrderError.UNKNOWN_ORDER, field="order", params={"external_id": external_id}
        )
    return order


def shipment_by_external_id(external_id: str) -> Shipment | None:
    return Shipment.objects.filter(external_id=external_id).first()
