from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from clientdesk.billing.templatetags.billing import grouped
from clientdesk.core.rows import (
    UUID_SAMPLE,
    cell_labels,
    choice_labels,
    customer_cells,
    short_dates,
    table_rows,
    urls_of,
)
from clientdesk.orders.models import Order

register = template.Library()

# A row of an order list: number (linked), PO, the customer (staff, or a user of several
# accounts), order date, status, expected delivery and total, each cell labelled for the
# stacked layout of a phone. Every value is escaped.
ORDER_ROW = (
    '<tr><th scope="row" data-label="{l_order}"><a href="{url}">{number}</a></th>'
    '<td data-label="{l_customer_po}">{po_number}</td>{customer}'
    '<td data-label="{l_ordered_on}">{ordered_on}</td>'
    '<td data-label="{l_status}"><span class="badge badge--{badge}">{status}</span></td>'
    '<td data-label="{l_expected_delivery}">{expected_on}</td>'
    '<td data-label="{l_total}" class="num">{total} {currency}</td></tr>'
)
_LABELS = {
    "l_order": _("Order"), "l_customer_po": _("Customer PO"), "l_ordered_on": _("Ordered on"),
    "l_status": _("Status"), "l_expected_delivery": _("Expected delivery"), "l_total": _("Total"),
}  # fmt: skip


@register.simple_tag
def order_rows(orders: Iterable[Order], several_accounts: bool, staff: bool) -> SafeString:
    """The rows of the customer's list, or with ``staff`` every customer's, built here rather
    than by the template: 25 rows of seven cells were about a quarter of the page's CPU."""
    labels = cell_labels(_LABELS)
    l_customer = escape(str(_("Customer")))
    url_of = urls_of("orders_staff:detail" if staff else "orders:detail", UUID_SAMPLE)
    day = short_dates()
    customer_cell = customer_cells(several_accounts)
    status_of = choice_labels(Order.Status)

    def customer(order: Order) -> str:
        if not staff:
            return customer_cell(order.account)
        # Staff tell customers apart by their number too.
        name = escape(order.account.name)
        number = escape(order.account.number)
        return (
            f'<td data-label="{l_customer}"><span>{name} '
            f'<span class="muted nowrap">{number}</span></span></td>'
        )

    def row_html(order: Order) -> str:
        return ORDER_ROW.format(
            url=url_of(order.public_id),
            number=escape(order.number),
            po_number=escape(order.po_number or "—"),
            customer=customer(order),
            ordered_on=day(order.ordered_on),
            badge=order.badge,
            status=status_of(order.status),
            expected_on="—" if order.is_closed else day(order.expected_on),
            total=escape(grouped(order.total)),
            currency=escape(order.currency),
            **labels,
        )

    return table_rows(row_html(order) for order in orders)
