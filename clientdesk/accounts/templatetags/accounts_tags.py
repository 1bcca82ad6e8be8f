from django import template

from clientdesk.accounts import browsers
from clientdesk.core import grants as G

register = template.Library()


@register.filter
def grant_label(grant: str) -> str:
    return str(G.LABELS.get(grant, grant))


@register.filter
def area_label(area: str) -> str:
    return str(G.AREA_LABELS.get(area, area))


@register.filter
def browser_name(user_agent: str) -> str:
    return browsers.describe(user_agent or "")
