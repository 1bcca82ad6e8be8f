"""Who calls: a bearer token, checked for its kind and scope on every call.

``auth=vendor("orders:write")`` lets the ERP's tokens that hold the scope in;
``auth=customer("requests:read")`` lets a customer's personal tokens in, and the
route then reads through the tenancy gate with ``request.auth`` as the principal.
"""

from django.http import HttpRequest
from ninja.security import HttpBearer

from clientdesk.api import ratelimit, tokens
from clientdesk.api.errors import ApiError, ApiErrorCode
from clientdesk.api.models import ApiToken
from clientdesk.api.services import may_create_vendor_tokens
from clientdesk.core.actors import Actor, client_ip


class _TokenAuth(HttpBearer):
    kind: str | None

    def __init__(self, scope: str | None):
        self.scope = scope
        super().__init__()

    def __call__(self, request: HttpRequest):
        if not request.headers.get("Authorization"):
            raise ApiError(401, ApiErrorCode.TOKEN_MISSING, loc=["header", "authorization"])
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = tokens.bearer(request)
        if found is None or not self.kind_ok(found) or not self.creator_may(found):
            raise ApiError(401, ApiErrorCode.TOKEN_INVALID, loc=["header", "authorization"])
        if self.scope is not None and self.scope not in found.scopes:
            raise ApiError(403, ApiErrorCode.SCOPE_MISSING, loc=["header"], scope=self.scope)
        wait = ratelimit.spend(found.pk)
        if wait is not None:
            raise ApiError(429, ApiErrorCode.RATE_LIMITED, retry_after=wait)
        tokens.note_use(found, client_ip(request))
        return found

    def kind_ok(self, token: ApiToken) -> bool:
        return self.kind is None or token.kind == self.kind

    def creator_may(self, token: ApiToken) -> bool:
        if token.kind == ApiToken.Kind.VENDOR:
            # Never stronger than its creator: a vendor admin who leaves takes the token along.
            return may_create_vendor_tokens(token.user)
        return token.user.is_active


class _VendorAuth(_TokenAuth):
    kind = ApiToken.Kind.VENDOR


class _CustomerAuth(_TokenAuth):
    kind = ApiToken.Kind.CUSTOMER


class _AnyAuth(_TokenAuth):
    kind = None


def vendor(scope: str) -> _VendorAuth:
    return _VendorAuth(scope)


def customer(scope: str) -> _CustomerAuth:
    return _CustomerAuth(scope)


def any_token(scope: str | None = None) -> _AnyAuth:
    """Either kind of token (holding ``scope``, when one is named)."""
    return _AnyAuth(scope)


def token_actor(request: HttpRequest) -> Actor:
    """The calling token as the actor of the services it calls."""
    token = tokens.calling(request)
    user = token.user if token.kind == ApiToken.Kind.CUSTOMER else None
    return Actor.of_token(token.pk, name=token.name, user=user, ip=client_ip(request))
