from django import template

from clientdesk.core import events
from clientdesk.core.models import Event

register = template.Library()


@register.filter
def describe(event: Event) -> str:
    """An event in words, in the active language, as the app that owns its kind puts it."""
    return events.describe(event)
