"""Documents: a contract approved and signed in the portal, then checked on the public
verification page; an invoice's PDF and e-invoice XML, and the account statement."""

import datetime
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from clientdesk.contracts.models import Contract, SignatureStep
from tests.billing.conftest import ro_vendor  # noqa: F401 - the fixture
from tests.billing.factories import issue
from tests.contracts.conftest import (  # noqa: F401 - fixtures
    _private_files_in_a_temporary_directory,
    demo_ca,
    signing_keys,
)
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.e2e.journeys import run_tasks, shoot, sign_in
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def downloaded(page, href: str) -> bytes:
    with page.expect_download() as download:
        page.click(f"main a[href='{href}']")
    return Path(download.value.path()).read_bytes()


def confirm_password_if_asked(page) -> None:
    if "reauthenticate" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form [type=submit]").first.click()
        page.wait_for_url(re.compile(r".*/sign/$"))


def test_a_contract_approved_and_signed_is_verified_on_the_public_page(
    page,
    signing_keys,  # noqa: F811 - the fixture imported above
):
    approver = MembershipFactory(grant_contracts_view=True, grant_contracts_approve=True)
    account = approver.account
    signer = MembershipFactory(
        account=account, grant_contracts_view=True, grant_contracts_sign=True
    )
    contract = ContractFactory(account=account, status=Contract.Status.AWAITING_SIGNATURE)
    request = signature_request_for(
        contract,
        [(SignatureStep.Role.APPROVE, approver.user), (SignatureStep.Role.SIGN, signer.user)],
    )
    request_page = reverse("contracts:signature", args=[request.public_id])

    sign_in(page, approver.user.email, PASSWORD)
    page.goto(request_page)
    shoot(page, "contract-approve")
    page.click(
        f"main form[action='{reverse('contracts:signature_approve', args=[request.public_id])}']"
        " button[type=submit]"
    )
    page.wait_for_load_state()

    sign_in(page, signer.user.email, PASSWORD)
    page.goto(request_page)
    page.click(f"main a[href='{reverse('contracts:signature_sign', args=[request.public_id])}']")
    confirm_password_if_asked(page)
    pad = page.locator("[data-drawing-pad]").bounding_box()
    page.mouse.move(pad["x"] + 30, pad["y"] + 40)
    page.mouse.down()
    page.mouse.move(pad["x"] + 220, pad["y"] + 90, steps=12)
    page.mouse.up()
    page.fill("input[name=typed_name]", signer.user.get_full_name())
    shoot(page, "contract-sign")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{request_page}")

    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE
    signed = request.__class__.objects.get(pk=request.pk).signed_document
    page.goto(reverse("contracts:detail", args=[contract.public_id]))
    shoot(page, "contract-signed")
    pdf = downloaded(
        page, reverse("contracts:document", args=[contract.public_id, signed.public_id])
    )
    assert pdf.startswith(b"%PDF")

    # The public page, signed out: the file's signatures and whether it is the portal's.
    page.context.clear_cookies()
    page.goto(reverse("verify:page"))
    page.set_input_files(
        "input[name=file]", files=[{"name": "c.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.click("main form button[type=submit]")
    page.wait_for_selector("#result-title")
    shoot(page, "contract-verified")
    result = page.locator("section[aria-labelledby=result-title]")
    assert result.locator(".message--success").count() == 1
    assert result.locator(".badge--danger").count() == 0
    assert result.locator(".badge--success").count() >= 2  # intact, for each seal; ours
    assert signed.sha256 in result.inner_text()


def test_an_invoice_pdf_its_xml_and_the_statement_are_downloaded(page, ro_vendor, alfa_admin):  # noqa: F811
    invoice = issue(alfa_admin.memberships.get().account, issued_on=datetime.date.today())
    run_tasks()  # the worker renders the invoice's PDF
    sign_in(page, alfa_admin.email, PASSWORD)
    page.goto(reverse("billing:list"))
    shoot(page, "invoice-list")
    page.click(f"main a[href='{reverse('billing:detail', args=[invoice.number])}']")
    page.wait_for_url(f"**{reverse('billing:detail', args=[invoice.number])}")
    shoot(page, "invoice-detail")

    assert downloaded(page, reverse("billing:pdf", args=[invoice.number])).startswith(b"%PDF-")
    xml = ElementTree.fromstring(downloaded(page, reverse("billing:xml", args=[invoice.number])))
    ids = [el.text for el in xml if el.tag.endswith("}ID")]
    assert ids == [invoice.number]

    page.goto(reverse("statement:show"))
    shoot(page, "statement")
    pdf_link = page.locator(f"main a[href^='{reverse('statement:pdf')}']").get_attribute("href")
    statement = downloaded(page, pdf_link)
    assert statement.startswith(b"%PDF-")
