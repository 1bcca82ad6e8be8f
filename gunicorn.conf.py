"""gunicorn's settings for the portal, read from the working directory by default.

gunicorn names itself in a Server header of every answer, and has no setting to stop it;
the header only tells a scanner which software (and so which flaws) to try. It is left out
here, where gunicorn writes its own headers (tests/security/test_headers.py runs gunicorn).
Flags on the command line (--workers, --bind) still apply on top of this file.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server  # type: ignore[method-assign]
