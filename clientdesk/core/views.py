from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from clientdesk.accounts.queries import memberships_of
from clientdesk.core.models import VendorConfig
from clientdesk.core.navigation import SECTIONS


@require_GET
def home(request):
    return render(request, "core/home.html", {"current_section": "home"})


@require_GET
def contact(request):
    return render(request, "core/contact.html", {"current_section": "contact"})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@login_required
@require_GET
def dashboard(request):
    memberships = list(memberships_of(request.user))
    held = {grant for m in memberships for grant in m.grants}
    tiles = [s for s in SECTIONS if s.grant in held]
    return render(
        request,
        "core/dashboard.html",
        {
            "current_section": "dashboard",
            "memberships": memberships,
            "tiles": tiles,
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
    css = f":root{{--brand:{vendor.primary_colour};--accent:{vendor.accent_colour};}}\n"
    return HttpResponse(css, content_type="text/css")


@require_GET
@cache_control(public=True, max_age=3600)
def brand_logo(request):
    vendor = VendorConfig.get()
    if not vendor.logo:
        raise Http404
    return FileResponse(vendor.logo.open("rb"))
