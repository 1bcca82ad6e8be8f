"""Requests: one filed with an attachment and its confirmation e-mail; the whole journey
with the keyboard alone (Tab, Enter and Space to move and act; typing only into fields)."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from clientdesk.support.models import Attachment, SupportRequest
from tests.e2e.journeys import link_path, received, run_tasks, shoot, sign_in, text_of
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)
general_types = importlib.import_module("clientdesk.support.migrations.0002_general_types")
QUESTION = "general-question"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def customer():
    general_types.create(apps, None)
    return MembershipFactory(all_grants=True, account__name="Alfa Industries SRL").user


def test_a_request_with_an_attachment_is_filed_and_confirmed_by_e_mail(page, smtp, customer):
    sign_in(page, customer.email, PASSWORD)
    page.goto(f"{reverse('support:new')}?type={QUESTION}")
    page.fill("input[name=subject]", "Ofertă pentru extinderea garanției")
    page.fill("textarea[name=description]", "Atașez lista serverelor pentru care cerem oferta.")
    page.set_input_files(
        "input[name=attachments]",
        files=[{"name": "servere.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    shoot(page, "request-new-with-attachment")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/requests/REQ-[0-9-]+/$"))
    filed = SupportRequest.objects.get()
    file = Attachment.objects.get()
    assert file.name == "servere.pdf"
    shoot(page, "request-detail")

    with page.expect_download() as download:
        page.click(
            f"main a[href='{reverse('support:attachment', args=[filed.number, file.public_id])}']"
        )
    assert download.value.suggested_filename == "servere.pdf"
    assert Path(download.value.path()).read_bytes() == PDF

    run_tasks()
    [confirmation] = received(smtp, customer.email)
    text = text_of(confirmation)
    assert filed.number in text
    page.goto(link_path(text, rf"/requests/{filed.number}/"))
    assert "servere.pdf" in page.inner_text("main")


FOCUSED_HREF = "document.activeElement.getAttribute('href') || ''"


def tab_to(page, matches, limit: int = 80) -> None:
    """Tab on until the focused element is the one wanted (a JS predicate on it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def follow(page, href: str) -> None:
    """Tab to the link to ``href`` and open it with Enter."""
    tab_to(page, f"el.getAttribute('href') === '{href}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_the_whole_request_journey_with_the_keyboard_alone(page, customer):
    sign_in(page, customer.email, PASSWORD)

    # From the dashboard to the request form: the navigation, the list, then the type.
    page.goto(reverse("dashboard"))
    follow(page, reverse("support:list"))
    follow(page, reverse("support:new"))
    tab_to(page, f"(el.getAttribute('href') || '').endsWith('?type={QUESTION}')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**?type={QUESTION}")

    tab_to(page, "el.name === 'subject'")
    page.keyboard.type("Acces VPN pentru un coleg nou")
    tab_to(page, "el.name === 'description'")
    page.keyboard.type("Vă rog să activați accesul VPN pentru Radu Stan.")
    tab_to(page, "el.type === 'submit' && Boolean(el.closest('main form'))")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"/requests/REQ-[0-9-]+/$"))
    filed = SupportRequest.objects.get()

    # Found again in the list, opened, and answered.
    follow(page, reverse("support:list"))
    follow(page, reverse("support:detail", args=[filed.number]))
    tab_to(page, "el.name === 'body'")
    page.keyboard.type("Numele de utilizator dorit: radu.stan.")
    shoot(page, "request-keyboard-reply")
    tab_to(page, "el.type === 'submit' && el.form.action.endsWith('/reply/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Numele de utilizator dorit: radu.stan." in page.inner_text("main")
    assert filed.messages.filter(body="Numele de utilizator dorit: radu.stan.").exists()
