"""Creating and revoking API tokens: who may, and with what scopes.

A token is never stronger than its creator: a vendor token needs a vendor admin
(and stops working when its creator is no longer one, see auth.py); a customer
token gets only customer scopes and reads through its user's memberships.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import User
from clientdesk.api import tokens
from clientdesk.api.events import TokenEvent
from clientdesk.api.models import ApiToken
from clientdesk.api.scopes import CUSTOMER_SCOPES, VENDOR_SCOPES
from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ErrorCode, ServiceError

MAX_LIFETIME = timedelta(days=366)
VENDOR_PERMISSION = "api.manage_vendor_tokens"


class TokenError(ErrorCode):
    NOT_ALLOWED = "token.not_allowed", _("You may not create this kind of token.")
    NO_SCOPE = "token.no_scope", _("Choose at least one scope.")
    SCOPE = "token.scope", _("This token cannot have the scope %(scope)s.")
    EXPIRY = "token.expiry", _("Choose an expiry date between tomorrow and a year from today.")
    NAME = "token.name", _("Give the token a name that says where it is used.")
    REVOKED = "token.revoked", _("This token is revoked already.")


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plain: str  # to show once


def may_create_vendor_tokens(user: User) -> bool:
    return user.is_active and user.is_staff and user.has_perm(VENDOR_PERMISSION)


def _person(actor: Actor) -> User:
    if actor.user is None:
        raise ServiceError(TokenError.NOT_ALLOWED)
    return actor.user


@transaction.atomic
def token_create(
    *, actor: Actor, kind: str, name: str, scopes: list[str], expires_at: datetime
) -> NewToken:
    user = _person(actor)
    if kind == ApiToken.Kind.VENDOR:
        allowed: tuple[str, ...] = VENDOR_SCOPES
        if not may_create_vendor_tokens(user):
            raise ServiceError(TokenError.NOT_ALLOWED)
    else:
        allowed = CUSTOMER_SCOPES
        if user.is_staff:
            raise ServiceError(TokenError.NOT_ALLOWED)
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ServiceError(TokenError.NAME, field="name")
    if not scopes:
        raise ServiceError(TokenError.NO_SCOPE, field="scopes")
    for scope in scopes:
        if scope not in allowed:
            raise ServiceError(TokenError.SCOPE, field="scopes", params={"scope": scope})
    now = timezone.now()
    if not now + timedelta(hours=23) <= expires_at <= now + MAX_LIFETIME:
        raise ServiceError(TokenError.EXPIRY, field="expires_at")
    minted = tokens.mint()
    token = ApiToken.objects.create(
        kind=kind,
        name=name,
        prefix=minted.prefix,
        secret_hash=minted.secret_hash,
        scopes=sorted(set(scopes)),
        user=user,
        expires_at=expires_at,
    )
    events.record(
        TokenEvent.CREATED,
        actor=actor,
        subject=token,
        data={"kind": kind, "name": name, "scopes": token.scopes, "expires_at": expires_at},
    )
    return NewToken(token=token, plain=minted.plain)


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> None:
    """Its creator revokes their own token; a vendor admin, any vendor token."""
    user = _person(actor)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    own = token.user_id == user.pk
    if not own and not (token.kind == ApiToken.Kind.VENDOR and may_create_vendor_tokens(user)):
        raise ServiceError(TokenError.NOT_ALLOWED)
    if token.revoked_at is not None:
        raise ServiceError(TokenError.REVOKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    events.record(TokenEvent.REVOKED, actor=actor, subject=token, data={"name": token.name})
