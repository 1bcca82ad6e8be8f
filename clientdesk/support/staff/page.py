"""A request's page for staff, shown by the read view and again by an action that was refused."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from clientdesk.support import queries, sla
from clientdesk.support.models import SupportRequest
from clientdesk.support.staff import queries as staff_queries
from clientdesk.support.staff.forms import NoteForm, StaffReplyForm, UpdateForm

SECTION = {"current_section": "backoffice"}

view_permission = permission_required("support.view_supportrequest", raise_exception=True)
change_permission = permission_required("support.change_supportrequest", raise_exception=True)


def render_request(request, support_request: SupportRequest, *, conflict: bool = False, **forms):
    """The staff page of a request; ``forms`` keeps a form the agent filled in."""
    kind = support_request.type.kind
    context = {
        **SECTION,
        "support_request": support_request,
        "fields": kind.fields(support_request.details),
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
