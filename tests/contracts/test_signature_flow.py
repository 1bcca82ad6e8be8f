"""Signature requests through their services: order, refusals, sealing, events, e-mails."""

import pytest
from pyhanko.sign.timestamps import HTTPTimeStamper

from clientdesk.contracts import signatures, signing, verification
from clientdesk.contracts.errors import SignatureError
from clientdesk.contracts.models import Contract, SignatureRequest, SignatureStep
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.events import is_audited
from clientdesk.core.models import Event, OutboundEmail
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
APPROVE, SIGN = SignatureStep.Role.APPROVE, SignatureStep.Role.SIGN


@pytest.fixture
def people(alfa):
    approver = MembershipFactory(account=alfa, grant_contracts_approve=True).user
    first = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    second = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    return approver, first, second


def actor(user):
    return Actor.of_user(user, ip="192.0.2.7", user_agent="Firefox/140")


def sign(request, user):
    return signatures.step_sign(
        actor=actor(user),
        request=request,
        typed_name=user.get_full_name(),
        authentication="password",
    )


def test_the_whole_flow_gives_one_signature_per_signer_in_order(alfa, people, signing_keys):
    approver, first, second = people
    contract = ContractFactory(account=alfa, status=Contract.Status.DRAFT)
    request = signature_request_for(contract, [(APPROVE, approver), (SIGN, first), (SIGN, second)])
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.AWAITING_APPROVAL
    signatures.step_approve(actor=actor(approver), request=request)
    sign(request, first)
    sign(request, second)
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.COMPLETED
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.ACTIVE
    content = request.signed_document.file.read()
    report = verification.verify_pdf(content, keys=signing_keys)
    names = [s.signer_name for s in report.signatures]
    assert names == [first.get_full_name(), second.get_full_name()]
    last = report.signatures[-1]
    assert last.intact and last.covers_document and last.by_vendor
    assert all(s.intact and s.valid for s in report.signatures)
    assert report.all_ok  # the first signature's later revisions are the vendor's own


def test_a_signer_cannot_sign_before_the_approver(alfa, people, signing_keys):
    approver, first, _second = people
    request = signature_request_for(
        ContractFactory(account=alfa), [(APPROVE, approver), (SIGN, first)]
    )
    with pytest.raises(ServiceError) as refused:
        sign(request, first)
    assert refused.value.error == SignatureError.NOT_YOUR_TURN


def test_the_second_signer_waits_for_the_first(alfa, people, signing_keys):
    _approver, first, second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first), (SIGN, second)])
    with pytest.raises(ServiceError) as refused:
        sign(request, second)
    assert refused.value.error == SignatureError.NOT_YOUR_TURN


def test_the_typed_name_must_be_the_signers(alfa, people, signing_keys):
    _approver, first, _second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first)])
    with pytest.raises(ServiceError) as refused:
        signatures.step_sign(
            actor=actor(first),
            request=request,
            typed_name="Someone Else",
            authentication="password",
        )
    assert refused.value.field == "typed_name"


def test_a_signer_without_contracts_sign_cannot_be_chosen(alfa):
    viewer = MembershipFactory(account=alfa, grant_contracts_view=True).user
    with pytest.raises(ServiceError) as refused:
        signature_request_for(ContractFactory(account=alfa), [(SIGN, viewer)])
    assert refused.value.error == SignatureError.NOT_SIGNER


def test_a_signer_of_another_customer_cannot_be_chosen(alfa, beta_user):
    with pytest.raises(ServiceError) as refused:
        signature_request_for(ContractFactory(account=alfa), [(SIGN, beta_user)])
    assert refused.value.error == SignatureError.NOT_SIGNER


def test_a_request_needs_a_signer(alfa, people):
    approver, _first, _second = people
    with pytest.raises(ServiceError) as refused:
        signature_request_for(ContractFactory(account=alfa), [(APPROVE, approver)])
    assert refused.value.error == SignatureError.NO_SIGNER


def test_a_decline_needs_a_reason_and_closes_the_request(alfa, people):
    _approver, first, _second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first)])
    with pytest.raises(ServiceError):
        signatures.step_decline(actor=actor(first), request=request, reason=" ")
    signatures.step_decline(
        actor=actor(first), request=request, reason="Prețul nu este cel agreat."
    )
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.DECLINED
    with pytest.raises(ServiceError):
        sign(request, first)


def test_a_withdrawn_request_cannot_be_signed(alfa, people):
    _approver, first, _second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first)])
    signatures.request_withdraw(actor=actor(first), request=request, version=request.version)
    with pytest.raises(ServiceError) as refused:
        sign(request, first)
    assert refused.value.error == SignatureError.NOT_PENDING


def test_each_step_is_an_audited_event_with_the_actor_and_the_hash(alfa, people, signing_keys):
    _approver, first, _second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first)])
    sign(request, first)
    signed = Event.objects.get(kind="signature.signed")
    assert is_audited("signature.signed") and signed.audit_seq is not None
    assert signed.ip == "192.0.2.7" and signed.user_agent == "Firefox/140"
    assert signed.actor_user_id == first.pk and len(signed.data["sha256"]) == 64
    sealed = Event.objects.get(kind="signature.sealed")
    assert sealed.data["sha256_before"] != sealed.data["sha256_after"]


def test_the_next_in_line_and_everyone_at_the_end_are_mailed(alfa, people, signing_keys):
    _approver, first, second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first), (SIGN, second)])
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [first.email]
    sign(request, first)
    sign(request, second)
    recipients = list(OutboundEmail.objects.order_by("pk").values_list("to", flat=True))
    assert recipients == [first.email, second.email, first.email, second.email]


def test_a_declined_request_mails_the_others(alfa, people):
    approver, first, _second = people
    request = signature_request_for(
        ContractFactory(account=alfa), [(APPROVE, approver), (SIGN, first)]
    )
    signatures.step_decline(actor=actor(approver), request=request, reason="Nu.")
    assert OutboundEmail.objects.filter(
        to=first.email, template="contracts/email/declined"
    ).exists()


def test_a_timestamp_authority_that_is_down_delays_the_seal_and_a_retry_completes_it(
    alfa, people, signing_keys, dummy_timestamper, monkeypatch, settings
):
    _approver, first, _second = people
    request = signature_request_for(ContractFactory(account=alfa), [(SIGN, first)])
    down = HTTPTimeStamper("http://127.0.0.1:9/tsa", timeout=1)
    monkeypatch.setattr(signing, "configured_timestamper", lambda: down)
    sign(request, first)
    request.refresh_from_db()
    assert request.awaiting_timestamp and request.status == SignatureRequest.Status.PENDING
    assert not Event.objects.filter(kind="signature.sealed").exists()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="retry_seal").exists()
    monkeypatch.setattr(signing, "configured_timestamper", lambda: dummy_timestamper)
    assert signatures.seal_waiting(actor=Actor.system("worker"), request=request)
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.COMPLETED
    [signature] = verification.verify_pdf(
        request.signed_document.file.read(), keys=signing_keys
    ).signatures
    assert signature.level == verification.B_LTA
