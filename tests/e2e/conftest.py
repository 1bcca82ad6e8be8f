import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

# Playwright's sync API keeps an event loop in this thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    # This hook sees the whole session's items, not only this folder's.
    here = Path(__file__).parent
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        # Every test here is transactional (the live server). Each also restores the data
        # the migrations made: a flush without it lets post_migrate recreate the staff roles,
        # and the next test that restores them would then fail on their unique names.
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


_demo_snapshot: list[sqlite3.Connection] = []


@pytest.fixture
def demo(db):
    """The demo data. Loading it takes some twenty seconds: on SQLite the first test of each
    worker loads it and keeps a copy of the whole database, which the next tests restore in
    milliseconds (the live server shares this connection)."""
    if connection.vendor != "sqlite":
        call_command("demo_data", verbosity=0)
        return
    connection.ensure_connection()
    if _demo_snapshot:
        _demo_snapshot[0].backup(connection.connection)
        return
    call_command("demo_data", verbosity=0)
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _demo_snapshot.append(snapshot)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pytest_sessionstart(session):
    from tests.e2e.axe_report import AXE_DIR

    if not hasattr(session.config, "workerinput"):  # the controller, before any worker
        shutil.rmtree(AXE_DIR, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, config):
    from tests.e2e.axe_report import AXE_DIR, table
    from tests.e2e.journeys import SCREENSHOTS

    if AXE_DIR.exists():
        terminalreporter.section("axe findings by page (both languages, both widths)")
        for line in table():
            terminalreporter.write_line(line)
    if SCREENSHOTS.exists():
        terminalreporter.write_line(f"Screenshots at 390 and 1280 px: {SCREENSHOTS}")
