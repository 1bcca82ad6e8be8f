"""The signing page's drawing pad in a real browser: mouse, pen and touch, clear, no JavaScript."""

import pytest
from django.urls import reverse

from clientdesk.contracts import drawing
from clientdesk.contracts.models import SignatureStep
from tests.contracts.conftest import (  # noqa: F401 - fixtures
    _private_files_in_a_temporary_directory,
    demo_ca,
    signing_keys,
)
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _pending():
    signer = MembershipFactory(grant_contracts_sign=True, account__name="Alfa SRL").user
    request = signature_request_for(
        ContractFactory(account=signer.memberships.get().account),
        [(SignatureStep.Role.SIGN, signer)],
    )
    return signer, request


def _open_signing_page(page, signer, request) -> None:
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", signer.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url(f"**{reverse('dashboard')}")
    page.goto(reverse("contracts:signature_sign", args=[request.public_id]))
    if "reauthenticate" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form [type=submit]").first.click()
        page.wait_for_url("**/sign/")


@pytest.fixture
def signing(page, signing_keys):  # noqa: F811 - the fixture imported above
    signer, request = _pending()
    _open_signing_page(page, signer, request)
    return signer, request


def stroke(page, pointer_type: str) -> None:
    """A stroke across the pad as pointer events of the given kind (pen, touch)."""
    box = page.locator("[data-drawing-pad]").bounding_box()
    x, y = box["x"], box["y"] + box["height"] / 2
    pad = page.locator("[data-drawing-pad]")
    common = {"pointerId": 7, "pointerType": pointer_type, "isPrimary": True, "bubbles": True}
    pad.dispatch_event("pointerdown", {**common, "clientX": x + 20, "clientY": y})
    for step in range(1, 20):
        pad.dispatch_event("pointermove", {**common, "clientX": x + 20 + step * 10, "clientY": y})
    pad.dispatch_event("pointerup", {**common, "clientX": x + 220, "clientY": y})


def test_a_mouse_drawing_is_posted_as_a_png_and_kept_with_the_step(page, signing):
    signer, request = signing
    pad = page.locator("[data-drawing-pad]")
    assert pad.is_visible()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 80, steps=15)
    page.mouse.up()
    page.fill("input[name=typed_name]", signer.get_full_name())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('contracts:signature', args=[request.public_id])}")
    step = SignatureStep.objects.get(request=request)
    assert drawing.dimensions(step.drawing.read()) == (600, 200)


@pytest.mark.parametrize("pointer_type", ["pen", "touch"])
def test_a_pen_or_a_finger_draws_too(page, signing, pointer_type):
    stroke(page, pointer_type)
    # The form's submit listener is what turns the pad into the posted PNG.
    page.evaluate(
        "document.querySelector('[data-drawing]').closest('form')"
        ".dispatchEvent(new Event('submit'))"
    )
    value = page.locator("input[name=drawing]").input_value()
    assert value.startswith(drawing.DATA_URL)


def test_clear_empties_the_pad_and_nothing_is_posted(page, signing):
    signer, request = signing
    stroke(page, "pen")
    page.locator("[data-drawing-clear]").click()
    page.fill("input[name=typed_name]", signer.get_full_name())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('contracts:signature', args=[request.public_id])}")
    step = SignatureStep.objects.get(request=request)
    assert step.status == SignatureStep.Status.SIGNED and not step.drawing


def test_without_javascript_the_pad_stays_hidden_and_the_typed_name_signs(
    browser,
    live_server,
    signing_keys,  # noqa: F811 - the fixture imported above
):
    signer, request = _pending()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    _open_signing_page(page, signer, request)
    assert not page.locator("[data-drawing-pad]").is_visible()
    page.fill("input[name=typed_name]", signer.get_full_name())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('contracts:signature', args=[request.public_id])}")
    step = SignatureStep.objects.get(request=request)
    assert step.status == SignatureStep.Status.SIGNED and not step.drawing
    context.close()
