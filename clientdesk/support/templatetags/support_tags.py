from html import escape
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from clientdesk.core.rows import table_rows, urls_of
from clientdesk.support import events, sla
from clientdesk.support.general import ORDER_QUESTION

register = template.Library()


@register.simple_tag
def request_clocks(support_request) -> list[sla.Clock]:
    """The request's targets as of now, for a row of a list."""
    return sla.clocks(support_request, timezone.now())


# A row of the staff queue: the selection box, the request, its company, status, assignee
# and its targets (CLOCK, each). Every value is escaped.
QUEUE_ROW = (
    '<tr><td class="select-cell"><input type="checkbox" name="selected" value="{0}:{1}" '
    'id="select-{0}" aria-label="{2}"></td>'
    '<td><a class="request-link" href="{3}"><span class="mono">{0}</span> '
    '<span class="request-link__subject">{4}</span></a><br><span class="muted">{5} · {6}</span>'
    '</td><td>{7}<br><span class="muted">{8}</span></td>'
    '<td><span class="badge badge--{9}">{10}</span></td><td>{11}</td><td>{12}</td></tr>'
)
CLOCK = (
    '<span class="clock"><span class="clock__label">{}</span> <span class="nowrap">{}</span> '
    '<span class="badge badge--{}">{}</span></span>'
)


@register.simple_tag
def queue_rows(requests) -> SafeString:
    """The staff queue's rows, built here rather than by the template: its rows were half
    of the page's CPU. Dates in the active time zone (the page sets the vendor's)."""
    now = timezone.now()
    url_of = urls_of("support_staff:detail", "REQ-0000-000000")

    def when(due) -> str:
        return escape(formats.date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT"))

    def row_html(r) -> str:
        targets = "".join(
            CLOCK.format(
                escape(clock.label), when(clock.due), clock.badge, escape(clock.state_label)
            )
            for clock in sla.clocks(r, now)
        )
        assignee = r.assignee.get_full_name() if r.assignee else ""
        return QUEUE_ROW.format(
            escape(r.number), r.version, escape(_("Select %(number)s") % {"number": r.number}),
            url_of(r.number), escape(r.subject),
            escape(r.type.name), escape(r.queue.name), escape(r.account.name),
            escape(r.account.number), r.status_badge, escape(r.get_status_display()),
            escape(assignee or "—"), targets,
        )  # fmt: skip

    return table_rows(row_html(r) for r in requests)


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
