from django import template

from clientdesk.core import grants as G

register = template.Library()


@register.filter
def grant_label(grant: str) -> str:
    return str(G.LABELS.get(grant, grant))


@register.filter
def area_label(area: str) -> str:
    return str(G.AREA_LABELS.get(area, area))
