from django import template
from django.utils import timezone

from clientdesk.support import sla

register = template.Library()


@register.simple_tag
def request_clocks(support_request) -> list[sla.Clock]:
    """The request's targets as of now, for a row of a list."""
    return sla.clocks(support_request, timezone.now())
