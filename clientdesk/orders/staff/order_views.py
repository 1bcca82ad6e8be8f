"""Every customer's orders and shipments, read-only, for the support agents answering
"where is my delivery?": the list with its search, one order's page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.core.paging import keyset_page
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
    page = keyset_page(request, queries.staff_orders_matching(**form.filters()), limit=PAGE_SIZE)
    return render(
        request,
        "orders/staff/order_list.html",
        {"form": form, **page, **SECTION},
    )


@order_reader
@require_GET
def order_detail(request, public_id):
    order = queries.staff_order_page(public_id)
    return render(request, "orders/staff/order_detail.html", {"order": order, **SECTION})
