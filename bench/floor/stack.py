"""Settings: the project as deployed, with one more page (stack_urls.py)."""

from clientdesk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor.stack_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "floor" / "templates"]  # noqa: F405

# Pages name their static files through the same manifest as in production; the benchmark
# asks for no static file, so WhiteNoise's compressed copies (brotli and gzip of every file:
# a minute and a half of collectstatic a run on this machine) are left out.
STATIC_ROOT = VAR_DIR / "bench-static"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
