"""Sign-ins, sign-outs, passwords and two-factor changes go into the audit log; sign-ins
also count failures and remember browsers (accounts/signin.py).

allauth and Django announce these with signals; each becomes a security event
with the person and where they came from.
"""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from clientdesk.accounts import queries, services
from clientdesk.accounts.events import SecurityEvent
from clientdesk.accounts.models import User
from clientdesk.core import events
from clientdesk.core.actors import Actor, anonymous_origin
from clientdesk.core.events import EventKind


def _record(kind: EventKind, request: HttpRequest | None, user: User, **data: Any) -> None:
    origin = anonymous_origin(request) if request is not None else Actor.system("auth")
    events.record(kind, actor=origin.with_user(user), subject=user, data=data)


@receiver(auth_signals.user_logged_in)
def logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    _record(SecurityEvent.LOGGED_IN, request, user)


@receiver(auth_signals.user_logged_out)
def logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _record(SecurityEvent.LOGGED_OUT, request, user)


@receiver(auth_signals.user_login_failed)
def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    origin = anonymous_origin(request) if request is not None else Actor.system("auth")
    services.login_failed(actor=origin, login=services.login_of(credentials))


@receiver(account_signals.user_logged_in)
def remember_browser(
    sender: Any, request: HttpRequest, response: HttpResponseBase, user: User, **kwargs: Any
) -> None:
    """The browser keeps a random key in a long-lived cookie: a sign-in from a browser the
    user has not used before is e-mailed to them."""
    key = services.browser_signed_in(
        actor=anonymous_origin(request),
        user=user,
        browser_key=request.COOKIES.get(settings.KNOWN_BROWSER_COOKIE_NAME, ""),
    )
    response.set_cookie(
        settings.KNOWN_BROWSER_COOKIE_NAME,
        key,
        max_age=settings.KNOWN_BROWSER_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    _record(SecurityEvent.PASSWORD_CHANGED, request, user)


@receiver(account_signals.password_reset)
def password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    _record(SecurityEvent.PASSWORD_RESET, request, user)


@receiver(mfa_signals.authenticator_added)
def mfa_added(sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any) -> None:
    _record(SecurityEvent.MFA_ADDED, request, user, type=authenticator.type)


@receiver(mfa_signals.authenticator_removed)
def mfa_removed(
    sender: Any, request: HttpRequest, user: User, authenticator: Any, **kw: Any
) -> None:
    _record(SecurityEvent.MFA_REMOVED, request, user, type=authenticator.type)


@receiver(account_signals.email_confirmed)
def accept_invitation(sender: Any, request: HttpRequest, email_address: Any, **kwargs: Any) -> None:
    """Someone who signed up from an invitation has now proved the invited address: the
    invitation is accepted here, so the first page after confirming is the company's portal."""
    invitation = queries.invitation_of_session(request, pop=True)
    if invitation is None or invitation.email != email_address.email.lower():
        return
    services.invitation_accept(
        actor=anonymous_origin(request).with_user(email_address.user), invitation=invitation
    )
    messages.success(
        request, _("You now have access to %(account)s.") % {"account": invitation.account.name}
    )
