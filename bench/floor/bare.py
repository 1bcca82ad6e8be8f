"""Settings: Django with nothing of ours: no middleware, no context processor (bare_urls.py)."""

from clientdesk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor.bare_urls"
MIDDLEWARE: list[str] = []
INSTALLED_APPS: list[str] = []
TEMPLATES = [
    {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "OPTIONS": {}}
]
