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
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from clientdesk.accounts.models import User
from tests.e2e.axe_report import record_findings
from tests.e2e.crawl import Crawl
from tests.e2e.journeys import DEMO_PASSWORD, DESKTOP, PHONE
from tests.e2e.journeys import sign_in as sign_in_as

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
WIDTHS = (PHONE, DESKTOP)
LANGUAGES = ("ro", "en")

axe = Axe()


DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
}"""


def axe_findings(page) -> list[dict]:
    """One entry per failing element: rule, impact, selector and what to do.

    Also duplicate ids, which axe 4.12 no longer reports unless ARIA refers to
    them (a label's ``for`` or an error link's ``#id`` finds the first one
    only), and a page wider than the window; both count as serious.
    """
    page.evaluate(FLATTEN_BACKGROUNDS, WORST_CASE_BACKGROUNDS)
    settle(page)
    # Injected once per page load: the page is checked again after a resize without it.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe.axe_script)
    results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
    found = [
        {
            "rule": "duplicate-id",
            "impact": "serious",
            "target": dup,
            "help": "give each form its own id prefix (auto_id)",
        }
        for dup in page.evaluate(DUPLICATE_IDS)
    ]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append(
            {
                "rule": "reflow",
                "impact": "serious",
                "target": "html",
                "help": "the page scrolls sideways (WCAG 1.4.10 Reflow)",
            }
        )
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            found.append(
                {
                    "rule": violation["id"],
                    "impact": violation["impact"],
                    "target": " ".join(str(part) for part in node["target"]),
                    "help": f"{violation['help']} [{summary}] {violation['helpUrl']}",
                }
            )
    return found


def as_lines(where: str, findings: list[dict]) -> list[str]:
    return [
        f"{where}: {f['rule']} ({f['impact']}) at {f['target']!r}: {f['help']}" for f in findings
    ]


def axe_problems(page, where: str) -> list[str]:
    return as_lines(where, axe_findings(page))


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


# Two frames: the first runs before the next style and layout pass, the second
# after it has been painted.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settle(page) -> None:
    """Wait until the page has laid out and painted what the last step changed.

    axe reads boxes and backgrounds asynchronously; a layout still moving (a
    resize, the phone's menu just opened, the worst-case backgrounds just
    added) let it pair a box with the wrong background (CI saw white hero
    text over the body's #f4f6f9, twice, once with the menu open).
    """
    page.evaluate(SETTLED)


def resize(page, width: int) -> None:
    """Resize a page already loaded, and wait until its layout has the new width.

    Playwright returns before the page has reflowed; axe runs asynchronously, so
    it could take an element's box from the old layout and look for the
    background at that point in the new one, finding the body's (CI saw white
    text over #f4f6f9 on the home page's band).
    """
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_function("width => window.innerWidth === width", arg=width)
    settle(page)


def report(problems: list[str]) -> str:
    return f"{len(problems)} accessibility violation(s):\n" + "\n".join(problems)


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
    sign_in_as(page, email, DEMO_PASSWORD)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_a_visitor_sees_after_acting_passes_axe(page, live_server, demo, lang):
    """States no link leads to: search results, a form sent empty, the phone's menu open."""
    use_language(page, live_server, lang)
    problems = check_pages(page, [reverse("kb:search") + "?q=contract"], lang, "visitor")

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


# Every demo user, and a visitor: where each starts, and the bounds of their crawl.
PEOPLE = {
    "visitor": None,
    "ana": "ana.popescu@alfa.example",
    "mihai": "mihai.ionescu@alfa.example",
    "elena": "elena.dumitru@beta.example",
    "agent": "agent@vendor.example",
    "contracts": "contracts@vendor.example",
    "admin": "admin@vendor.example",
}
MAX_PAGES, CRAWL_SECONDS = 25, 40
# The same for everyone: the visitor's crawl checks them (a signed-in header is on every
# other page).
PUBLIC_ROUTES = {
    "home",
    "privacy",
    "contact",
    "verify:page",
    "kb:home",
    "kb:category",
    "kb:article",
}
# allauth's own pages (e-mail, password, two-factor, sessions) are the same for everyone
# in the same layout: one crawl checks them.
ACCOUNT_PAGES = re.compile(r"(account|mfa|usersessions)_.*")
CHECKS_ACCOUNT_PAGES = {"ana"}
SERIOUS = {"serious", "critical"}


def start_page(email: str | None) -> str:
    if email is None:
        return reverse("home")
    return reverse("backoffice:home" if email.endswith("@vendor.example") else "dashboard")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("who", PEOPLE)
def test_every_page_a_demo_user_reaches_passes_axe(page, live_server, demo, who):
    """The crawl runs once, in Romanian; each page found is checked in both languages at
    both widths. Serious and critical violations fail; every finding goes to
    the table printed at the end of the run (conftest.py)."""
    email = PEOPLE[who]
    use_language(page, live_server, "ro")
    if email:
        sign_in(page, email)
    findings: list[dict] = []

    def check(lang: str, path: str) -> None:
        """The page as loaded, at both widths: resized, not loaded again."""
        for width in WIDTHS:
            resize(page, width)
            for finding in axe_findings(page):
                findings.append({**finding, "who": who, "lang": lang, "width": width, "page": path})

    def skipped(route: str) -> bool:
        if email is None:
            return False
        return route in PUBLIC_ROUTES or (
            who not in CHECKS_ACCOUNT_PAGES and bool(ACCOUNT_PAGES.fullmatch(route))
        )

    crawl = Crawl(max_pages=MAX_PAGES, seconds=CRAWL_SECONDS, skipped=skipped)
    crawl.run(page, start_page(email), lambda path: check("ro", path))
    use_language(page, live_server, "en")
    for path in crawl.pages:
        response = page.goto(path)
        assert response is not None and response.ok, f"{who} {path}: {response and response.status}"
        check("en", path)
    record_findings(who, crawl.pages, findings)

    assert len(crawl.pages) > 1, f"{who}: the crawl found no page beyond {start_page(email)}"
    assert not crawl.broken, f"{who}: links that lead nowhere: {crawl.broken}"
    serious = [f for f in findings if f["impact"] in SERIOUS]
    lines = [
        line
        for f in serious
        for line in as_lines(f"{f['who']} {f['lang']} {f['width']}px {f['page']}", [f])
    ]
    assert not lines, report(lines)


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
