"""The public verification page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clientdesk.contracts.models import SignatureStep
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_pdf(alfa, signing_keys):
    from clientdesk.contracts import signatures
    from clientdesk.core.actors import Actor

    signer = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    request = signature_request_for(
        ContractFactory(account=alfa), [(SignatureStep.Role.SIGN, signer)]
    )
    signatures.step_sign(
        actor=Actor.of_user(signer),
        request=request,
        typed_name=signer.get_full_name(),
        authentication="password",
    )
    request.refresh_from_db()
    return request.signed_document.file.read(), signer


def upload(client, content):
    return client.post(
        reverse("verify:page"), {"file": SimpleUploadedFile("c.pdf", content, "application/pdf")}
    )


def test_the_page_answers_anonymously_and_names_an_independent_check(client):
    page = client.get(reverse("verify:page"))
    assert page.status_code == 200 and "DSS" in page.content.decode()


def test_a_portal_document_shows_intact_the_signer_and_that_it_is_ours(client, signed_pdf):
    content, signer = signed_pdf
    response = upload(client, content)
    report = response.context["report"]
    assert report.all_ok and response.context["ours"]
    page = response.content.decode()
    assert signer.get_full_name() in page and "Europe/Bucharest" in page


def test_one_byte_changed_shows_not_intact(client, signed_pdf):
    content = bytearray(signed_pdf[0])
    position = content.index(b"/MediaBox")
    content[position + 1] = ord("m")
    response = upload(client, bytes(content))
    assert not response.context["report"].all_ok and not response.context["ours"]


def test_a_visitor_checking_too_many_files_is_asked_to_wait(client, settings):
    from clientdesk.contracts import verify_views

    for _ in range(verify_views.CHECKS_PER_WINDOW):
        assert upload(client, b"%PDF-1.4 nothing").status_code == 200
    assert upload(client, b"%PDF-1.4 nothing").status_code == 429
