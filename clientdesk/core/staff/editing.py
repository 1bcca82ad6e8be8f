"""The save step of a staff form page: the service called with what the form cleaned."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from clientdesk.core.errors import ServiceError, add_to_form


def saved(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[Mapping[str, Any]], object],
    *,
    done: str,
) -> bool:
    """On a valid POST, ``save`` the cleaned values and say ``done``; a refusal is shown next
    to its field and the page is rendered again with everything typed. True when saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ServiceError as error:
        add_to_form(form, error)
        return False
    messages.success(request, done)
    return True
