import json
import time
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserLanguageMiddleware:
    """Romanian unless the user chose otherwise: their profile, then the language cookie.

    The browser's Accept-Language is deliberately ignored: the vendor's
    default language is the portal's default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


SESSION_LAST_SEEN = "_last_seen"
SESSION_SIGNED_IN = "_signed_in_at"
# The last-seen time is written at most this often: a session save is a write.
LAST_SEEN_RESOLUTION = 60


class SessionSafetyMiddleware:
    """A signed-in session ends after ``SESSION_IDLE_TIMEOUT`` seconds without a request,
    and ``SESSION_COOKIE_AGE`` seconds after sign-in whatever happens; and no response for a
    signed-in user is kept by a browser or a proxy (``Cache-Control: no-store``).

    The idle clock is a time stored in the session, refreshed at most once a minute, so a
    busy user does not write their session on every request (``SESSION_SAVE_EVERY_REQUEST``).
    A response that chose its own caching keeps it: the vendor's public colours and logo,
    the order page's poll ("private, no-cache", revalidated by its ETag); static files are
    answered by WhiteNoise before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and not self._still_valid(request):
            logout(request)
            messages.info(request, _("Your session ended after a period of inactivity."))
            signed_in = False
        response = self.get_response(request)
        if signed_in and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    def _still_valid(self, request) -> bool:
        session = request.session
        now = int(time.time())
        if SESSION_SIGNED_IN not in session:
            # A session from before these clocks: they start now.
            start_clocks(session)
        signed_in_at = session[SESSION_SIGNED_IN]
        last_seen = session.get(SESSION_LAST_SEEN, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            return False
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            return False
        if now - last_seen >= LAST_SEEN_RESOLUTION:
            session[SESSION_LAST_SEEN] = now
            # Saving the session would start its cookie's age again: keep the sign-in's end.
            session.set_expiry(max(signed_in_at + settings.SESSION_COOKIE_AGE - now, 1))
        return True


def start_clocks(session) -> None:
    """At sign-in: the idle clock and the absolute end start now."""
    now = int(time.time())
    session[SESSION_SIGNED_IN] = now
    session[SESSION_LAST_SEEN] = now
    session.set_expiry(settings.SESSION_COOKIE_AGE)


def on_signed_in(sender, request, user, **kwargs) -> None:
    start_clocks(request.session)


NUL = "\x00"
# The integration API answers its own error shape (clientdesk/api/errors.py), not a page.
API_PREFIX = "/api/"


def _nul_in(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(item) for item in value)
    return False


def _nul_in_query(query) -> str | None:
    """The name of the first parameter with a NUL in its name or a value, if any."""
    for name, values in query.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "")
    return None


def _nul_in_json(request) -> bool:
    if not request.content_type or not request.content_type.endswith("json"):
        return False
    try:
        return _nul_in(json.loads(request.body))
    except ValueError:  # not JSON: the API's own parsing refuses it, in its shape
        return False


class RejectNulMiddleware:
    """A NUL character anywhere in the path, a query or form parameter, a cookie or an API's
    JSON body answers 400 (the portal's 400 page; the API: 422 in its error shape), before any view.

    PostgreSQL refuses NUL in text, so any of them reaching a query was a 500; no browser
    sends one in a form, so a request carrying one is refused rather than silently altered
    (docs/decisions.md). It runs before the sessions, whose key comes from a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = self._where(request)
        if where is None:
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            # 422 as the API's own validation answers (every operation declares it), in its
            # shape, with its code for an unreadable request (clientdesk/api/errors.py).
            item = {
                "loc": where,
                "code": "bad_request",
                "msg": gettext("The request could not be read."),
            }
            return JsonResponse({"detail": [item]}, status=422)
        raise BadRequest("A NUL character in the request")

    def _where(self, request) -> list[str | int] | None:
        if NUL in request.path:
            return ["path"]
        name = _nul_in_query(request.GET)
        if name is not None:
            return ["query", name]
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            return ["cookie"]
        if request.method == "POST":
            name = _nul_in_query(request.POST)
            if name is not None:
                return ["body", name]
        if request.method in ("POST", "PUT", "PATCH") and _nul_in_json(request):
            return ["body"]
        return None


def permissions_policy(features: Mapping[str, Sequence[str]]) -> str:
    """``camera=(), payment=()``: the Permissions-Policy header of the settings' table."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not send: Permissions-Policy and
    Cross-Origin-Resource-Policy. First in MIDDLEWARE, so that static files answered by
    WhiteNoise and every error page carry them too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": permissions_policy(settings.PERMISSIONS_POLICY),
            "Cross-Origin-Resource-Policy": settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response
