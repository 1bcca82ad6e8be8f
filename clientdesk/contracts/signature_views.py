"""The customer's side of a signature request: what waits on them, the document, the steps.

Every view asks the gate first (404 to anyone not taking part with the step's
grant), then, for signing, allauth's re-authentication: a signature is given
only minutes after the password (or second factor) was asked again.
"""

from allauth.account.decorators import reauthentication_required
from csp.decorators import csp_replace
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.contracts import drawing, queries, signatures
from clientdesk.contracts.models import SignatureStep
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form

SECTION = "contracts"


class SignForm(forms.Form):
    typed_name = forms.CharField(label=gettext_lazy("Your full name"), max_length=200)
    # The canvas's PNG as a data URL, set by drawing.js; empty without JavaScript.
    drawing = forms.CharField(required=False, widget=forms.HiddenInput)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you decline?"), max_length=2000, widget=forms.Textarea
    )


def authentication_method(request) -> str:
    """How the user last proved who they are (allauth's record in the session)."""
    records = request.session.get("account_authentication_methods") or []
    if not records:
        return "password"
    last = records[-1]
    return "+".join(str(part) for part in (last.get("method"), last.get("type")) if part)


@login_required
@require_GET
def signature_list(request):
    waiting = queries.signatures_waiting(request.user)
    # The dashboard links its two counts here with ?role=sign and ?role=approve.
    role = request.GET.get("role")
    if role not in (SignatureStep.Role.SIGN, SignatureStep.Role.APPROVE):
        role = None
    shown = [(req, step) for req, step in waiting if role is None or step.role == role]
    return render(
        request,
        "contracts/signature_list.html",
        {
            "waiting": shown,
            "role": role,
            "hidden": len(waiting) - len(shown),
            "current_section": SECTION,
        },
    )


def _context(request, signature_request, **extra):
    step = signatures.current_step(signature_request)
    return {
        "signature_request": signature_request,
        "contract": signature_request.contract,
        "steps": signature_request.steps.select_related("user"),
        "my_turn": step is not None and step.user_id == request.user.pk,
        "step": step,
        "decline_form": DeclineForm(),
        "current_section": SECTION,
        **extra,
    }


@login_required
@require_GET
def signature_detail(request, public_id):
    signature_request = queries.signature_for(request.user, public_id)
    return render(request, "contracts/signature_detail.html", _context(request, signature_request))


@login_required
@require_GET
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]
def signature_pdf(request, public_id):
    """The document as it is now, inline for the page's own frame (same origin only)."""
    signature_request = queries.signature_for(request.user, public_id)
    return FileResponse(
        signature_request.working_file.open("rb"),
        filename=f"{signature_request.contract.number}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def signature_approve(request, public_id):
    signature_request = queries.signature_for(request.user, public_id)
    try:
        signatures.step_approve(actor=actor_of(request), request=signature_request)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("You approved the contract."))
    return redirect("contracts:signature", public_id)


@login_required
@require_http_methods(["GET", "POST"])
def signature_sign(request, public_id):
    signature_request = queries.signature_for(request.user, public_id)  # 404 before anything
    return _sign(request, signature_request)


@reauthentication_required
def _sign(request, signature_request):
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signatures.step_sign(
                actor=actor_of(request),
                request=signature_request,
                typed_name=form.cleaned_data["typed_name"],
                authentication=authentication_method(request),
                drawing=drawing.from_data_url(form.cleaned_data["drawing"]),
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            signature_request.refresh_from_db()
            filed = signature_request.details.get("filed")
            if filed:
                messages.success(
                    request,
                    _("You signed the notice; it is filed with us as request %(number)s.")
                    % {"number": filed},
                )
                return redirect("support:detail", filed)
            if signature_request.awaiting_timestamp:
                messages.warning(
                    request,
                    _(
                        "Your signature is recorded. The timestamp service does not answer "
                        "now: the PDF is sealed as soon as it does, at the same level."
                    ),
                )
            else:
                messages.success(request, _("You signed the contract."))
            return redirect("contracts:signature", signature_request.public_id)
    step = signatures.current_step(signature_request)
    if step is None or step.user_id != request.user.pk or step.role != SignatureStep.Role.SIGN:
        messages.error(request, _("It is not your turn on this document yet."))
        return redirect("contracts:signature", signature_request.public_id)
    return render(
        request,
        "contracts/signature_sign.html",
        _context(request, signature_request, form=form, full_name=request.user.get_full_name()),
    )


@login_required
@require_POST
def signature_decline(request, public_id):
    signature_request = queries.signature_for(request.user, public_id)
    form = DeclineForm(request.POST)
    try:
        signatures.step_decline(
            actor=actor_of(request),
            request=signature_request,
            reason=form.data.get("reason", ""),
        )
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("You declined the contract; we told the others."))
    return redirect("contracts:signature", public_id)
