"""What the journey tests share: signing in, the mail a real SMTP server received, and the
screenshots of each journey's key pages at both widths, kept for CI in SCREENSHOTS.

The portal speaks Romanian to a visitor, so the steps find links and buttons by where
they lead or by their form, not by their words.
"""

import email.message
import re
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "ci-artifacts" / "screenshots"
PHONE, DESKTOP = 390, 1280
DEMO_PASSWORD = "clientdesk-demo"


def sign_in(page, email_address: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email_address)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(re.compile(r".*/(portal|staff)/.*"))


SIGN_UP = {
    "first_name": "Radu",
    "last_name": "Stan",
    "phone": "0722 555 109",
    "company": "Alfa Industries SRL",
    "job_title": "Achiziții",
    "password1": "Munte-Verde-2026!",
    "password2": "Munte-Verde-2026!",
}


def fill_sign_up(page, **fields: str) -> None:
    """The sign-up form filled in (SIGN_UP, with ``fields`` over it) and both consents given."""
    for name, value in {**SIGN_UP, **fields}.items():
        page.fill(f"input[name={name}]", value)
    page.check("input[name=consent_contact]")
    page.check("input[name=consent_transfer]")


def shoot(page, name: str) -> None:
    """The page as it is now, full length, at a phone's and a desktop's width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": DESKTOP, "height": 900})


def run_tasks() -> None:
    """What the live server queued is done (mail sent, PDFs rendered) by the task worker."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def text_of(message: email.message.Message) -> str:
    return next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )


def received(smtp, to: str) -> list[email.message.Message]:
    return [message for message in smtp.messages if message["To"] == to]


def link_path(text: str, pattern: str) -> str:
    """The path of the first link in a mail's text whose path matches the pattern."""
    for path in re.findall(r"https?://[^/\s]+(/\S*)", text):
        if re.search(pattern, path):
            return path
    raise AssertionError(f"no link matching {pattern} in:\n{text}")
