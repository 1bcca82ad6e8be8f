"""Filing a request: choose the type, then its form, pre-filled from the profile and account."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.support import queries, services

SECTION = "requests"


def _back(request) -> str:
    """Where Cancel goes: the page the user came from when it is this portal's, else Contact
    us (an address elsewhere in ``next`` would make the portal a redirector)."""
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else reverse("contact")


def _initial(request, kind, accounts) -> dict:
    user = request.user
    initial = {
        "contact_name": user.get_full_name(),
        "contact_email": user.email,
        "contact_phone": user.phone,
        "visit": uuid.uuid4(),
        "subject": request.GET.get("subject", "")[:200],
    }
    # A page elsewhere in the portal may start a request with some details
    # filled in (a machine's serial number, an invoice's number).
    for name in kind.form_class.detail_fields():
        if name in request.GET:
            initial[name] = request.GET[name][:200]
    # The account the page was about, when it is one the user may file for.
    named = request.GET.get("account", "")
    chosen = next((a for a in accounts if str(a.public_id) == named), None)
    if chosen is not None:
        initial["account"] = chosen.pk
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def new_request(request):
    code = request.GET.get("type", "")
    request_type = queries.active_type(code) if code else None
    accounts = queries.accounts_for_requests(request.user)
    if request_type is None or not accounts:
        return render(
            request,
            "support/choose_type.html",
            {
                "current_section": SECTION,
                "request_types": queries.active_types(),
                "unknown_type": bool(code) and request_type is None,
                "has_accounts": bool(accounts),
            },
        )
    kind = request_type.kind
    form = kind.form_class(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        accounts=accounts,
        kind=kind,
        initial=_initial(request, kind, accounts),
    )
    if request.method == "POST" and form.is_valid():
        try:
            support_request = services.request_create(
                actor=actor_of(request), new=form.new_request(request_type)
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your request %(number)s was filed. We sent you a confirmation by e-mail.")
                % {"number": support_request.number},
            )
            return redirect("support:detail", support_request.number)
    return render(
        request,
        "support/new.html",
        {
            "current_section": SECTION,
            "form": form,
            "request_type": request_type,
            "account": accounts[0] if len(accounts) == 1 else None,
            "files_dropped": request.method == "POST" and bool(request.FILES),
            "back": _back(request),
        },
    )
