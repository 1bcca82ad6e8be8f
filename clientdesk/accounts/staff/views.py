from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.accounts import services
from clientdesk.accounts.forms import AccessDecisionForm
from clientdesk.accounts.models import AccessRequest
from clientdesk.core import grants as G
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.paging import CappedPaginator

PAGE_SIZE = 25


@staff_member_required
@permission_required("accounts.view_accessrequest", raise_exception=True)
@require_GET
def access_queue(request):
    status = request.GET.get("status", AccessRequest.Status.PENDING)
    if status not in AccessRequest.Status.values:
        status = AccessRequest.Status.PENDING
    queryset = (
        AccessRequest.objects.filter(status=status)
        .select_related("user", "account", "decided_by")
        .order_by("created_at" if status == AccessRequest.Status.PENDING else "-decided_at")
    )
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/access_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": AccessRequest.Status.choices,
            "current_section": "backoffice",
        },
    )


@staff_member_required
@permission_required("accounts.view_accessrequest", raise_exception=True)
@require_http_methods(["GET", "POST"])
def access_detail(request, public_id):
    access = get_object_or_404(
        AccessRequest.objects.select_related("user", "account", "decided_by"), public_id=public_id
    )
    proposed = G.grants_for_areas(access.areas)
    form = AccessDecisionForm(
        request.POST or None, initial={"decision": "grant", "grants": proposed}
    )
    if request.method == "POST":
        if not request.user.has_perm("accounts.decide_accessrequest"):
            form.add_error(None, _("Your role cannot decide access requests."))
        elif form.is_valid():
            try:
                _decide(request, access, form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The decision was saved and the user was notified."))
                return redirect("backoffice:access_queue")
    return render(
        request,
        "backoffice/access_detail.html",
        {
            "access": access,
            "form": form,
            "area_labels": G.AREA_LABELS,
            "current_section": "backoffice",
        },
    )


def _decide(request, access: AccessRequest, data: dict) -> None:
    if data["decision"] == AccessDecisionForm.GRANT:
        services.access_request_grant(
            actor=actor_of(request), access=access, grants=data["grants"], reason=data["reason"]
        )
    else:
        services.access_request_refuse(
            actor=actor_of(request), access=access, reason=data["reason"]
        )
