import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory


@pytest.mark.django_db(transaction=True)
def test_a_customer_signs_in_with_the_keyboard_and_sees_their_dashboard(page):
    user = MembershipFactory(all_grants=True, account__name="Alfa Industries SRL").user

    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator(f"header a[href='{reverse('account_login')}']").click()
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{reverse('dashboard')}")
    assert "Alfa Industries SRL" in page.content()


@pytest.mark.django_db(transaction=True)
def test_pages_load_every_asset_and_nothing_the_csp_blocks(page):
    blocked, failed = [], []

    def watch(message):
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", watch)
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for path in ("/", reverse("account_login"), reverse("account_signup")):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert blocked == []
    assert failed == []
