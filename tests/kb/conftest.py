import json
from pathlib import Path

import pytest

from clientdesk.kb.search import bump_index_version
from clientdesk.kb.services import load_demo_articles

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _fresh_search_index():
    # Each test's rows are rolled back, but the process keeps its index:
    # a new version token makes the next search read this test's rows.
    bump_index_version()


@pytest.fixture
def demo_articles(db):
    load_demo_articles()


def held_out(name: str) -> list[list[str]]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))
