"""Signing in: failures counted against the account from every address, the step-up they
cause instead of a refusal, the address limit's refusals, and the browsers a user is known
to sign in from (a new one is told to the user by e-mail, accounts/notifications.py)."""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts.events import SecurityEvent
from clientdesk.accounts.models import KnownBrowser, User
from clientdesk.core import counters, events
from clientdesk.core.actors import Actor

# Failures of one account are counted in windows of an hour; the step-up holds while this
# window's and the last one's reach settings.LOGIN_STEP_UP_AFTER.
STEP_UP_WINDOW = 60 * 60


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _failures_key(login: str) -> str:
    return f"login-failures:{_digest(login.strip().lower())}"


def login_of(credentials: dict) -> str:
    """The address a sign-in named (allauth passes it as "email", Django as "username")."""
    return str(credentials.get("email") or credentials.get("username") or "")


def _user_of(login: str) -> User | None:
    return User.objects.filter(email__iexact=login.strip()).first() if login.strip() else None


@transaction.atomic
def login_failed(*, actor: Actor, login: str) -> None:
    """A wrong password, or an unknown address: in the audit log (the address typed only as
    whether it is someone's), and counted against that account whatever the client's address."""
    user = _user_of(login)
    events.record(
        SecurityEvent.LOGIN_FAILED, actor=actor, subject=user, data={"known_user": user is not None}
    )
    counters.count(_failures_key(login), STEP_UP_WINDOW)


@transaction.atomic
def login_limited(*, actor: Actor, login: str) -> None:
    """allauth's address limit refused a sign-in, before checking its password."""
    events.record(SecurityEvent.LOGIN_LIMITED, actor=actor, subject=_user_of(login))


def needs_step_up(user: User) -> bool:
    """Whether a password alone no longer signs in to this account: it failed too often lately."""
    failures = counters.recent(_failures_key(user.email), STEP_UP_WINDOW)
    return failures >= settings.LOGIN_STEP_UP_AFTER


@transaction.atomic
def login_stepped_up(*, actor: Actor) -> None:
    """A right password for an account under attack: the sign-in goes on with an e-mailed code."""
    events.record(SecurityEvent.LOGIN_STEPPED_UP, actor=actor, subject=actor.user)


@transaction.atomic
def browser_signed_in(*, actor: Actor, user: User, browser_key: str) -> str:
    """Remember the browser ``user`` signed in from, and return the key its cookie keeps.

    A browser this user has not signed in from is recorded as an event, which e-mails the
    user; not the very first browser, the one they signed up in.
    """
    key = browser_key or secrets.token_urlsafe(32)
    now = timezone.now()
    known = KnownBrowser.objects.filter(user=user)
    if known.filter(key_hash=_digest(key)).update(last_seen_at=now):
        return key
    first = not known.exists()
    KnownBrowser.objects.create(
        user=user, key_hash=_digest(key), user_agent=actor.user_agent, first_seen_at=now
    )
    if not first:
        events.record(SecurityEvent.NEW_BROWSER, actor=actor.with_user(user), subject=user)
    return key
