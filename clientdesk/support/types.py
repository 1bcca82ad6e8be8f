"""Request kinds: what a request type brings in code, beside what it is as data.

A ``RequestType`` row holds what the vendor edits (names, queue, targets,
active). Its ``code`` may name a ``RequestKind`` registered here, which gives
the type its own form (extra fields), rules and the way its details read on
the request page and in e-mails. A type with no registered kind gets the
general form: subject, description, contact and attachments.

Another app adds kinds without touching this one, from its AppConfig.ready():

    from clientdesk.support.types import RequestKind, register

    register(RequestKind("contract-copy", ContractCopyForm, rules=[contract_is_theirs]))
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext as _

from clientdesk.core.errors import ServiceError
from clientdesk.support.errors import RequestError
from clientdesk.support.forms import RequestForm

# A rule gets the request's cleaned details, the user and the customer account;
# it raises ServiceError (with the field it concerns) to refuse. Rules run in the
# service (support.services.request_create), so every caller meets them.
Rule = Callable[..., None]


@dataclass(frozen=True)
class RequestKind:
    code: str
    form_class: type[RequestForm] = RequestForm
    rules: Sequence[Rule] = field(default_factory=tuple)
    # Runs inside the transaction that creates the request, after the row exists.
    on_created: Callable[..., None] | None = None
    details_template: str = "support/details/_fields.html"
    # A symbol for the type's tile on Contact us.
    icon: str = "?"

    def clean_details(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """The kind's own fields checked by the form's field declarations, whoever sends them.

        A form's cleaned values pass unchanged; text (from the API) is converted
        as the form would. A refusal names the field.
        """
        cleaned = {}
        for name in self.form_class.detail_fields():
            form_field = self.form_class.base_fields[name]
            try:
                cleaned[name] = form_field.clean(raw.get(name))
            except ValidationError as error:
                raise ServiceError(
                    RequestError.REQUIRED, field=name, message=" ".join(error.messages)
                ) from None
        return cleaned

    def detail_values(self, details: Mapping[str, Any]) -> dict[str, Any]:
        """The kind's own fields as JSON, stored in SupportRequest.details."""
        return {name: _json_value(details.get(name)) for name in self.form_class.detail_fields()}

    def fields(self, details: dict) -> list[tuple[str, str]]:
        """The stored details as (label, text) pairs, in the form's order, for pages and mail."""
        form_fields = self.form_class.base_fields
        shown = []
        for name in self.form_class.detail_fields():
            value = details.get(name)
            if value in (None, "", []):
                continue
            shown.append((str(form_fields[name].label), _display(form_fields[name], value)))
        return shown


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _display(form_field, value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = dict(getattr(form_field, "choices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return format_date(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


_REGISTRY: dict[str, RequestKind] = {}
GENERAL = RequestKind("general")


def register(kind: RequestKind) -> RequestKind:
    if kind.code in _REGISTRY and _REGISTRY[kind.code] != kind:
        raise ValueError(f"A request kind with code {kind.code!r} is already registered.")
    _REGISTRY[kind.code] = kind
    return kind


def kind_for(code: str) -> RequestKind:
    return _REGISTRY.get(code, GENERAL)


def registered_codes() -> list[str]:
    return sorted(_REGISTRY)
