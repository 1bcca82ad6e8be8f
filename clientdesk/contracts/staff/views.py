"""The contracts representative's pages: the contracts, sending one for signature, withdrawing."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.contracts import queries, services, signatures
from clientdesk.contracts.models import Contract, SignatureRequest
from clientdesk.contracts.staff.forms import SendForm
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.paging import keyset_page

SEND = "contracts.send_signaturerequest"
PAGE_SIZE = 50


@staff_member_required
@permission_required(SEND, raise_exception=True)
@require_GET
def contract_list(request):
    q = request.GET.get("q", "").strip()
    page = keyset_page(request, queries.staff_contracts_matching(q), limit=PAGE_SIZE)
    return render(
        request,
        "contracts/staff/contract_list.html",
        {**page, "q": q, "current_section": "backoffice"},
    )


@staff_member_required
@permission_required(SEND, raise_exception=True)
@require_http_methods(["GET", "POST"])
def contract_send(request, public_id):
    contract = get_object_or_404(Contract.objects.select_related("account"), public_id=public_id)
    document = contract.documents.order_by("-number").first()
    form = SendForm(request.POST or None, request.FILES or None, contract=contract)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if document is None and upload is None:
            form.add_error(None, _("The contract has no document to sign yet."))
        else:
            try:
                with transaction.atomic():
                    if upload is not None:
                        document = services.document_add(
                            actor=actor_of(request),
                            contract=contract,
                            name=upload.name,
                            content=upload.read(),
                        ).obj
                    assert document is not None
                    signatures.request_send(
                        actor=actor_of(request),
                        contract=contract,
                        document=document,
                        participants=form.participants(),
                        message=form.cleaned_data["message"],
                        expires_on=form.cleaned_data["expires_on"],
                    )
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Sent for approval and signature."))
                return redirect("contracts_staff:send", public_id)
    return render(
        request,
        "contracts/staff/contract_send.html",
        {
            "contract": contract,
            "document": document,
            "form": form,
            "requests": contract.signature_requests.prefetch_related("steps__user"),
            "current_section": "backoffice",
        },
    )


@staff_member_required
@permission_required(SEND, raise_exception=True)
@require_POST
def request_withdraw(request, public_id):
    signature_request = get_object_or_404(SignatureRequest, public_id=public_id)
    try:
        signatures.request_withdraw(
            actor=actor_of(request),
            request=signature_request,
            version=int(request.POST.get("version") or 0),
        )
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("The signature request was withdrawn."))
    return redirect("contracts_staff:send", signature_request.contract.public_id)
