"""Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules on every kind of page.

Each page is checked in Romanian and English, on a phone (390 px) and a
desktop (1280 px), with the demo data, as the people who use it: a visitor,
a customer (ana.popescu@alfa.example) and two staff members. One test per
person and language signs in once and walks through that person's pages.

axe is injected with ``page.evaluate`` (what axe-playwright-python does):
Playwright's evaluate is not subject to the page's Content Security Policy,
so the strict CSP stays on while the rules run.

Besides the WCAG rules, axe's best practices run too (heading order,
landmarks, one main, unique landmark names): WCAG leaves these to judgement,
and a screen reader user relies on them to move around a page.

No rule is disabled. axe cannot check everything WCAG asks for (reading
order, meaningful link text, keyboard traps...); the keyboard test at the
end and manual checks cover part of the rest.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from clientdesk.accounts.models import CustomerAccount, User

DEMO_PASSWORD = "clientdesk-demo"
CUSTOMER = "ana.popescu@alfa.example"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]},
    "resultTypes": ["violations"],
}

# axe does not judge the contrast of text over a gradient or a background
# image: it files it under "incomplete", not "violations". The tables' scroll
# shadows and the home page's band are gradients, and the search fields and
# selects carry an icon, so most table text would go unchecked. Before the
# rules run, each is replaced with a solid colour at its worst point for the
# text over it (added with the CSSOM: the CSP forbids a <style> element).
WORST_CASE_BACKGROUNDS = [
    # The band's lightest point: --brand under both of its white circles (13% and 8%).
    ".hero { background: color-mix(in srgb, var(--brand) 80%, #fff) !important; }",
    # The darkest point of a scroll shadow: 16% of its colour over the surface.
    ".table-wrap { background: color-mix(in srgb, #fff 84%, rgb(16 24 40)) !important; }",
    "select, .search-box input { background-image: none !important; }",
]
FLATTEN_BACKGROUNDS = """rules => {
    const sheet = [...document.styleSheets].find(s => s.href && s.href.includes("portal"));
    for (const rule of rules) sheet.insertRule(rule, sheet.cssRules.length);
}"""
PHONE, DESKTOP = 390, 1280
WIDTHS = (PHONE, DESKTOP)
LANGUAGES = ("ro", "en")

axe = Axe()


DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
}"""


def axe_problems(page, where: str) -> list[str]:
    """One line per failing element: where, rule, impact, selector and what to do.

    Also duplicate ids, which axe 4.12 no longer reports unless ARIA refers to
    them (a label's ``for`` or an error link's ``#id`` finds the first one
    only), and a page wider than the window.
    """
    page.evaluate(FLATTEN_BACKGROUNDS, WORST_CASE_BACKGROUNDS)
    results = axe.run(page, options=AXE_OPTIONS)
    lines = [
        f"{where}: duplicate id {dup!r}: give each form its own id prefix (auto_id)"
        for dup in page.evaluate(DUPLICATE_IDS)
    ]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        lines.append(f"{where}: the page scrolls sideways (WCAG 1.4.10 Reflow)")
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) at {target!r}: "
                f"{violation['help']} [{summary}] {violation['helpUrl']}"
            )
    return lines


def check_pages(page, paths, lang: str, who: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.ok, (
                f"{who} {path}: {response and response.status}"
            )
            problems += axe_problems(page, f"{who} {lang} {width}px {path}")
    return problems


def report(problems: list[str]) -> str:
    return f"{len(problems)} accessibility violation(s):\n" + "\n".join(problems)


@pytest.fixture
def demo(db):
    call_command("demo_data", verbosity=0)


def use_language(page, live_server, lang: str) -> None:
    """A visitor's language is the cookie; a signed-in user's is on their profile.

    Also no motion: colours are then never caught halfway through a transition.
    """
    page.emulate_media(reduced_motion="reduce")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    User.objects.update(language=lang)


def sign_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(re.compile(r".*/(portal|staff)/.*"))


def first_link(page, path: str, pattern: str) -> str:
    """The first link in a list page's main whose address matches the pattern."""
    page.goto(path)
    for href in page.locator("main a[href]").evaluate_all("links => links.map(a => a.pathname)"):
        if re.fullmatch(pattern, href):
            return href
    raise AssertionError(f"no link matching {pattern} on {path}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_visitor_pages_pass_axe(page, live_server, demo, lang):
    use_language(page, live_server, lang)
    category = first_link(page, reverse("kb:home"), r"/faq/categories/[^/]+/")
    article = first_link(page, category, r"/faq/articles/[^/]+/")
    paths = [
        reverse("home"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("kb:home"),
        category,
        article,
        reverse("kb:search") + "?q=contract",
        reverse("contact"),
    ]
    problems = check_pages(page, paths, lang, "visitor")

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        where = f"visitor {lang} {width}px"
        # The sign-up form after an empty submit: the error summary and the fields in error.
        # (novalidate: the browser's own checks would stop the empty form from being sent.)
        page.goto(reverse("account_signup"))
        page.locator("main form").first.evaluate("form => form.setAttribute('novalidate', '')")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_selector("[data-error-summary]")
        page.wait_for_load_state()
        problems += axe_problems(page, f"{where} {reverse('account_signup')} (empty submit)")

    # The phone's menu, open.
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(reverse("home"))
    page.click("[data-nav-toggle]")
    page.wait_for_selector("#site-nav.is-open")
    problems += axe_problems(page, f"visitor {lang} {PHONE}px / (menu open)")

    assert not problems, report(problems)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_customer_pages_pass_axe(page, live_server, demo, lang):
    use_language(page, live_server, lang)
    sign_in(page, CUSTOMER)
    account = CustomerAccount.objects.filter(memberships__user__email=CUSTOMER).first()
    support_request = first_link(page, reverse("support:list"), r"/requests/REQ-[0-9-]+/")
    order = first_link(page, reverse("orders:list"), r"/orders/[0-9a-f-]{36}/")
    page.goto(reverse("support:new"))
    type_link = page.locator("main a[href*='?type=']").first.get_attribute("href")
    assert type_link, "no request type on the choose-a-type page"
    paths = [
        reverse("dashboard"),
        reverse("support:list"),
        support_request,
        reverse("support:new"),
        type_link,
        reverse("orders:list"),
        order,
        reverse("access_list"),
        reverse("access_new"),
        reverse("profile"),
        reverse("my_data"),
        reverse("mfa_index"),
        reverse("company_users", args=[account.public_id]),
    ]
    problems = check_pages(page, paths, lang, "customer")
    assert not problems, report(problems)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages_pass_axe(page, live_server, demo, lang):
    """The support agent works the request queue; the contracts representative, access requests.

    Each sees only what their role allows (the other's pages answer 403).
    """
    use_language(page, live_server, lang)
    problems = []

    sign_in(page, "agent@vendor.example")
    staff_request = first_link(
        page, reverse("support_staff:queue"), r"/staff/requests/REQ-[0-9-]+/"
    )
    paths = [reverse("backoffice:home"), reverse("support_staff:queue"), staff_request]
    problems += check_pages(page, paths, lang, "agent")

    sign_in(page, "contracts@vendor.example")
    access_request = first_link(
        page, reverse("backoffice:access_queue"), r"/staff/access/[0-9a-f-]{36}/"
    )
    paths = [reverse("backoffice:home"), reverse("backoffice:access_queue"), access_request]
    problems += check_pages(page, paths, lang, "contracts")

    assert not problems, report(problems)


# What has the keyboard focus, and whether one can see it: an outline of at
# least 2 px (every focus style in portal.css is an outline).
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const label = el.innerText || el.value || el.getAttribute("aria-label") || "";
    const kind = typeof el.className === "string" && el.className ? el.className.split(" ")[0] : "";
    return {
        name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${kind ? "." + kind : ""}`
            + ` "${label.trim().slice(0, 30)}"`,
        id: el.id,
        visible: el.matches(":focus-visible") && style.outlineStyle !== "none"
            && parseFloat(style.outlineWidth) >= 2,
        shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
        inNav: Boolean(el.closest("#site-nav")),
        inMain: Boolean(el.closest("main")),
        skipLink: el.classList.contains("skip-link"),
    };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def tab_through(page, path: str, limit: int = 150) -> list[dict]:
    """Every stop of the Tab order of a freshly loaded page, once round."""
    page.goto(path)
    stops = []
    for _ in range(limit):
        focused = tab(page)
        if focused is None or (stops and focused["skipLink"]):
            return stops
        stops.append(focused)
    raise AssertionError(f"the Tab order did not come round in {limit} presses")


def unseen_focus(stops: list[dict], where: str) -> list[str]:
    return [
        f"{where}: {stop['name']} has focus but no visible focus indicator"
        for stop in stops
        if not stop["visible"]
    ] + [
        f"{where}: {stop['name']} takes focus but is not shown"
        for stop in stops
        if not stop["shown"]
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keyboard_only_the_skip_link_the_menu_and_a_visible_focus_everywhere(
    page, live_server, demo
):
    problems = []

    # Desktop: the skip link comes first and moves the focus to the content.
    page.goto(reverse("home"))
    first = tab(page)
    assert first["skipLink"] and first["visible"], first
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert tab(page)["inMain"], "Tab after the skip link should stay in the content"

    # The Tab order reaches the main navigation, then the content.
    stops = tab_through(page, reverse("home"))
    names = [stop["name"] for stop in stops]
    in_nav = [i for i, stop in enumerate(stops) if stop["inNav"]]
    in_main = [i for i, stop in enumerate(stops) if stop["inMain"]]
    assert in_nav and in_main and max(in_nav) < min(in_main), names
    problems += unseen_focus(stops, "visitor 1280px /")

    # Phone: the menu button opens the folded menu with Enter; Escape closes it.
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(reverse("home"))
    toggle = page.locator("[data-nav-toggle]")
    on_toggle = "document.activeElement.hasAttribute('data-nav-toggle')"
    for _ in range(5):  # the skip link, the brand, then the menu button
        focused = tab(page)
        assert not focused["inNav"], "the folded menu's links should not take focus"
        if page.evaluate(on_toggle):
            break
    assert page.evaluate(on_toggle) and focused["visible"], focused
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-nav").is_visible()
    assert tab(page)["inNav"], "Tab after opening the menu should enter it"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-nav").is_visible()
    assert page.evaluate(on_toggle), "Escape should give the focus back to the menu button"
    problems += unseen_focus(tab_through(page, reverse("home")), f"visitor {PHONE}px /")

    # A form sent empty: the error summary has the focus, and its links lead to the fields.
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(reverse("account_signup"))
    page.locator("main form").first.evaluate("form => form.setAttribute('novalidate', '')")
    page.locator("main form button[type=submit]").last.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("'#' + document.activeElement.id") == target
    stops = [page.evaluate(FOCUSED)] + [tab(page) for _ in range(12)]
    problems += unseen_focus(stops, f"visitor {DESKTOP}px sign-up form with errors")

    # A customer's pages, at both widths: every stop shows where the focus is.
    sign_in(page, CUSTOMER)
    page.goto(reverse("support:new"))
    type_link = page.locator("main a[href*='?type=']").first.get_attribute("href")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            reverse("dashboard"),
            type_link,
            reverse("orders:list"),
            reverse("access_list"),
        ):
            problems += unseen_focus(tab_through(page, path), f"customer {width}px {path}")

    assert not problems, "\n".join(problems)
