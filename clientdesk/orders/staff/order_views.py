"""Every customer's orders and shipments, read-only, for the support agents answering
"where is my delivery?": the list with its search, one order's page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.core.paging import cursor, newest_first
from clientdesk.core.staff.access import staff_with
from clientdesk.orders import queries
from clientdesk.orders.staff.forms import StaffOrderFilterForm

PAGE_SIZE = 50
SECTION = {"current_section": "backoffice"}
order_reader = staff_with("orders.view_order")


@order_reader
@require_GET
def order_list(request):
    form = StaffOrderFilterForm(request.GET)
    orders, next_after = newest_first(
        queries.staff_orders_matching(**form.filters()), after=cursor(request), limit=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "orders/staff/order_list.html",
        {
            "form": form,
            "orders": orders,
            "next_after": next_after,
            "paged": cursor(request) is not None,
            "query": query.urlencode(),
            **SECTION,
        },
    )


@order_reader
@require_GET
def order_detail(request, public_id):
    order = queries.staff_order_page(public_id)
    return render(request, "orders/staff/order_detail.html", {"order": order, **SECTION})
