"""Maintenance termination: the filer signs the written notice, then it is filed to staff."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from clientdesk.contracts import notices, signatures, verification
from clientdesk.contracts.errors import ContractRequestError
from clientdesk.contracts.models import Contract, SignatureRequest, SignatureStep
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.support import services as support
from clientdesk.support.models import SupportRequest
from tests.contracts.factories import ContractFactory
from tests.contracts.test_signing_pages import reauthenticate
from tests.factories import MembershipFactory
from tests.support.service_helpers import new_request

pytestmark = pytest.mark.django_db
K = Contract.Kind
SATURDAY, CHRISTMAS = datetime.date(2027, 6, 5), datetime.date(2027, 12, 25)


@pytest.fixture
def contract(alfa):
    return ContractFactory(account=alfa, kind=K.HARDWARE_MAINTENANCE, notice_days=30)


def termination(alfa, contract, effective: datetime.date, **details):
    return new_request(
        alfa,
        "maintenance-termination",
        details={"contract_number": contract.number, "effective_date": effective, **details},
    )


def give_notice(alfa, user, contract, effective) -> SignatureRequest:
    return notices.notice_start(
        actor=Actor.of_user(user), new=termination(alfa, contract, effective)
    )


def sign(request, user):
    signatures.step_sign(
        actor=Actor.of_user(user, ip="192.0.2.9"),
        request=request,
        typed_name=user.get_full_name(),
        authentication="password",
    )


@pytest.mark.parametrize("effective", [SATURDAY, CHRISTMAS], ids=["saturday", "holiday"])
def test_the_signed_notice_is_filed_and_the_contract_ends_on_the_effective_date(
    alfa, alfa_admin, contract, signing_keys, effective
):
    request = give_notice(alfa, alfa_admin, contract, effective)
    [step] = request.steps.all()
    assert (step.role, step.user) == (SignatureStep.Role.SIGN, alfa_admin)
    assert request.document is None and request.purpose == SignatureRequest.Purpose.NOTICE
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE  # nothing changes before it is signed
    assert not SupportRequest.objects.exists()

    sign(request, alfa_admin)

    request.refresh_from_db()
    filed = SupportRequest.objects.get()
    assert request.status == SignatureRequest.Status.COMPLETED
    assert request.details["filed"] == filed.number
    assert filed.requester == alfa_admin and filed.type.code == "maintenance-termination"
    assert filed.details["effective_date"] == effective.isoformat()
    [attachment] = filed.attachments.all()
    report = verification.verify_pdf(attachment.file.read(), keys=signing_keys)
    assert [s.signer_name for s in report.signatures] == [alfa_admin.get_full_name()]
    assert report.all_ok
    contract.refresh_from_db()
    assert contract.status == Contract.Status.TERMINATING and contract.end_date == effective


def test_a_filer_who_may_not_sign_is_told_an_authorized_signatory_must_file_it(alfa, contract):
    clerk = MembershipFactory(account=alfa, grant_requests=True, grant_contracts_view=True).user
    with pytest.raises(ServiceError) as refused:
        give_notice(alfa, clerk, contract, timezone.localdate() + datetime.timedelta(days=40))
    assert refused.value.error == ContractRequestError.SIGNATORY_REQUIRED
    assert not SignatureRequest.objects.exists()


def test_the_notice_period_counts_from_today(alfa, alfa_admin, contract):
    with pytest.raises(ServiceError) as refused:
        give_notice(alfa, alfa_admin, contract, timezone.localdate() + datetime.timedelta(days=29))
    assert refused.value.error == ContractRequestError.TOO_EARLY


def test_filing_without_a_signed_notice_is_refused(alfa, alfa_admin, contract):
    with pytest.raises(ServiceError) as refused:
        support.request_create(
            actor=Actor.of_user(alfa_admin), new=termination(alfa, contract, CHRISTMAS)
        )
    assert refused.value.error == ContractRequestError.SIGN_ONLINE


def test_a_signed_notice_files_once(alfa, alfa_admin, contract, signing_keys):
    request = give_notice(alfa, alfa_admin, contract, CHRISTMAS)
    sign(request, alfa_admin)
    with pytest.raises(ServiceError) as refused:
        support.request_create(
            actor=Actor.of_user(alfa_admin),
            new=termination(alfa, contract, CHRISTMAS, notice=request.public_id),
        )
    assert refused.value.error == ContractRequestError.SIGN_ONLINE
    assert SupportRequest.objects.count() == 1


def test_the_page_takes_the_filer_to_sign_then_to_the_filed_request(
    client, alfa, alfa_admin, contract, signing_keys
):
    reauthenticate(client, alfa_admin)
    url = reverse("contracts:give_notice")
    assert (
        contract.number in client.get(f"{url}?contract_number={contract.number}").content.decode()
    )
    response = client.post(
        url,
        {
            "account": alfa.pk,
            "subject": "Încetare",
            "description": "Nu mai avem nevoie de mentenanță.",
            "contact_name": alfa_admin.get_full_name(),
            "contact_email": alfa_admin.email,
            "contract_number": contract.number,
            "effective_date": CHRISTMAS.isoformat(),
        },
    )
    request = SignatureRequest.objects.get()
    assert response["Location"] == reverse("contracts:signature_sign", args=[request.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "notice" in page.lower() or "preaviz" in page.lower()
    response = client.post(response["Location"], {"typed_name": alfa_admin.get_full_name()})
    filed = SupportRequest.objects.get()
    assert response["Location"] == reverse("support:detail", args=[filed.number])


def test_the_page_tells_a_filer_who_may_not_sign(client, alfa, contract):
    clerk = MembershipFactory(account=alfa, grant_requests=True, grant_contracts_view=True).user
    client.force_login(clerk)
    response = client.post(
        reverse("contracts:give_notice"),
        {
            "account": alfa.pk,
            "subject": "Încetare",
            "description": "Nu mai avem nevoie.",
            "contact_name": clerk.get_full_name(),
            "contact_email": clerk.email,
            "contract_number": contract.number,
            "effective_date": CHRISTMAS.isoformat(),
        },
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["contract_number"]
    with translation.override(clerk.language):
        assert error.message == str(ContractRequestError.SIGNATORY_REQUIRED.label)
    assert not SignatureRequest.objects.exists()


def test_the_contact_us_form_leads_to_the_notice_page(client, alfa, alfa_admin, contract):
    client.force_login(alfa_admin)
    page = client.get(reverse("support:new"), {"type": "maintenance-termination"})
    assert f'href="{reverse("contracts:give_notice")}"' in page.content.decode()


def test_a_pending_notice_does_not_hold_back_the_contracts_own_signatures(
    alfa, alfa_admin, contract
):
    from tests.contracts.factories import signature_request_for

    give_notice(alfa, alfa_admin, contract, CHRISTMAS)
    signer = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    request = signature_request_for(contract, [(SignatureStep.Role.SIGN, signer)])
    assert request.status == SignatureRequest.Status.PENDING


def test_withdrawing_a_notice_leaves_the_contract_as_it_is(alfa, alfa_admin, contract):
    request = give_notice(alfa, alfa_admin, contract, CHRISTMAS)
    signatures.request_withdraw(
        actor=Actor.system("staff"), request=request, version=request.version
    )
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE
