import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import add_never_cache_headers
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
