"""Refusals with a stable code: what a service raises when it will not do what was asked.

Each app declares its codes as an enum whose label is the message::

    class RequestError(ErrorCode):
        NOT_OPEN = "request.not_open", _("Only an open request can be cancelled.")

    raise ServiceError(RequestError.NOT_OPEN)
    raise ServiceError(RequestError.DATE_TOO_EARLY, field="effective_date", params={...})

The API returns the code and the field; a form shows the translated message
next to the field (``add_to_form``). A refusal is a ``ValidationError`` too, so
Django's forms and model validation take it as they are.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """The base of every app's error codes; values are "<thing>.<reason>"."""


class CommonError(ErrorCode):
    CONFLICT = (
        "conflict",
        _(
            "Someone changed this while you were working on it, so your change was not saved. "
            "Check it as it is now and save again."
        ),
    )
    INVALID = "invalid", _("This value is not valid.")


class ConfigError(ErrorCode):
    LOGO_TYPE = "config.logo_type", _("Upload the logo as a PNG, JPEG or WebP image.")
    LOGO_SIZE = "config.logo_size", _("The logo may be at most %(max)s.")


class ServiceError(ValidationError):
    def __init__(
        self,
        code: ErrorCode,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
        message: str | None = None,
    ):
        """``message`` replaces the code's own text (a field's validation message, say)."""
        self.error = code
        self.field = field
        if message is None:
            message = str(code.label) % params if params else str(code.label)
        self.text = message
        super().__init__({field: [message]} if field else message, code=code.value)

    def as_json(self) -> dict[str, Any]:
        """The refusal as the API answers it."""
        return {"code": self.error.value, "field": self.field, "message": self.text}


def add_to_form(form: forms.BaseForm, error: ServiceError) -> None:
    """Show a refusal next to its field, or above the form when the form has no such field."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.text)
