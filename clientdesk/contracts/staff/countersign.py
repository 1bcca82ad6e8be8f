"""The vendor's countersignatory: the document, then their signature, last of all.

Like a customer's signer: the permission first; signing (the POST) asks for
allauth's re-authentication, then the typed name; signatures.step_countersign
keeps the order (only once every customer signer has signed).
"""

from allauth.account.decorators import reauthentication_required
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.contracts import signatures
from clientdesk.contracts.models import SignatureRequest, SignatureStep
from clientdesk.contracts.signature_views import SignForm, authentication_method
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form

COUNTERSIGN = signatures.COUNTERSIGN_PERMISSION


def _request(public_id) -> SignatureRequest:
    return get_object_or_404(
        SignatureRequest.objects.select_related("contract", "contract__account"),
        public_id=public_id,
        steps__role=SignatureStep.Role.COUNTERSIGN,
    )


@staff_member_required
@permission_required(COUNTERSIGN, raise_exception=True)
@require_http_methods(["GET", "POST"])
def countersign(request, public_id):
    signature_request = _request(public_id)
    if request.method == "POST":
        return _sign(request, signature_request)
    return _page(request, signature_request, SignForm())


@reauthentication_required
def _sign(request, signature_request):
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            signatures.step_countersign(
                actor=actor_of(request),
                request=signature_request,
                typed_name=form.cleaned_data["typed_name"],
                authentication=authentication_method(request),
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("You signed the contract for the vendor."))
            return redirect("contracts_staff:countersign", signature_request.public_id)
    return _page(request, signature_request, form)


def _page(request, signature_request, form):
    step = signatures.current_step(signature_request)
    my_turn = (
        signature_request.status == SignatureRequest.Status.PENDING
        and step is not None
        and step.role == SignatureStep.Role.COUNTERSIGN
        and step.user_id == request.user.pk
    )
    return render(
        request,
        "contracts/staff/countersign.html",
        {
            "signature_request": signature_request,
            "contract": signature_request.contract,
            "steps": signature_request.steps.select_related("user"),
            "my_turn": my_turn,
            "form": form,
            "full_name": request.user.get_full_name(),
            "current_section": "backoffice",
        },
    )


@staff_member_required
@permission_required(COUNTERSIGN, raise_exception=True)
@require_GET
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]
def countersign_pdf(request, public_id):
    signature_request = _request(public_id)
    return FileResponse(
        signature_request.working_file.open("rb"),
        filename=f"{signature_request.contract.number}.pdf",
        content_type="application/pdf",
    )
