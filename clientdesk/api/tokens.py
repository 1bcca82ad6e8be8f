"""Bearer tokens: made, shown once, kept as a hash, found by their prefix.

A token is ``cdk_<prefix>_<secret>`` with 256 bits of secret: a single SHA-256
is enough to keep it (it cannot be guessed, unlike a password), and the prefix
finds the row without a scan.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from clientdesk.api.models import ApiToken

PREFIX = "cdk"
# How often a token's last use is written: often enough to tell, not a write per call.
LAST_USED_EVERY = timedelta(minutes=1)
_FOUND = "clientdesk.api_token"


@dataclass(frozen=True)
class Minted:
    prefix: str
    secret_hash: str
    plain: str  # shown to its creator once, never stored


def digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def mint() -> Minted:
    prefix = secrets.token_hex(6)
    plain = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return Minted(prefix=prefix, secret_hash=digest(plain), plain=plain)


def find(plain: str) -> ApiToken | None:
    """The active token this string is, or None (unknown, wrong, expired or revoked)."""
    parts = plain.split("_", 2)  # the secret itself may hold "_"
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, digest(plain)):
        return None
    return token if token.is_active else None


def bearer(request: HttpRequest) -> ApiToken | None:
    """The active token the request carries, looked up once per request."""
    if _FOUND not in request.META:
        scheme, _, plain = request.headers.get("Authorization", "").partition(" ")
        request.META[_FOUND] = find(plain.strip()) if scheme.lower() == "bearer" else None
    return request.META[_FOUND]


def calling(request: HttpRequest) -> ApiToken:
    """The token of a route that has let it in."""
    token = bearer(request)
    if token is None:
        raise RuntimeError("calling() needs a route with token auth")
    return token


def note_use(token: ApiToken, ip: str | None) -> None:
    now = timezone.now()
    recent = token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY
    if recent and token.last_used_ip == ip:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip
