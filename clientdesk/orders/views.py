"""Thin views of "My orders": parse the request, ask queries.py, render.

Every view reads through the tenancy gate: a user without the ``orders``
grant, or with it only on other accounts, gets 404.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET

from clientdesk.core.paging import CappedPaginator
from clientdesk.orders import exports, queries
from clientdesk.orders.forms import OrderFilterForm
from clientdesk.orders.models import Order
from clientdesk.orders.timeline import timeline

PER_PAGE = 25
# An open order page asks every POLL_SECONDS whether the order changed: a new
# shipment or event shows within two polls, well inside the 10 s promised.
POLL_SECONDS = 5


def _filtered(request) -> tuple[OrderFilterForm, QuerySet[Order] | None]:
    """The filter form and the orders it selects (None while the filters are invalid)."""
    form = OrderFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, queries.orders_matching(request.user, **form.filters())


@login_required
@require_GET
def order_list(request):
    accounts = queries.order_accounts(request.user)
    form, orders = _filtered(request)
    page = CappedPaginator(
        orders if orders is not None else Order.objects.none(), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/order_list.html",
        {
            "form": form,
            "page": page,
            "several_accounts": len(accounts) > 1,
            "accounts": accounts,
            "current_section": "orders",
        },
    )


def _export(request, respond):
    queries.order_accounts(request.user)
    _form, orders = _filtered(request)
    if orders is None:
        # The list shows what is wrong with the filters, next to each field.
        return redirect(f"{reverse('orders:list')}?{request.GET.urlencode()}")
    return respond(orders)


@login_required
@require_GET
def export_csv(request):
    return _export(request, exports.csv_response)


@login_required
@require_GET
def export_xlsx(request):
    return _export(request, exports.xlsx_response)


@login_required
@require_GET
def order_detail(request, public_id):
    order = queries.order_page(request.user, public_id)
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "steps": timeline(order),
            "poll_seconds": POLL_SECONDS,
            "current_section": "orders",
        },
    )


@require_GET
def order_live(request, public_id):
    """The changing part of an order page, polled by htmx.

    The page sends ``since=<version>`` of what it shows; while the order is
    unchanged the answer is 204 No Content, which htmx leaves unswapped (a 304
    would be swapped in as an empty body). Other clients get the standard
    ETag and If-None-Match, answered 304. No login redirect here: a signed-out
    poll gets 404, which htmx does not swap either.
    """
    version = queries.order_version(request.user, public_id)
    if request.GET.get("since") == version:
        response = HttpResponse(status=204)
    else:
        etag = quote_etag(f"{version}-{request.LANGUAGE_CODE}")
        response = get_conditional_response(request, etag=etag) or _live_fragment(
            request, public_id
        )
    # The same URL answers differently once the order changes: no cache may keep an answer.
    response["Cache-Control"] = "private, no-cache"
    return response


def _live_fragment(request, public_id) -> HttpResponse:
    order = queries.order_page(request.user, public_id)
    # Rendered without the request: the fragment needs none of the page's context processors.
    response = HttpResponse(
        render_to_string(
            "orders/_live.html",
            {"order": order, "steps": timeline(order), "announce": "since" in request.GET},
        )
    )
    # The version of what was rendered, which may be newer than the one checked above.
    response["ETag"] = quote_etag(f"{order.version}-{request.LANGUAGE_CODE}")
    return response
