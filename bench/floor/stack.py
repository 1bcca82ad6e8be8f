"""Settings: the project as deployed, with one more page (stack_urls.py)."""

from clientdesk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor.stack_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "floor" / "templates"]  # noqa: F405
