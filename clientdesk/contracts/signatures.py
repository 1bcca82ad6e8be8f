"""Every write of a signature request: send, withdraw, approve, sign, decline, seal.

The order is the steps' order: only the first waiting step's user may act.
Each step is an audited event with the actor (address, browser), the
document's SHA-256 and the time. A signer's signature is sealed at once
(sealing.py); when the timestamp authority does not answer, the step is kept,
the request waits (``awaiting_timestamp``) and a background task retries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts.models import User
from clientdesk.contracts import drawing as drawing_png
from clientdesk.contracts import services
from clientdesk.contracts.errors import SignatureError
from clientdesk.contracts.events import SignatureEvent
from clientdesk.contracts.models import (
    Contract,
    ContractDocument,
    SignatureRequest,
    SignatureStep,
)
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.locking import lock, save_new_version
from clientdesk.core.tenancy import account_ids

R, S = SignatureRequest.Status, SignatureStep.Status
COUNTERSIGN_PERMISSION = "contracts.countersign_contract"


@dataclass(frozen=True)
class Participant:
    role: str  # SignatureStep.Role
    user: User


def _holds(user: User, grant: str, contract: Contract) -> bool:
    return account_ids(user, grant).filter(account_id=contract.account_id).exists()


def record(kind, *, actor: Actor, request: SignatureRequest, **data) -> None:
    events.record(
        kind,
        actor=actor,
        account=request.contract.account_id,
        subject=request,
        data={"contract": request.contract.number, **data},
    )


@transaction.atomic
def request_send(
    *,
    actor: Actor,
    contract: Contract,
    document: ContractDocument,
    participants: list[Participant],
    message: str,
    expires_on: date,
) -> SignatureRequest:
    if expires_on <= timezone.localdate():
        raise ServiceError(SignatureError.EXPIRY_PAST, field="expires_on")
    if not any(p.role == SignatureStep.Role.SIGN for p in participants):
        raise ServiceError(SignatureError.NO_SIGNER, field="signers")
    _check_countersigner(participants)
    for p in participants:
        if p.role == SignatureStep.Role.COUNTERSIGN:
            continue
        approve = p.role == SignatureStep.Role.APPROVE
        grant = G.CONTRACTS_APPROVE if approve else G.CONTRACTS_SIGN
        if not _holds(p.user, grant, contract):
            code = SignatureError.NOT_APPROVER if approve else SignatureError.NOT_SIGNER
            field = "approvers" if approve else "signers"
            raise ServiceError(code, field=field, params={"user": p.user.email})
    contract = lock(Contract.objects.all(), contract.pk)
    # A notice the customer is signing does not hold back the contract's own signatures.
    if contract.signature_requests.filter(
        status=R.PENDING, purpose=SignatureRequest.Purpose.CONTRACT
    ).exists():
        raise ServiceError(SignatureError.ALREADY_PENDING)
    request = SignatureRequest(
        contract=contract,
        document=document,
        message=message,
        expires_on=expires_on,
        created_by_id=actor.user.pk if actor.user else None,
    )
    request.working_file.save("0.pdf", ContentFile(document.file.open("rb").read()), save=False)
    request.save()
    SignatureStep.objects.bulk_create(
        SignatureStep(request=request, position=i, role=p.role, user=p.user)
        for i, p in enumerate(participants, start=1)
    )
    first = participants[0].role
    contract.status = (
        Contract.Status.AWAITING_APPROVAL
        if first == SignatureStep.Role.APPROVE
        else Contract.Status.AWAITING_SIGNATURE
    )
    save_new_version(contract)
    record(
        SignatureEvent.REQUESTED,
        actor=actor,
        request=request,
        sha256=document.sha256,
        steps=[[p.role, p.user.pk] for p in participants],
    )
    return request


def may_countersign(user: User) -> bool:
    return user.is_active and user.is_staff and user.has_perm(COUNTERSIGN_PERMISSION)


def _check_countersigner(participants: list[Participant]) -> None:
    """At most one signer for the vendor, a staff user with the right, and last of all."""
    roles = [p.role for p in participants]
    if SignatureStep.Role.COUNTERSIGN not in roles:
        return
    if (
        roles.count(SignatureStep.Role.COUNTERSIGN) > 1
        or roles[-1] != SignatureStep.Role.COUNTERSIGN
    ):
        raise ServiceError(SignatureError.COUNTERSIGN_LAST, field="countersigner")
    user = participants[-1].user
    if not may_countersign(user):
        raise ServiceError(
            SignatureError.NOT_COUNTERSIGNER, field="countersigner", params={"user": user.email}
        )


def current_step(request: SignatureRequest) -> SignatureStep | None:
    return request.steps.filter(status=S.WAITING).select_related("user").first()


def _locked_turn(actor: Actor, request: SignatureRequest, role: str) -> tuple:
    request = lock(SignatureRequest.objects.select_related("contract"), request.pk)
    if request.status != R.PENDING or request.expires_on < timezone.localdate():
        raise ServiceError(SignatureError.NOT_PENDING)
    step = current_step(request)
    if step is None or actor.user is None or step.user_id != actor.user.pk or step.role != role:
        raise ServiceError(SignatureError.NOT_YOUR_TURN)
    return request, step


def sha256_of_file(request: SignatureRequest) -> str:
    with request.working_file.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def _advance(actor: Actor, request: SignatureRequest) -> None:
    """After a step: the contract's status follows the next step, or the request completes."""
    following = current_step(request)
    contract = request.contract
    if following is None and not request.awaiting_timestamp:
        _complete(actor, request)
        return
    if following is not None and following.role != SignatureStep.Role.APPROVE:
        contract.status = Contract.Status.AWAITING_SIGNATURE
        save_new_version(contract)


@transaction.atomic
def step_approve(*, actor: Actor, request: SignatureRequest) -> SignatureStep:
    request, step = _locked_turn(actor, request, SignatureStep.Role.APPROVE)
    step.status, step.acted_at = S.APPROVED, timezone.now()
    step.sha256_before = step.sha256_after = sha256_of_file(request)
    step.save()
    record(SignatureEvent.APPROVED, actor=actor, request=request, sha256=step.sha256_before)
    save_new_version(request)
    _advance(actor, request)
    return step


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())


@transaction.atomic
def step_sign(
    *,
    actor: Actor,
    request: SignatureRequest,
    typed_name: str,
    authentication: str,
    drawing: bytes = b"",
) -> SignatureStep:
    """The customer's signer signs; ``drawing``, a PNG of their hand, is optional."""
    request, step = _locked_turn(actor, request, SignatureStep.Role.SIGN)
    return _sign(
        actor,
        request,
        step,
        typed_name,
        authentication,
        drawing_png.checked(drawing) if drawing else b"",
    )


@transaction.atomic
def step_countersign(
    *, actor: Actor, request: SignatureRequest, typed_name: str, authentication: str
) -> SignatureStep:
    """The vendor's signatory signs last, once every customer signer has."""
    request, step = _locked_turn(actor, request, SignatureStep.Role.COUNTERSIGN)
    if not may_countersign(step.user):
        raise ServiceError(SignatureError.NOT_YOUR_TURN)
    return _sign(actor, request, step, typed_name, authentication, b"")


def _sign(
    actor: Actor,
    request: SignatureRequest,
    step: SignatureStep,
    typed_name: str,
    authentication: str,
    drawing: bytes,
) -> SignatureStep:
    full_name = step.user.get_full_name()
    if not typed_name.strip() or _normal(typed_name) != _normal(full_name):
        raise ServiceError(
            SignatureError.NAME_MISMATCH, field="typed_name", params={"name": full_name}
        )
    step.status, step.acted_at, step.typed_name = S.SIGNED, timezone.now(), typed_name.strip()
    step.sha256_before = sha256_of_file(request)
    if drawing:
        step.drawing.save("drawing.png", ContentFile(drawing), save=False)
    step.save()
    record(
        SignatureEvent.SIGNED,
        actor=actor,
        request=request,
        sha256=step.sha256_before,
        typed_name=step.typed_name,
        authentication=authentication,
    )
    request.awaiting_timestamp = True
    save_new_version(request)
    seal_waiting(actor=actor, request=request, authentication=authentication)
    return step


@transaction.atomic
def seal_waiting(*, actor: Actor, request: SignatureRequest, authentication: str = "") -> bool:
    """Seal the signed steps not yet in the PDF; False when the authority is still down."""
    # pyHanko is loaded where a PDF is sealed, not by every web worker (docs/performance.md).
    from clientdesk.contracts import sealing, signing

    request = lock(SignatureRequest.objects.select_related("contract"), request.pk)
    if not request.awaiting_timestamp:
        return True
    try:
        keys = signing.load_keys()
    except signing.SigningUnavailable:
        raise ServiceError(SignatureError.NO_KEY) from None
    for step in request.steps.filter(status=S.SIGNED, sha256_after="").select_related("user"):
        with request.working_file.open("rb") as file:
            content = file.read()
        seal_input = sealing.SealInput(
            contract_number=request.contract.number,
            signer_name=step.user.get_full_name(),
            signer_email=step.user.email,
            authentication=authentication or "password",
            signed_at=step.acted_at or timezone.now(),
            position=step.position,
            language=step.user.language or "ro",
            for_vendor=step.role == SignatureStep.Role.COUNTERSIGN,
            drawing=_drawing(step),
        )
        try:
            sealed = sealing.seal(
                content, seal_input, keys=keys, timestamper=signing.configured_timestamper()
            )
        except signing.TimestampUnavailable:
            from clientdesk.contracts.tasks import RETRY_SECONDS, retry_seal

            # A queued task row, written in this transaction: the retry is durable.
            later = timezone.now() + timedelta(seconds=RETRY_SECONDS)
            retry_seal.using(run_after=later).enqueue(str(request.public_id))
            return False
        request.working_file.save(f"{step.position}.pdf", ContentFile(sealed), save=False)
        step.sha256_after = hashlib.sha256(sealed).hexdigest()
        step.save()
        record(
            SignatureEvent.SEALED,
            actor=actor,
            request=request,
            sha256_before=step.sha256_before,
            sha256_after=step.sha256_after,
            signer=step.user_id,
        )
    request.awaiting_timestamp = False
    save_new_version(request)
    _advance(actor, request)
    return True


def _drawing(step: SignatureStep) -> bytes:
    if not step.drawing:
        return b""
    with step.drawing.open("rb") as file:
        return file.read()


def _complete(actor: Actor, request: SignatureRequest) -> None:
    if request.purpose == SignatureRequest.Purpose.NOTICE:
        _file_notice(actor, request)
        return
    with request.working_file.open("rb") as file:
        content = file.read()
    signed = services.document_add(
        actor=actor,
        contract=request.contract,
        name=f"{request.contract.number}-signed.pdf",
        content=content,
    ).obj
    request.status, request.signed_document = R.COMPLETED, signed
    save_new_version(request)
    contract = lock(Contract.objects.all(), request.contract_id)
    contract.status = Contract.Status.ACTIVE
    save_new_version(contract)
    record(SignatureEvent.COMPLETED, actor=actor, request=request, sha256=signed.sha256)


def _file_notice(actor: Actor, request: SignatureRequest) -> None:
    """A signed notice is complete first, then filed: the kind's rule asks for a signed one."""
    from clientdesk.contracts import notices

    request.status = R.COMPLETED
    save_new_version(request)
    request.details = {**request.details, "filed": notices.file_signed(actor, request)}
    save_new_version(request)
    record(SignatureEvent.COMPLETED, actor=actor, request=request, sha256=sha256_of_file(request))


@transaction.atomic
def step_decline(*, actor: Actor, request: SignatureRequest, reason: str) -> SignatureStep:
    if not reason.strip():
        raise ServiceError(SignatureError.REASON_REQUIRED, field="reason")
    request, step = _locked_turn(actor, request, request_role(request, actor))
    step.status, step.acted_at, step.decline_reason = S.DECLINED, timezone.now(), reason.strip()
    step.sha256_before = sha256_of_file(request)
    step.save()
    request.status = R.DECLINED
    save_new_version(request)
    record(
        SignatureEvent.DECLINED,
        actor=actor,
        request=request,
        sha256=step.sha256_before,
        reason=step.decline_reason,
    )
    return step


def request_role(request: SignatureRequest, actor: Actor) -> str:
    step = current_step(request)
    if step is None or actor.user is None or step.user_id != actor.user.pk:
        raise ServiceError(SignatureError.NOT_YOUR_TURN)
    return step.role


@transaction.atomic
def request_withdraw(*, actor: Actor, request: SignatureRequest, version: int) -> SignatureRequest:
    request = lock(SignatureRequest.objects.select_related("contract"), request.pk, version=version)
    if request.status != R.PENDING:
        raise ServiceError(SignatureError.NOT_PENDING)
    request.status = R.WITHDRAWN
    save_new_version(request)
    if request.purpose == SignatureRequest.Purpose.CONTRACT:  # a notice leaves it as it is
        contract = lock(Contract.objects.all(), request.contract_id)
        contract.status = Contract.Status.DRAFT
        save_new_version(contract)
    record(SignatureEvent.WITHDRAWN, actor=actor, request=request)
    return request
