"""Edits of configuration rows (vendor settings, request types, queues, carriers).

A staff page hands its service the cleaned values; the service locks the row, applies
them here, validates the row as the model defines it, and records the fields that changed,
each as [before, after], in its event.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile

from clientdesk.core.errors import CommonError, ServiceError

Diff = dict[str, list[Any]]


def shown(value: Any) -> Any:
    """A value as the event keeps it: a related row by its name, a file by its path."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    return value


def apply(
    instance: models.Model, values: Mapping[str, Any], *, fixed: tuple[str, ...] = ()
) -> Diff:
    """Set ``values`` on the instance, but for the ``fixed`` fields (set once, at creation);
    the fields that changed, with before and after."""
    diff: Diff = {}
    for name, value in values.items():
        if name in fixed:
            continue
        try:
            before = getattr(instance, name)
        except ObjectDoesNotExist:  # a new row's relation, not set yet
            before = None
        if shown(before) != shown(value):
            diff[name] = [shown(before), shown(value)]
            setattr(instance, name, value)
    return diff


def validate(instance: models.Model) -> None:
    """The model's own rules (validators, choices, uniqueness) as a refusal with its field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            CommonError.INVALID,
            field=None if field == NON_FIELD_ERRORS else field,
            message=str(messages[0]),
        ) from error
