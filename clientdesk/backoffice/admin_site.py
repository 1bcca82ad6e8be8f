"""The Django admin as the vendor admin's last resort: daily staff work is in /staff/.

Only vendor admins (superusers or the Vendor admin group) enter it, through the
portal's own sign-in (two-factor and the login rate limit); and the names of the
third-party apps it lists are said in the portal's languages.
"""

from allauth.account.decorators import secure_admin_login
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from clientdesk.backoffice.roles import is_vendor_admin

# Names the apps set without gettext, or leave Django to derive from the class.
APP_NAMES = {"django_tasks_database": _("Background tasks")}
MODEL_NAMES = {
    "mfa.authenticator": (_("authenticator"), _("authenticators")),
    "usersessions.usersession": (_("user session"), _("user sessions")),
}


def _vendor_admins_only(request: HttpRequest) -> bool:
    return request.user.is_active and is_vendor_admin(request.user)


def _enter_or_refuse(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    # Never the admin's own form: it would sign in with a password alone, even someone
    # signed in already as another person.
    if _vendor_admins_only(request):
        return redirect("admin:index")
    raise PermissionDenied


def _password_change(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    # The portal's page: it asks for the current password, records and notifies the change.
    return redirect("account_change_password")


def lock_down(site: admin.AdminSite) -> None:
    # Signed out, secure_admin_login sends to the portal's sign-in (two-factor, rate limit).
    site.login = secure_admin_login(_enter_or_refuse)  # type: ignore[method-assign]
    site.has_permission = _vendor_admins_only  # type: ignore[method-assign]
    site.password_change = _password_change  # type: ignore[method-assign,assignment]


def name_third_party_apps() -> None:
    """Set in the app registry only: migrations read the models' declared options."""
    for label, name in APP_NAMES.items():
        apps.get_app_config(label).verbose_name = name
    for label, (singular, plural) in MODEL_NAMES.items():
        meta = apps.get_model(label)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural
