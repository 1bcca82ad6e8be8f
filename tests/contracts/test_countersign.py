"""The vendor's countersignatory: named when sending, signs last, sealed with "for the vendor"."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pypdf import PdfReader

from clientdesk.backoffice import roles
from clientdesk.contracts import signatures, verification
from clientdesk.contracts.errors import SignatureError
from clientdesk.contracts.models import Contract, SignatureRequest, SignatureStep
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import OutboundEmail
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGN, COUNTERSIGN = SignatureStep.Role.SIGN, SignatureStep.Role.COUNTERSIGN


@pytest.fixture
def signatory(db):
    user = UserFactory(is_staff=True, first_name="Victor", last_name="Vânzătorul", language="en")
    user.groups.set([Group.objects.get(name=roles.CONTRACTS_REPRESENTATIVE)])
    return user


@pytest.fixture
def signer(alfa):
    return MembershipFactory(account=alfa, grant_contracts_sign=True).user


def sign(request, user, *, countersign=False):
    step = signatures.step_countersign if countersign else signatures.step_sign
    return step(
        actor=Actor.of_user(user),
        request=request,
        typed_name=user.get_full_name(),
        authentication="password",
    )


def last_page_text(content: bytes) -> str:
    from io import BytesIO

    return PdfReader(BytesIO(content)).pages[-1].extract_text()


def test_the_vendor_signs_last_and_is_sealed_for_the_vendor(alfa, signer, signatory, signing_keys):
    contract = ContractFactory(account=alfa, status=Contract.Status.DRAFT)
    request = signature_request_for(contract, [(SIGN, signer), (COUNTERSIGN, signatory)])
    with pytest.raises(ServiceError) as refused:
        sign(request, signatory, countersign=True)
    assert refused.value.error == SignatureError.NOT_YOUR_TURN
    sign(request, signer)
    # The customer has signed: the vendor's signatory is e-mailed the staff page.
    mail = OutboundEmail.objects.filter(to=signatory.email).get()
    assert reverse("contracts_staff:countersign", args=[request.public_id]) in mail.body_text
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.PENDING
    sign(request, signatory, countersign=True)
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.COMPLETED
    content = request.signed_document.file.read()
    report = verification.verify_pdf(content, keys=signing_keys)
    assert [s.signer_name for s in report.signatures] == [
        signer.get_full_name(),
        signatory.get_full_name(),
    ]
    assert report.all_ok
    assert "for the vendor" in " ".join(last_page_text(content).split())


def test_the_countersignatory_must_be_last(alfa, signer, signatory):
    with pytest.raises(ServiceError) as refused:
        signature_request_for(
            ContractFactory(account=alfa), [(COUNTERSIGN, signatory), (SIGN, signer)]
        )
    assert refused.value.error == SignatureError.COUNTERSIGN_LAST


def test_a_staff_user_without_the_right_cannot_countersign(alfa, signer):
    agent = UserFactory(is_staff=True)
    agent.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    with pytest.raises(ServiceError) as refused:
        signature_request_for(ContractFactory(account=alfa), [(SIGN, signer), (COUNTERSIGN, agent)])
    assert refused.value.error == SignatureError.NOT_COUNTERSIGNER


def test_a_customer_signer_cannot_take_the_vendors_step(alfa, signer, signatory, signing_keys):
    other = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    request = signature_request_for(
        ContractFactory(account=alfa), [(SIGN, other), (COUNTERSIGN, signatory)]
    )
    sign(request, other)
    with pytest.raises(ServiceError) as refused:
        sign(request, signer, countersign=True)
    assert refused.value.error == SignatureError.NOT_YOUR_TURN


def test_the_representative_names_the_countersignatory_when_sending(
    client, alfa, signer, signatory, staff_user
):
    contract = ContractFactory(account=alfa)
    signature_request_for(contract, [(SIGN, signer)])  # a document to send
    SignatureRequest.objects.update(status=SignatureRequest.Status.WITHDRAWN)
    client.force_login(staff_user)
    response = client.post(
        reverse("contracts_staff:send", args=[contract.public_id]),
        {
            "role_1": "sign",
            "user_1": signer.pk,
            "expires_on": "2099-01-31",
            "countersigner": signatory.pk,
        },
    )
    assert response.status_code == 302
    request = SignatureRequest.objects.get(status=SignatureRequest.Status.PENDING)
    assert [(s.role, s.user) for s in request.steps.all()] == [
        (SIGN, signer),
        (COUNTERSIGN, signatory),
    ]


def test_the_staff_page_signs_after_reauthentication(client, alfa, signer, signatory, signing_keys):
    request = signature_request_for(
        ContractFactory(account=alfa), [(SIGN, signer), (COUNTERSIGN, signatory)]
    )
    sign(request, signer)
    client.force_login(signatory)
    url = reverse("contracts_staff:countersign", args=[request.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"typed_name": signatory.get_full_name()})
    assert "reauthenticate" in response["Location"]
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(url, {"typed_name": signatory.get_full_name()})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SignatureRequest.Status.COMPLETED
