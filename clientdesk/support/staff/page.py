"""A request's page for staff, shown by the read view and again by an action that was refused."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from clientdesk.orders import queries as order_queries
from clientdesk.support import queries, sla
from clientdesk.support.general import ORDER_QUESTION
from clientdesk.support.models import SupportRequest
from clientdesk.support.staff import queries as staff_queries
from clientdesk.support.staff.forms import NoteForm, StaffReplyForm, UpdateForm

SECTION = {"current_section": "backoffice"}

view_permission = permission_required("support.view_supportrequest", raise_exception=True)
change_permission = permission_required("support.change_supportrequest", raise_exception=True)


def _order_asked_about(user, support_request: SupportRequest):
    """The order an order question names, for a link to its staff page; None otherwise."""
    if support_request.type.kind.code != ORDER_QUESTION or not user.has_perm("orders.view_order"):
        return None
    return order_queries.order_named(
        support_request.account, support_request.details.get("order_number", "")
    )


def render_request(request, support_request: SupportRequest, *, conflict: bool = False, **forms):
    """The staff page of a request; ``forms`` keeps a form the agent filled in."""
    kind = support_request.type.kind
    context = {
        **SECTION,
        "support_request": support_request,
        "fields": kind.fields(support_request.details),
        "order": _order_asked_about(request.user, support_request),
        "details_template": kind.details_template,
        "files": queries.request_files(support_request),
        "conversation": staff_queries.conversation(support_request),
        "history": queries.history(support_request, internal=True),
        "clocks": sla.clocks(support_request, timezone.now()),
        "conflict": conflict,
        "reply_form": forms.get("reply_form")
        or StaffReplyForm(
            initial={"version": support_request.version}, support_request=support_request
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "update_form": forms.get("update_form") or UpdateForm(support_request=support_request),
    }
    return render(request, "support/staff/detail.html", context, status=409 if conflict else 200)
