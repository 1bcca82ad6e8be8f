"""Small journeys: a visitor reaches support; the sessions table at a desktop's width; the
"my data" export; a consent withdrawn."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from clientdesk.accounts import services
from clientdesk.accounts.consents import WITHDRAWING
from clientdesk.accounts.models import Consent
from clientdesk.core.actors import Actor
from clientdesk.core.models import VendorConfig
from tests.e2e.journeys import shoot, sign_in
from tests.factories import PASSWORD, MembershipFactory
from tests.support.factories import MessageFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_reaches_the_contact_page_with_phone_hours_and_a_way_in(page):
    vendor = VendorConfig.get()
    vendor.support_phone = "+40 31 555 0100"
    vendor.save()
    VendorConfig.forget()

    page.goto(reverse("home"))
    page.click(f"footer a[href='{reverse('contact')}']")
    page.wait_for_url(f"**{reverse('contact')}")
    shoot(page, "visitor-contact")
    card = page.locator("main .contact-card")
    assert card.locator(f"a[href='tel:{vendor.support_phone.replace(' ', '')}']").count() == 1
    assert f"{vendor.hours_open:%H:%M}\N{EN DASH}{vendor.hours_close:%H:%M}" in card.inner_text()
    way_in = page.locator("main .visitor-file")
    assert way_in.locator(f"a[href^='{reverse('account_login')}?next=']").count() == 1
    assert way_in.locator(f"a[href='{reverse('account_signup')}']").count() == 1


def test_the_sessions_table_fits_a_desktop_and_names_the_browser(page):
    user = MembershipFactory(all_grants=True).user
    sign_in(page, user.email, PASSWORD)
    page.goto(reverse("usersessions_list"))
    shoot(page, "sessions")
    page.set_viewport_size({"width": 1280, "height": 900})
    fits = "el => el.scrollWidth <= el.clientWidth"
    assert page.locator("main table").evaluate(fits)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Playwright's headless Chromium says "HeadlessChrome" in its user agent.
    assert "Chrome" in page.locator("main tbody tr td").first.inner_text()


def test_my_data_export_holds_my_requests_and_their_messages(page):
    user = MembershipFactory(all_grants=True).user
    filed = SupportRequestFactory(account=user.memberships.get().account, requester=user)
    reply = MessageFactory(request=filed, body="Am verificat: factura este corectă.")
    sign_in(page, user.email, PASSWORD)
    page.goto(reverse("my_data"))
    with page.expect_download() as download:
        page.click(f"main a[href='{reverse('my_data_export')}']")
    exported = json.dumps(json.loads(Path(download.value.path()).read_text()), ensure_ascii=False)
    assert filed.number in exported
    assert reply.body in exported


def test_a_consent_withdrawn_is_explained_plainly_and_recorded(page):
    user = MembershipFactory(all_grants=True).user
    profile = services.Profile(**{field: getattr(user, field) for field in services.PROFILE_FIELDS})
    services.user_complete_signup(actor=Actor.of_user(user), user=user, profile=profile)
    sign_in(page, user.email, PASSWORD)
    page.goto(reverse("my_data"))
    with translation.override(user.language or "ro"):
        explanation = str(WITHDRAWING[Consent.Kind.TRANSFER])
    card = page.locator("main li.card", has=page.locator("input[name=kind][value=transfer]"))
    assert explanation in card.inner_text()
    shoot(page, "my-data-consents")

    card.locator("button[type=submit]").click()
    page.wait_for_url(f"**{reverse('my_data')}")
    withdrawn = Consent.objects.get(user=user, kind=Consent.Kind.TRANSFER)
    assert withdrawn.withdrawn_at is not None and withdrawn.version
    assert page.locator("main li.card input[name=kind][value=transfer]").count() == 0
    shoot(page, "my-data-consent-withdrawn")
