"""Thin views of "My contracts" and "Equipment": parse, ask queries.py, render.

Every view reads through the tenancy gate: a user without ``contracts.view``,
or with it only on other accounts, gets 404.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from clientdesk.contracts import queries
from clientdesk.contracts.forms import ContractFilterForm, EquipmentFilterForm
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core import keyset
from clientdesk.core.paging import CappedPaginator

PER_PAGE = 25


@login_required
@require_GET
def contract_list(request):
    accounts = queries.contract_accounts(request.user)
    form = ContractFilterForm(request.GET)
    contracts = (
        queries.contracts_matching(request.user, **form.filters())
        if form.is_valid()
        else Contract.objects.none()
    )
    # By keyset on the (account, start date, number) index: the last page costs the first's,
    # and the count stops at keyset.COUNT_LIMIT.
    page = keyset.paginate(
        contracts,
        "-start_date",
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        last=request.GET.get("last") == "1",
        size=PER_PAGE,
    )
    cal = queries.calendar()
    rows = [(contract, queries.last_notice_day(contract, cal)) for contract in page.rows]
    return render(
        request,
        "contracts/contract_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "count_limit": keyset.COUNT_LIMIT,
            "several_accounts": len(accounts) > 1,
            "current_section": "contracts",
        },
    )


@login_required
@require_GET
def contract_detail(request, public_id):
    contract = queries.contract_page(request.user, public_id)
    today = timezone.localdate()
    return render(
        request,
        "contracts/contract_detail.html",
        {
            "contract": contract,
            "notice_day": queries.last_notice_day(contract),
            "today": today,
            "current_section": "contracts",
        },
    )


@login_required
@require_GET
def document_download(request, public_id, document_id):
    document = queries.document_for(request.user, public_id, document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type="application/pdf",
    )


def ask_about_url(machine: Equipment) -> str:
    """A maintenance-quote request about this machine, its details filled in."""
    query = {
        "type": "maintenance-quote",
        "serial_number": machine.serial_number,
        "machine": f"{machine.machine_type} {machine.model}".strip(),
    }
    return f"{reverse('support:new')}?{urlencode(query)}"


@login_required
@require_GET
def equipment_list(request):
    accounts = queries.contract_accounts(request.user)
    form = EquipmentFilterForm(request.GET)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = CappedPaginator(queries.equipment_list(request.user, q=q), PER_PAGE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    rows = [(m, m.in_warranty(today), m.covered_until(today)) for m in page.object_list]
    return render(
        request,
        "contracts/equipment_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "several_accounts": len(accounts) > 1,
            "current_section": "equipment",
        },
    )


@login_required
@require_GET
def equipment_detail(request, public_id):
    machine = queries.equipment_page(request.user, public_id)
    today = timezone.localdate()
    return render(
        request,
        "contracts/equipment_detail.html",
        {
            "machine": machine,
            "in_warranty": machine.in_warranty(today),
            "covered_until": machine.covered_until(today),
            "ask_url": ask_about_url(machine),
            "current_section": "equipment",
        },
    )
