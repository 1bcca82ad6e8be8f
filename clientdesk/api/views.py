"""Token pages: a customer's own tokens (under the profile) and the ERP's (staff side).

One view serves both: what differs is the kind, the scopes offered and whose tokens
are listed. The plain token is shown once, right after creation, never again.
"""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clientdesk.api import services
from clientdesk.api.forms import TokenForm
from clientdesk.api.models import ApiToken
from clientdesk.api.scopes import CUSTOMER_SCOPES, VENDOR_SCOPES
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form


def _listed(request: HttpRequest, kind: str):
    tokens = ApiToken.objects.filter(kind=kind).select_related("user")
    if kind == ApiToken.Kind.VENDOR:
        return tokens
    return tokens.filter(user__in=[request.user.pk])  # a signed-in user's own


def tokens_page(request: HttpRequest, kind: str, list_url: str) -> HttpResponse:
    scopes = VENDOR_SCOPES if kind == ApiToken.Kind.VENDOR else CUSTOMER_SCOPES
    form = TokenForm(request.POST or None, scopes=scopes)
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expires = datetime.combine(
            data["expires_on"], time(23, 59), timezone.get_current_timezone()
        )
        try:
            made = services.token_create(
                actor=actor_of(request),
                kind=kind,
                name=data["name"],
                scopes=data["scopes"],
                expires_at=expires,
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            form = TokenForm(scopes=scopes)
    context = {
        "kind": kind,
        "form": form,
        "made": made,
        "tokens": _listed(request, kind)[:100],
        "list_url": list_url,
        "current_section": "backoffice" if kind == ApiToken.Kind.VENDOR else "profile",
    }
    return render(request, "api/tokens.html", context)


def revoke(request: HttpRequest, kind: str, public_id, list_url: str) -> HttpResponse:
    token = _listed(request, kind).filter(public_id=public_id).first()
    if token is None:
        raise Http404
    try:
        services.token_revoke(actor=actor_of(request), token=token)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("The token was revoked; calls with it are refused."))
    return redirect(list_url)


@login_required
@require_http_methods(["GET", "POST"])
def my_tokens(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff:
        raise Http404  # staff make the ERP's tokens on the staff side
    return tokens_page(request, ApiToken.Kind.CUSTOMER, "my_api_tokens")


@require_POST
@login_required
def my_token_revoke(request: HttpRequest, public_id) -> HttpResponse:
    return revoke(request, ApiToken.Kind.CUSTOMER, public_id, "my_api_tokens")
