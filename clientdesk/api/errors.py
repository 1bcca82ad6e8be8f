"""The API's error answers: one shape for every refusal, with a stable code and the field.

``{"detail": [{"loc": ["body", "lines", 0, "quantity"], "code": "...", "msg": "..."}]}``:
a service's ``ServiceError``, the schema's validation, a missing token or scope, a
rate limit and a 404 all answer in it, so a client reads one format.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from clientdesk.core.errors import ErrorCode, ServiceError

Loc = list[str | int]
# Every route names its JSON body parameter so, and the paths of errors leave it out.
BODY_PARAMETER = "payload"


class ApiErrorCode(ErrorCode):
    TOKEN_MISSING = "token.missing", _("Send your token as 'Authorization: Bearer <token>'.")
    TOKEN_INVALID = "token.invalid", _("This token is not valid, has expired or was revoked.")
    SCOPE_MISSING = "token.scope_missing", _("This token does not have the scope %(scope)s.")
    NOT_FOUND = "not_found", _("There is no such object.")
    RATE_LIMITED = "rate_limited", _("Too many calls; try again after the time in Retry-After.")
    KEY_REUSED = (
        "idempotency.key_reused",
        _("This Idempotency-Key was used with another request; use a new key."),
    )
    KEY_IN_FLIGHT = (
        "idempotency.in_progress",
        _("A request with this Idempotency-Key is still running; retry in a moment."),
    )
    BULK_TOO_LARGE = "bulk.too_large", _("At most %(limit)s items per call.")
    BAD_REQUEST = "bad_request", _("The request could not be read.")


class ErrorItem(Schema):
    loc: Loc
    code: str
    msg: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


# Spread into every operation's ``response=``, so that the schema declares each answer.
ERRORS: dict[int, type[Schema]] = {
    status: ErrorOut for status in (400, 401, 403, 404, 409, 422, 429)
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: ApiErrorCode,
        *,
        loc: Loc | None = None,
        retry_after: int | None = None,
        **params: Any,
    ):
        self.status = status
        self.retry_after = retry_after
        self.code = code
        self.loc = list(loc or [])
        self.params = params

    @classmethod
    def not_found(cls, *loc: str | int) -> "ApiError":
        return cls(404, ApiErrorCode.NOT_FOUND, loc=["path", *loc])

    def items(self) -> list[dict[str, Any]]:
        message = str(self.code.label) % self.params if self.params else str(self.code.label)
        return [{"loc": self.loc, "code": self.code.value, "msg": message}]


def service_error_items(error: ServiceError, *, loc: Loc) -> list[dict[str, Any]]:
    """A refusal of a service, at ``loc`` (the body, or a bulk item) and its field."""
    path = [*loc, *error.field.split(".")] if error.field else loc
    return [{"loc": path, "code": error.error.value, "msg": error.text}]


def _body_path(loc: Loc) -> Loc:
    # ninja names a route's body parameter in the path; a client knows only the JSON.
    if len(loc) > 1 and loc[0] == "body" and loc[1] == BODY_PARAMETER:
        return [loc[0], *loc[2:]]
    return loc


def validation_items(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The schema's errors (pydantic's ``type`` is a stable code: missing, string_too_long)."""
    return [
        {
            "loc": _body_path(list(e.get("loc", ()))),
            "code": e.get("type", "invalid"),
            "msg": e["msg"],
        }
        for e in errors
    ]


def answer(api: NinjaAPI, request: HttpRequest, status: int, items: list) -> HttpResponse:
    return api.create_response(request, {"detail": items}, status=status)


def install(api: NinjaAPI) -> None:
    """Every refusal through one shape; anything else stays a real 500 (and is logged)."""

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        response = answer(api, request, exc.status, exc.items())
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        return answer(api, request, 422, service_error_items(exc, loc=["body"]))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return answer(api, request, 422, validation_items(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api_error(request, ApiError(401, ApiErrorCode.TOKEN_MISSING, loc=["header"]))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api_error(request, ApiError.not_found())

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # ninja's own refusals (a body that is not JSON, say)
        item = {"loc": [], "code": ApiErrorCode.BAD_REQUEST.value, "msg": str(exc)}
        return answer(api, request, exc.status_code, [item])
