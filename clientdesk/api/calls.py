"""What wraps every API call: its event with the token as the actor, and idempotency keys.

Both run around ninja's operation (``api.add_decorator(..., mode="view")``), before
the token is checked: a call that the token check refuses is answered, not recorded.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from clientdesk.api import tokens
from clientdesk.api.auth import token_actor
from clientdesk.api.errors import ApiError, ApiErrorCode
from clientdesk.api.events import ApiEvent
from clientdesk.api.models import IdempotencyKey
from clientdesk.core import events

KEPT_FOR = timedelta(hours=24)
# Answers that are not kept for a key: the call may well succeed when retried.
NOT_KEPT = {401, 403, 409, 429}

Run = Callable[..., HttpResponse]


def recorded(run: Run) -> Run:
    @wraps(run)
    def wrapper(request: HttpRequest, **kwargs) -> HttpResponse:
        response = run(request, **kwargs)
        token = tokens.bearer(request)
        if token is not None:
            events.record(
                ApiEvent.CALLED,
                actor=token_actor(request),
                subject=token,
                data={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                },
            )
        return response

    return wrapper


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _claim(request: HttpRequest, key: str) -> IdempotencyKey | None:
    """The key's row for this first call, or None when an earlier call holds the key."""
    token = tokens.calling(request)
    with transaction.atomic():
        IdempotencyKey.objects.filter(
            token=token, key=key, created_at__lt=timezone.now() - KEPT_FOR
        ).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                token=token, key=key, fingerprint=_fingerprint(request)
            )
    except IntegrityError:
        return None


def _replay(request: HttpRequest, key: str) -> HttpResponse:
    earlier = IdempotencyKey.objects.get(token=tokens.calling(request), key=key)
    if earlier.fingerprint != _fingerprint(request):
        raise ApiError(422, ApiErrorCode.KEY_REUSED, loc=["header", "idempotency-key"])
    if earlier.status is None:
        raise ApiError(409, ApiErrorCode.KEY_IN_FLIGHT, loc=["header", "idempotency-key"])
    response = HttpResponse(
        bytes(earlier.body), status=earlier.status, content_type=earlier.content_type
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _refusal(error: ApiError) -> HttpResponse:
    # Outside ninja's operation, so answered here in the API's one error shape.
    return JsonResponse({"detail": error.items()}, status=error.status)


def idempotent(run: Run) -> Run:
    """A POST with an ``Idempotency-Key`` answers the same for 24 hours, and runs once."""

    @wraps(run)
    def wrapper(request: HttpRequest, **kwargs) -> HttpResponse:
        key = request.headers.get("Idempotency-Key", "").strip()
        if request.method != "POST" or not key or tokens.bearer(request) is None:
            return run(request, **kwargs)
        if len(key) > 255:
            too_long = ApiError(422, ApiErrorCode.BAD_REQUEST, loc=["header", "idempotency-key"])
            return _refusal(too_long)
        claimed = _claim(request, key)
        if claimed is None:
            try:
                return _replay(request, key)
            except ApiError as error:
                return _refusal(error)
        try:
            response = run(request, **kwargs)
        except BaseException:
            claimed.delete()
            raise
        if response.status_code >= 500 or response.status_code in NOT_KEPT:
            claimed.delete()
            return response
        claimed.status = response.status_code
        claimed.content_type = response.get("Content-Type", "")
        claimed.body = response.content
        claimed.save(update_fields=["status", "content_type", "body"])
        return response

    return wrapper
