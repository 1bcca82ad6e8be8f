import json
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.core.management import call_command

from clientdesk.kb.search import bump_index_version
from clientdesk.kb.search.engine import LANGS, VERSION_KEY, store_snapshot
from clientdesk.kb.services import load_demo_articles

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _fresh_search_index():
    # Each test's rows are rolled back, but the process keeps its index:
    # a new version token makes the next search read this test's rows.
    bump_index_version()


@pytest.fixture
def demo_articles(db):
    """The demo articles, searched as in production: with the worker's embedded snapshot.
    The first costs seconds per test process; later ones reuse the texts' vectors."""
    load_demo_articles()
    embed_current_articles()


def embed_current_articles() -> None:
    """The worker's job for the current version, without the queue's round trip."""
    for lang in LANGS:
        store_snapshot(lang, cache.get(VERSION_KEY))


def held_out(name: str) -> list[list[str]]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Make a change as a committed transaction would, then let the worker rebuild."""

    @contextmanager
    def committed():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_worker()

    return committed


def run_worker() -> None:
    # The worker closes "old" connections between tasks: inside a test's transaction on
    # PostgreSQL that closes the test's own connection (SQLite's in-memory one ignores
    # it). Django's test client keeps the connection open the same way.
    with patch("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
