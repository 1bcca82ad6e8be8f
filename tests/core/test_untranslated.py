"""No English shown to a Romanian user: every page a demo user reaches by links, and the e-mails.

The demo data is loaded once; each demo person (customers and staff), in Romanian, crawls the
pages reachable from their home page (a bounded breadth-first walk, one page per URL shape),
then the queued e-mails are read. Visible text is every text node outside scripts and styles,
plus the attributes people read or hear (title, aria-label, placeholder, alt, button values).
A leak is a text that is, whole, a msgid of ours or allauth's whose Romanian differs, or an
English giveaway word.
"""

import re
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html

from clientdesk.accounts.demo import PEOPLE
from clientdesk.accounts.models import User
from clientdesk.core.models import OutboundEmail

ROOT = Path(__file__).resolve().parents[2] / "clientdesk"
CATALOGUES = [
    ROOT / "locale" / "ro" / "LC_MESSAGES" / "django.po",
    ROOT / "locale_allauth" / "ro" / "LC_MESSAGES" / "django.po",
]
DEMO_PEOPLE = [person[0] for person in PEOPLE]  # customers and staff
PAGES_PER_PERSON = 90
# Pages of one shape differ by their data (an order's carrier events): a few of each.
PER_SHAPE = 6
# Pages that are not the portal's own text: the generated API reference, Django's admin,
# downloads, and links that act (sign-out asks for a POST; a GET only shows its page).
SKIPPED = re.compile(
    r"^/(admin/|api/|static/|media/)|/(pdf|xml|zip|csv|xlsx|download|export)\b|\.(pdf|xml|zip|csv)$"
)
# Whole English words that no Romanian sentence holds ("Total", "Contract" are Romanian too).
GIVEAWAYS = re.compile(
    r"\b(the|and|your|you|of|with|for|to|from|at|by|is|this|Sign|Submit|Save|Cancel|"
    r"Download|Status|Decision|Request|Order|Invoice|Search|Back|Next|Previous|Password|"
    r"Details|Reply|Waiting|Closed|Show|Filter|Apply|Delete|Edit|Send|Yes|None|Page|"
    r"Shipment|Arrived|Departed|picked|Update|Remember|Email|late|met)\b"
)
# Data and names that carry an English word on purpose, each with its reason.
ALLOWED = [
    # Product names from the vendor's catalogue.
    re.compile(r"ThinkPad|Veeam|Data Platform|Full HD|Synology|Aruba|FortiGate|Fortinet"),
    # The vendor's maintenance plan is a brand.
    re.compile(r"ServicePac"),
    # Identifiers: API scopes and webhook event kinds ("contract.signed: ...").
    re.compile(r"^[a-z_]+:(read|write)$|^[a-z_]+\.[a-z_.]+(:|$)|OpenAPI|Swagger"),
]
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def catalogue_leaks() -> set[str]:
    """The English texts whose Romanian differs: shown as they are, they are untranslated."""
    texts: set[str] = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.msgid_plural and entry.msgstr != entry.msgid:
                texts.add(" ".join(entry.msgid.split()))
    return texts


def visible_texts(markup: str) -> list[str]:
    if not markup.strip():
        return []
    tree = html.fromstring(markup)
    # Text marked as another language (an English article on a staff page) or as not to be
    # translated (codes, addresses) is data, not the portal's wording.
    others = "//*[@lang][not(starts-with(@lang, 'ro'))]|//*[@translate='no']"
    for node in tree.xpath(f"//script|//style|//template|{others}"):
        node.drop_tree()
    texts = [" ".join(t.split()) for t in tree.xpath("//text()")]
    for attribute in ATTRIBUTES:
        texts += tree.xpath(f"//@{attribute}")
    texts += tree.xpath("//input[@type='submit' or @type='button']/@value")
    return [t for t in texts if t.strip()]


def leaks_in(texts: list[str], known: set[str]) -> list[str]:
    found = []
    for text in texts:
        text = " ".join(text.split())
        if any(allowed.search(text) for allowed in ALLOWED):
            continue
        if text in known or GIVEAWAYS.search(text):
            found.append(text)
    return found


def shape(path: str) -> str:
    """One page per URL shape: numbers, identifiers and tokens become a placeholder."""
    return re.sub(r"[0-9][\w-]*|[0-9a-f]{8}-[\w-]+", "#", path)


def crawl(client: Client, starts: list[str], known: set[str]) -> dict[str, list[str]]:
    shapes: Counter[str] = Counter(shape(start) for start in starts)
    seen, queue, leaks = set(starts), deque(starts), {}
    visited = 0
    while queue and visited < PAGES_PER_PERSON:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        markup = response.content.decode()
        if found := leaks_in(visible_texts(markup), known):
            leaks[url] = found
        for href in html.fromstring(markup).xpath("//a/@href"):
            target = urldefrag(href).url
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith("/") or SKIPPED.search(parts.path):
                continue
            if path in seen or shapes[shape(path)] >= PER_SHAPE or "logout" in path:
                continue
            seen.add(path)
            shapes[shape(path)] += 1
            queue.append(path)
    return leaks


@pytest.mark.django_db
def test_a_romanian_user_sees_no_english_on_any_page_or_e_mail():
    call_command("demo_data", verbosity=0)
    known = catalogue_leaks()
    leaks: dict[str, list[str]] = {}
    for email in DEMO_PEOPLE:
        user = User.objects.get(email=email)
        user.language = "ro"
        user.save(update_fields=["language"])
        client = Client()
        client.force_login(user)
        start = "/staff/" if user.is_staff else "/"
        for url, found in crawl(client, [start], known).items():
            leaks[f"{email} {url}"] = found
    public = ["/account/login/", "/account/signup/", "/account/password/reset/", "/faq/"]
    leaks.update({f"anonymous {u}": f for u, f in crawl(Client(), public, known).items()})
    for message in OutboundEmail.objects.all():
        texts = visible_texts(message.body_html) + message.body_text.splitlines()
        if found := leaks_in([message.subject, *texts], known):
            leaks[f"e-mail {message.template} to {message.to}"] = found
    assert leaks == {}
