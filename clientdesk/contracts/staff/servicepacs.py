"""The ServicePac registrations waiting for the contracts representative: confirm or refuse.

The list checks each registration against the inventory (is there a machine
with that serial number, of that type, and a ServicePac with that number?) in
a fixed number of queries, whatever the number of registrations.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clientdesk.contracts import services
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError
from clientdesk.core.paging import CappedPaginator
from clientdesk.support.models import OPEN_STATUSES, SupportRequest

CONFIRM = "contracts.confirm_servicepac"


@dataclass(frozen=True)
class Registration:
    request: SupportRequest
    machine: Equipment | None
    servicepac: Contract | None

    @property
    def type_matches(self) -> bool:
        typed = (self.request.details.get("machine_type") or "").strip().casefold()
        return self.machine is not None and self.machine.machine_type.casefold() == typed


def _waiting():
    return (
        SupportRequest.objects.filter(type__code=services.SERVICEPAC_KIND, status__in=OPEN_STATUSES)
        .select_related("account", "type")
        .order_by("created_at")
    )


def registrations(requests: list[SupportRequest]) -> list[Registration]:
    """Each registration with the machine and the ServicePac it names: two queries for all."""
    accounts = {r.account_id for r in requests}
    machines = {
        (m.account_id, m.serial_number.casefold()): m
        for m in Equipment.objects.filter(account_id__in=accounts).select_related("contract")
    }
    packs = {
        (c.account_id, c.number.casefold()): c
        for c in Contract.objects.filter(account_id__in=accounts, kind=Contract.Kind.SERVICEPAC)
    }

    def key(request, name):
        return (request.account_id, (request.details.get(name) or "").strip().casefold())

    return [
        Registration(
            request=r,
            machine=machines.get(key(r, "serial_number")),
            servicepac=packs.get(key(r, "servicepac_number")),
        )
        for r in requests
    ]


@staff_member_required
@permission_required(CONFIRM, raise_exception=True)
@require_GET
def servicepac_list(request):
    page = CappedPaginator(_waiting(), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "contracts/staff/servicepac_list.html",
        {
            "page": page,
            "registrations": registrations(list(page.object_list)),
            "current_section": "backoffice",
        },
    )


def _decide(request, number, decide):
    support_request = get_object_or_404(_waiting(), number=number)
    try:
        decide(support_request, int(request.POST.get("version") or 0))
    except ServiceError as error:
        messages.error(request, f"{number}: {error.text}")
        return False
    return True


@staff_member_required
@permission_required(CONFIRM, raise_exception=True)
@require_POST
def servicepac_confirm(request, number):
    def confirm(support_request, version):
        services.servicepac_confirm(
            actor=actor_of(request), support_request=support_request, version=version
        )

    if _decide(request, number, confirm):
        messages.success(request, _("%(number)s: the ServicePac is active.") % {"number": number})
    return redirect("contracts_staff:servicepacs")


@staff_member_required
@permission_required(CONFIRM, raise_exception=True)
@require_POST
def servicepac_refuse(request, number):
    def refuse(support_request, version):
        services.servicepac_refuse(
            actor=actor_of(request),
            support_request=support_request,
            version=version,
            reason=request.POST.get("reason", ""),
        )

    if _decide(request, number, refuse):
        messages.success(
            request, _("%(number)s: the registration was refused.") % {"number": number}
        )
    return redirect("contracts_staff:servicepacs")
