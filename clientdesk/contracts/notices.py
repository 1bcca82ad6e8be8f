"""A maintenance contract's termination, given as a written notice that the filer signs.

The notice is generated (WeasyPrint, the vendor's layout) and sent for
signature with the filer as its one signer (a SignatureRequest with the
NOTICE purpose: the contract's own status does not change while it waits).
Once sealed, the request is filed to staff through support.services, with
the signed notice attached, and the contract becomes "terminating" on the
effective date (requests.attach_signed_notice). Only a holder of
``contracts.sign`` may give notice.
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount, User
from clientdesk.contracts import requests, signatures
from clientdesk.contracts.events import SignatureEvent
from clientdesk.contracts.models import Contract, SignatureRequest, SignatureStep
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.pdf import render_pdf
from clientdesk.support.errors import RequestError

KIND = "maintenance-termination"
# Days the filer has to sign their own notice before it lapses.
OPEN_DAYS = 7


def render_notice(contract: Contract, *, effective: date, contact: dict, language: str) -> bytes:
    return render_pdf(
        "contracts/pdf/termination_notice.html",
        {
            "contract": contract,
            "effective": effective,
            "contact": contact,
            "today": timezone.localdate(),
        },
        language=language,
    )


@transaction.atomic
def notice_start(*, actor: Actor, new) -> SignatureRequest:
    """Check the termination as filing would, then send its notice to the filer to sign.

    ``new`` is the support.services.NewRequest the form holds; it is kept with
    the signature request and filed when the notice is signed.
    """
    user = actor.user
    if user is None:
        raise ServiceError(RequestError.ACCOUNT, field="account")
    account: CustomerAccount = new.account
    if not CustomerAccount.objects.visible_to(user, G.REQUESTS).filter(pk=account.pk).exists():
        raise ServiceError(RequestError.ACCOUNT, field="account")
    kind = new.request_type.kind
    details = kind.clean_details(new.details)
    contract = requests.may_give_notice(details, user=user, account=account)
    contact = {
        "name": new.contact_name,
        "email": new.contact_email,
        "phone": new.contact_phone,
    }
    effective = details["effective_date"]
    pdf = render_notice(contract, effective=effective, contact=contact, language=user.language)
    request = SignatureRequest(
        contract=contract,
        purpose=SignatureRequest.Purpose.NOTICE,
        expires_on=timezone.localdate() + timedelta(days=OPEN_DAYS),
        created_by_id=user.pk,
        details={
            "account": account.pk,
            "type": new.request_type.code,
            "subject": new.subject,
            "description": new.description,
            "contact": contact,
            "details": kind.detail_values(details),
        },
    )
    request.working_file.save("0.pdf", ContentFile(pdf), save=False)
    request.save()
    SignatureStep.objects.create(
        request=request, position=1, role=SignatureStep.Role.SIGN, user=user
    )
    signatures.record(
        SignatureEvent.REQUESTED,
        actor=actor,
        request=request,
        sha256=signatures.sha256_of_file(request),
        steps=[[SignatureStep.Role.SIGN, user.pk]],
        purpose=request.purpose,
    )
    return request


def file_signed(actor: Actor, request: SignatureRequest) -> str:
    """The signed notice's request, filed to staff; its number. In the signing transaction."""
    from clientdesk.support import services as support
    from clientdesk.support.models import RequestType

    kept = request.details
    contact = kept["contact"]
    if actor.user is None:  # sealed later by the worker: filed in the signer's name
        actor = Actor.of_user(User.objects.get(pk=request.steps.get().user_id))
    filed = support.request_create(
        actor=actor,
        new=support.NewRequest(
            account=CustomerAccount.objects.get(pk=kept["account"]),
            request_type=RequestType.objects.get(code=kept["type"]),
            subject=kept["subject"],
            description=kept["description"],
            contact_name=contact["name"],
            contact_email=contact["email"],
            contact_phone=contact["phone"],
            details={**kept["details"], "notice": str(request.public_id)},
        ),
    )
    return filed.number
