from html import escape
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from clientdesk.core.rows import choice_labels, short_dates, table_rows, urls_of
from clientdesk.support import events, sla
from clientdesk.support.general import ORDER_QUESTION
from clientdesk.support.models import Status

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
    status_of = choice_labels(Status)

    # The format and the time zone looked up once for the table, not for each of 50 dates.
    datetime_format = formats.get_format("SHORT_DATETIME_FORMAT")
    zone = timezone.get_current_timezone()

    def when(due) -> str:
        return escape(dateformat.format(due.astimezone(zone), datetime_format))

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
            escape(r.account.number), r.status_badge, status_of(r.status),
            escape(assignee or "—"), targets,
        )  # fmt: skip

    return table_rows(row_html(r) for r in requests)


# A row of "My requests": the request (linked), its status as the customer reads it, its
# type, the day it was filed and by whom, and its company (CUSTOMER, for a user who follows
# several). Every value is escaped.
REQUEST_ROW = (
    '<tr>\n<td><a class="request-link" href="{url}"><span class="mono">{number}</span> '
    '<span class="request-link__subject">{subject}</span></a></td>\n'
    '<td><span class="badge badge--{badge}">{status}</span></td>\n<td>{type}</td>\n'
    '<td class="nowrap">{filed}<br><span class="muted">{by}</span></td>{customer}\n</tr>'
)


@register.simple_tag(takes_context=True)
def request_rows(context, requests, several_accounts: bool) -> SafeString:
    """The rows of "My requests", built here rather than by the template (its row loop was
    half of the page's CPU). The day filed in the active time zone."""
    url_of = urls_of("support:detail", "REQ-0000-000000")
    day = short_dates()
    user_id = context["user"].pk
    by_you = escape(_("by you"))

    def filed_by(r) -> str:
        if r.requester_id == user_id:
            return by_you
        return escape((r.requester.get_full_name() if r.requester else "") or "—")

    def row_html(r) -> str:
        return REQUEST_ROW.format(
            url=url_of(r.number),
            number=escape(r.number),
            subject=escape(r.subject),
            badge=r.status_badge,
            status=escape(r.customer_status),
            type=escape(r.type.name),
            filed=day(timezone.localtime(r.created_at).date()),
            by=filed_by(r),
            customer=f"\n<td>{escape(r.account.name)}</td>" if several_accounts else "",
        )

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
