#!/usr/bin/env python3
"""Screenshots of portal pages at phone and desktop widths, in both languages.

    .venv/bin/python tools/screenshots.py                      # the default set
    .venv/bin/python tools/screenshots.py / /account/login/    # chosen paths
    .venv/bin/python tools/screenshots.py --user ana.popescu@alfa.example /portal/ /profile/
    .venv/bin/python tools/screenshots.py --lang en --width 390,768 /faq/
    .venv/bin/python tools/screenshots.py --base-url http://127.0.0.1:8123 /

Without --base-url the script starts its own development server (on a free
port, with the current environment's database) and stops it afterwards;
with it, it uses the server already running there.

Without paths it shoots the visitor's pages, then the customer's pages as
the demo user (ana.popescu@alfa.example). --user signs in first (through the
real sign-in form) and shoots the given paths as that user.

Files land in screenshots/ (gitignored) as <who>-<page>-<lang>-<width>.png,
full page. Console messages about the Content Security Policy, and pages
that answer with an error, are reported at the end; the exit status is 1
if there were any.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_USER = "ana.popescu@alfa.example"
DEMO_PASSWORD = "clientdesk-demo"  # noqa: S105 - the demo data's published password

VISITOR_PATHS = [
    "/",
    "/contact/",
    "/faq/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
]
CUSTOMER_PATHS = [
    "/portal/",
    "/access/",
    "/access/new/",
    "/profile/",
    "/profile/data/",
    "/account/email/",
    "/account/password/change/",
    "/account/2fa/",
    "/account/2fa/totp/activate/",
    "/account/sessions/",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local URL
                return
        except urllib.error.HTTPError:
            return  # the server answers; an error page is still an answer
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no server answered at {url}")


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for(base_url + "/")
    except SystemExit:
        process.terminate()
        raise
    return process, base_url


def slug(path: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
    return name or "home"


def goto(page, url: str):
    """page.goto, patient with a development server that is reloading."""
    for attempt in range(5):
        try:
            return page.goto(url)
        except Exception:
            if attempt == 4:
                raise
            time.sleep(1.5)
    return None


def sign_in(page, base_url: str, email: str, password: str) -> None:
    for attempt in range(3):
        try:
            goto(page, base_url + "/account/login/")
            page.fill("input[name=login]", email)
            page.fill("input[name=password]", password)
            with page.expect_navigation():
                page.locator(
                    "form.form--login [type=submit], main form [type=submit]"
                ).first.click()
            break
        except Exception:
            if attempt == 2:
                raise
            time.sleep(1.5)
    if "/account/login/" in page.url:
        raise SystemExit(f"could not sign in as {email}")


def switch_language(page, lang: str) -> None:
    """A signed-in user's language is their profile's: switch it as they would."""
    if page.evaluate("document.documentElement.lang") == lang:
        return
    button = page.locator(f".lang-switch__button[value='{lang}']").first
    if not button.is_visible():
        page.locator("[data-nav-toggle]").first.click()  # the folded phone menu
    with page.expect_navigation():
        button.click()


def shoot(
    browser,
    base_url: str,
    paths: list[str],
    who: str,
    user: str | None,
    password: str,
    langs: list[str],
    widths: list[int],
    out: Path,
    problems: list[str],
) -> None:
    for width in widths:
        context = browser.new_context(
            viewport={"width": width, "height": 900 if width > 600 else 844},
            device_scale_factor=1,
            reduced_motion="reduce",
        )
        page = context.new_page()
        page.on(
            "console",
            lambda msg, page=page: (
                "Content Security Policy" in msg.text
                and problems.append(f"CSP on {page.url}: {msg.text}")
            ),
        )
        original_lang = None
        if user:
            sign_in(page, base_url, user, password)
            original_lang = page.evaluate("document.documentElement.lang")
        for lang in langs:
            host = base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
            context.add_cookies(
                [{"name": "django_language", "value": lang, "domain": host, "path": "/"}]
            )
            if user:
                goto(page, base_url + paths[0])
                switch_language(page, lang)
            for path in paths:
                response = goto(page, base_url + path)
                page.wait_for_load_state("networkidle")
                status = response.status if response else 0
                if status >= 400:
                    problems.append(f"{status} for {path} ({who}, {lang}, {width}px)")
                file = out / f"{who}-{slug(path)}-{lang}-{width}.png"
                page.screenshot(path=str(file), full_page=True)
                print(f"{status} {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}")
        if original_lang:
            switch_language(page, original_lang)  # leave the user's profile as it was
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "paths", nargs="*", help="paths to shoot (default: the visitor and customer sets)"
    )
    parser.add_argument("--base-url", help="a running server (default: start one)")
    parser.add_argument("--user", help="sign in as this e-mail address first")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--lang", default="ro,en", help="comma-separated (default: ro,en)")
    parser.add_argument(
        "--width", default="390,1280", help="comma-separated pixels (default: 390,1280)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.lang = [code.strip() for code in args.lang.split(",") if code.strip()]
    args.width = [int(width) for width in args.width.split(",") if width.strip()]

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    server = None
    base_url = (args.base_url or "").rstrip("/")
    if not base_url:
        server, base_url = start_server()
    else:
        wait_for(base_url + "/")

    if args.paths:
        runs = [(args.user, args.paths)]
    elif args.user:
        runs = [(args.user, CUSTOMER_PATHS)]
    else:
        runs = [(None, VISITOR_PATHS), (DEMO_USER, CUSTOMER_PATHS)]

    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for user, paths in runs:
                who = user.split("@", 1)[0].replace(".", "-") if user else "visitor"
                shoot(
                    browser,
                    base_url,
                    paths,
                    who,
                    user,
                    args.password,
                    args.lang,
                    args.width,
                    args.out,
                    problems,
                )
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)

    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
