"""The customer's signing pages: the gate, the document frame, re-authentication, the order."""

import pytest
from django.urls import reverse

from clientdesk.contracts.models import SignatureRequest, SignatureStep
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db
SIGN, APPROVE = SignatureStep.Role.SIGN, SignatureStep.Role.APPROVE


@pytest.fixture
def signer(alfa):
    return MembershipFactory(
        account=alfa, grant_contracts_sign=True, grant_contracts_view=True
    ).user


@pytest.fixture
def pending(alfa, signer):
    return signature_request_for(ContractFactory(account=alfa), [(SIGN, signer)])


def reauthenticate(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_the_list_shows_what_waits_on_the_user(client, signer, pending):
    client.force_login(signer)
    page = client.get(reverse("contracts:signatures")).content.decode()
    assert pending.contract.number in page


def test_the_list_filtered_to_a_role_shows_only_that_role_and_says_what_else_waits(client, alfa):
    ana, colleague = (MembershipFactory(account=alfa, all_grants=True).user for _ in range(2))
    to_be_signed = signature_request_for(ContractFactory(account=alfa), [(SIGN, ana)])
    to_be_approved = signature_request_for(
        ContractFactory(account=alfa), [("approve", ana), (SIGN, colleague)]
    )
    signing, approving = to_be_signed.contract.number, to_be_approved.contract.number
    client.force_login(ana)
    url = reverse("contracts:signatures")
    page = client.get(url, {"role": "sign"}).content.decode()
    assert signing in page and approving not in page
    assert "Show all (one more waits for you)" in page
    page = client.get(url, {"role": "approve"}).content.decode()
    assert approving in page and signing not in page
    # An unknown role is no filter.
    page = client.get(url, {"role": "x"}).content.decode()
    assert signing in page and approving in page


def test_the_page_shows_the_document_in_a_same_origin_frame(client, signer, pending):
    client.force_login(signer)
    page = client.get(reverse("contracts:signature", args=[pending.public_id]))
    pdf_url = reverse("contracts:signature_pdf", args=[pending.public_id])
    assert f'<iframe class="pdf-frame" src="{pdf_url}"' in page.content.decode()
    pdf = client.get(pdf_url)
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_signing_asks_for_the_password_again_first(client, signer, pending):
    client.force_login(signer)
    url = reverse("contracts:signature_sign", args=[pending.public_id])
    response = client.post(url, {"typed_name": signer.get_full_name()})
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert SignatureRequest.objects.get(pk=pending.pk).status == SignatureRequest.Status.PENDING


def test_after_reauthentication_the_typed_name_signs(client, signer, pending, signing_keys):
    reauthenticate(client, signer)
    url = reverse("contracts:signature_sign", args=[pending.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"typed_name": signer.get_full_name()})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == SignatureRequest.Status.COMPLETED


def test_a_user_without_contracts_sign_gets_404_on_the_signing_pages(client, alfa, pending):
    colleague = MembershipFactory(account=alfa, grant_contracts_view=True).user
    reauthenticate(client, colleague)
    for name in ("contracts:signature", "contracts:signature_pdf", "contracts:signature_sign"):
        assert client.get(reverse(name, args=[pending.public_id])).status_code == 404
    url = reverse("contracts:signature_sign", args=[pending.public_id])
    assert client.post(url, {"typed_name": colleague.get_full_name()}).status_code == 404


def test_another_customers_user_gets_404(client, beta_user, pending):
    reauthenticate(client, beta_user)
    assert client.get(reverse("contracts:signature", args=[pending.public_id])).status_code == 404
    decline = reverse("contracts:signature_decline", args=[pending.public_id])
    assert client.post(decline, {"reason": "x"}).status_code == 404


def test_a_signer_waiting_for_the_approver_is_sent_back(client, alfa, signer, signing_keys):
    approver = MembershipFactory(account=alfa, grant_contracts_approve=True).user
    request = signature_request_for(
        ContractFactory(account=alfa), [(APPROVE, approver), (SIGN, signer)]
    )
    reauthenticate(client, signer)
    response = client.get(reverse("contracts:signature_sign", args=[request.public_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:signature", args=[request.public_id])


def test_approving_and_declining_from_the_page(client, alfa, signer):
    approver = MembershipFactory(account=alfa, grant_contracts_approve=True).user
    request = signature_request_for(
        ContractFactory(account=alfa), [(APPROVE, approver), (SIGN, signer)]
    )
    client.force_login(approver)
    client.post(reverse("contracts:signature_approve", args=[request.public_id]))
    assert request.steps.get(user=approver).status == SignatureStep.Status.APPROVED
    client.force_login(signer)
    client.post(reverse("contracts:signature_decline", args=[request.public_id]), {"reason": "Nu."})
    assert SignatureRequest.objects.get(pk=request.pk).status == SignatureRequest.Status.DECLINED


def test_the_representative_sends_and_withdraws(client, alfa, signer, staff_user):
    contract = ContractFactory(account=alfa)
    from clientdesk.contracts import services
    from tests.contracts.conftest import simple_pdf
    from tests.contracts.factories import ERP

    services.document_add(actor=ERP, contract=contract, name="c.pdf", content=simple_pdf())
    client.force_login(staff_user)
    url = reverse("contracts_staff:send", args=[contract.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"role_1": SIGN, "user_1": signer.pk, "expires_on": "2099-01-31", "message": "Salut"}
    )
    assert response.status_code == 302
    request = SignatureRequest.objects.get(contract=contract)
    client.post(
        reverse("contracts_staff:withdraw", args=[request.public_id]), {"version": request.version}
    )
    assert SignatureRequest.objects.get(pk=request.pk).status == SignatureRequest.Status.WITHDRAWN


def test_a_customer_cannot_reach_the_staff_pages(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    contract = ContractFactory(account=alfa)
    response = client.get(reverse("contracts_staff:send", args=[contract.public_id]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_representative_uploads_a_new_version_and_sends_it(client, alfa, signer, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.contracts.conftest import simple_pdf

    contract = ContractFactory(account=alfa)
    client.force_login(staff_user)
    pdf = SimpleUploadedFile("nou.pdf", simple_pdf(2), "application/pdf")
    response = client.post(
        reverse("contracts_staff:send", args=[contract.public_id]),
        {"file": pdf, "role_1": SIGN, "user_1": signer.pk, "expires_on": "2099-01-31"},
    )
    assert response.status_code == 302
    request = SignatureRequest.objects.get(contract=contract)
    assert request.document.name == "nou.pdf" and request.document.number == 1


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_sent(client, alfa, signer, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contract = ContractFactory(account=alfa)
    client.force_login(staff_user)
    response = client.post(
        reverse("contracts_staff:send", args=[contract.public_id]),
        {
            "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf", "application/pdf"),
            "role_1": SIGN,
            "user_1": signer.pk,
            "expires_on": "2099-01-31",
        },
    )
    assert response.status_code == 200 and not SignatureRequest.objects.exists()
    assert not contract.documents.exists()
