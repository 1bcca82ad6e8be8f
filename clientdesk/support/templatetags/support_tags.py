from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clientdesk.support import events, sla
from clientdesk.support.general import ORDER_QUESTION

register = template.Library()


@register.simple_tag
def request_clocks(support_request) -> list[sla.Clock]:
    """The request's targets as of now, for a row of a list."""
    return sla.clocks(support_request, timezone.now())


@register.filter
def describe_for_customer(event) -> str:
    """A request's event as its customer reads it (statuses in their words)."""
    return events.describe(event, for_customer=True)


@register.simple_tag(takes_context=True)
def ask_about_order_url(context, order) -> str:
    """A new order question about ``order``: its number and account filled in, and Cancel
    coming back to the page it was asked from."""
    query = {
        "type": ORDER_QUESTION,
        "order_number": order.number,
        "subject": _("Order %(number)s") % {"number": order.number},
        "account": order.account.public_id,
        "next": context["request"].get_full_path(),
    }
    return f"{reverse('support:new')}?{urlencode(query)}"
