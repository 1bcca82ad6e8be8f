"""The vendor admin's carrier registry: the list, a new carrier, a carrier's page."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.core.actors import actor_of
from clientdesk.core.staff.access import staff_with
from clientdesk.core.staff.editing import saved
from clientdesk.orders import services
from clientdesk.orders.models import Carrier
from clientdesk.orders.staff.forms import CarrierForm

SECTION = {"current_section": "backoffice"}
carriers_admin = staff_with("orders.change_carrier")
SAMPLE_NUMBER = "1Z999AA10123456784"


@carriers_admin
@require_GET
def carrier_list(request):
    carriers = Carrier.objects.order_by("name")
    return render(request, "orders/staff/carrier_list.html", {"carriers": carriers, **SECTION})


def _carrier_page(request, form, carrier=None):
    return render(
        request,
        "orders/staff/carrier_form.html",
        {
            "form": form,
            "carrier": carrier,
            "example": carrier.tracking_url(SAMPLE_NUMBER) if carrier else None,
            **SECTION,
        },
    )


@carriers_admin
@require_http_methods(["GET", "POST"])
def carrier_create(request):
    form = CarrierForm(request.POST or None)

    def save(values):
        return services.carrier_create(actor=actor_of(request), values=values)

    if saved(request, form, save, done=_("The carrier was added.")):
        return redirect("carriers_staff:list")
    return _carrier_page(request, form)


@carriers_admin
@require_http_methods(["GET", "POST"])
def carrier_edit(request, pk):
    carrier = get_object_or_404(Carrier, pk=pk)
    form = CarrierForm(request.POST or None, instance=carrier)

    def save(values):
        return services.carrier_update(actor=actor_of(request), carrier=carrier, values=values)

    if saved(request, form, save, done=_("The carrier was saved.")):
        return redirect("carriers_staff:list")
    # The heading and the example link show the carrier as saved.
    return _carrier_page(request, form, Carrier.objects.get(pk=pk))
