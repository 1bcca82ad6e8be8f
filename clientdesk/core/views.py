from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views import defaults, i18n
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from clientdesk.core import tenancy
from clientdesk.core.models import VendorConfig
from clientdesk.core.navigation import tiles_for, waiting_for


@require_GET
def home(request):
    return render(request, "core/home.html", {"current_section": "home"})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@login_required
@require_GET
def dashboard(request):
    memberships = tenancy.held_memberships(request.user)
    held = frozenset(grant for m in memberships for grant in m.grants)
    tiles = tiles_for(request.user, held)
    return render(
        request,
        "core/dashboard.html",
        {
            "current_section": "dashboard",
            "memberships": memberships,
            "tiles": tiles,
            "waiting": waiting_for(request.user, held),
            "is_account_admin": any("admin" in m.grants for m in memberships),
        },
    )


@require_POST
def set_language(request):
    """Django's language switch, remembered on the profile of a signed-in user."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@cache_control(public=True, max_age=3600)
def brand_css(request):
    """The vendor's colours as CSS variables: configuration, not code (and no inline style)."""
    vendor = VendorConfig.get()
    on_brand = text_colour_on(vendor.primary_colour)
    css = (
        f":root{{--brand:{vendor.primary_colour};--accent:{vendor.accent_colour};"
        f"--on-brand:{on_brand};}}\n"
    )
    return HttpResponse(css, content_type="text/css")


DARK_TEXT = "#1b2430"


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def text_colour_on(background: str) -> str:
    """White or dark text, whichever contrasts more with the brand colour."""
    lum = luminance(background)
    against_white = 1.05 / (lum + 0.05)
    against_dark = (lum + 0.05) / (luminance(DARK_TEXT) + 0.05)
    return "#ffffff" if against_white >= against_dark else DARK_TEXT


@require_GET
@cache_control(public=True, max_age=3600)
def brand_logo(request):
    vendor = VendorConfig.get()
    if not vendor.logo:
        raise Http404
    return FileResponse(vendor.logo.open("rb"))


def bad_request(request, exception):
    """The 400 page; a request refused before the authentication middleware (a host not
    allowed) has no user yet, which the layout asks for."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return defaults.bad_request(request, exception)


def server_error(request):
    """The 500 page: it must render with the database down, so it reads no row and runs no
    context processor; the vendor's name and phone come from a copy already in memory or in
    the cache, when there is one."""
    try:
        vendor = VendorConfig.kept()
    except Exception:  # a cache that is down too must not hide the page
        vendor = None
    html = loader.get_template("500.html").render(
        {"vendor": vendor, "LANG": translation.get_language() or settings.LANGUAGE_CODE}
    )
    return HttpResponseServerError(html)
