"""The base layout's links, written in Python: the layout is on every page.

``{% route 'name' %}`` is ``{% url 'name' %}`` for a route without arguments, reversed once
per process (the portal's URLs do not depend on the language); ``{% nav_tabs %}`` and
``{% nav_links nav_help %}`` write the navigation's items, the current one marked. In the
template, the header's eleven ``{% url %}`` tags and its two loops cost about 1.5 ms a page
here.
"""

from collections.abc import Iterable
from functools import cache
from html import escape

from django import template
from django.conf import settings
from django.template.context import Context
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from clientdesk.core.navigation import Section

register = template.Library()


@cache
def _reversed(name: str, urlconf: str, prefix: str) -> str:
    return escape(reverse(name, urlconf=urlconf))


@register.simple_tag(name="route")
def route(name: str) -> SafeString:
    """The escaped URL of a route without arguments (tests change the URLconf: part of the key)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return mark_safe(_reversed(name, urlconf, get_script_prefix()))  # noqa: S308  # nosec B308 B703


def _link(href: str, label: str, current: bool) -> str:
    if current:
        return (
            f'<li><a class="site-nav__link is-current" href="{href}" aria-current="page">'
            f"{escape(label)}</a></li>"
        )
    return f'<li><a class="site-nav__link" href="{href}">{escape(label)}</a></li>'


def _links(sections: Iterable[Section], current: str | None) -> list[str]:
    return [
        _link(route(section.url_name), str(section.label), section.key == current)
        for section in sections
    ]


@register.simple_tag(takes_context=True)
def nav_tabs(context: Context) -> SafeString:
    """The tabs: the dashboard, the sections the user's grants open, the back office."""
    user = context["user"]
    sections = context.get("nav_sections") or []
    if not user.is_authenticated and not sections:
        return SafeString("")
    current = context.get("current_section")
    items = []
    if user.is_authenticated:
        items.append(_link(route("dashboard"), gettext("Dashboard"), current == "dashboard"))
    items.extend(_links(sections, current))
    if user.is_staff:
        items.append(_link(route("backoffice:home"), gettext("Back office"), False))
    html = '<ul class="site-nav__list">\n' + "\n".join(items) + "\n</ul>"
    return mark_safe(html)  # noqa: S308 - every value escaped  # nosec B308 B703


@register.simple_tag(takes_context=True)
def nav_links(context: Context, sections: Iterable[Section]) -> SafeString:
    """The items of a list of sections (help: the FAQ, contact), the current one marked."""
    html = "\n".join(_links(sections, context.get("current_section")))
    return mark_safe(html)  # noqa: S308 - every value escaped  # nosec B308 B703
