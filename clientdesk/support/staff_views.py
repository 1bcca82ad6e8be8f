"""The staff side of requests: the queues, a request's page, bulk status, files.

The changes made on a request's page are in staff_actions.py.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clientdesk.support import (
    deflection,
    notifications,
    queries,
    sla,
    staff_queries,
    staff_services,
)
from clientdesk.support.filters import StaffFilterForm
from clientdesk.support.staff_forms import BulkStatusForm, NoteForm, StaffReplyForm, UpdateForm

PAGE_SIZE = 25
SECTION = {"current_section": "backoffice"}
FIGURES_DAYS = 30

view_permission = permission_required("support.view_supportrequest", raise_exception=True)
change_permission = permission_required("support.change_supportrequest", raise_exception=True)


@staff_member_required
@view_permission
@require_GET
def queue(request):
    form = StaffFilterForm(request.GET, staff=request.user, queues=staff_queries.queues())
    listed = form.filter(staff_queries.queue_requests())
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    since = timezone.now() - timedelta(days=FIGURES_DAYS)
    return render(
        request,
        "support/staff/queue.html",
        {
            **SECTION,
            "form": form,
            "page": page,
            "bulk_form": BulkStatusForm(),
            "now": timezone.now(),
            "figures": deflection.figures(since),
            "figures_days": FIGURES_DAYS,
        },
    )


@staff_member_required
@change_permission
@require_POST
def bulk_status(request):
    form = BulkStatusForm(request.POST)
    filters = QueryDict(request.POST.get("filters", "")).urlencode()
    back = f"{reverse('support_staff:queue')}?{filters}"
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    outcome = staff_services.requests_bulk_status(
        staff=request.user,
        versions=form.cleaned_data["selected"],
        status=form.cleaned_data["status"],
        base_url=notifications.site_origin(request),
    )
    if outcome.changed:
        messages.success(
            request, _("Status changed: %(numbers)s.") % {"numbers": ", ".join(outcome.changed)}
        )
    if outcome.conflicts:
        messages.warning(
            request,
            _("Changed by someone else after you loaded the list, so left alone: %(numbers)s.")
            % {"numbers": ", ".join(outcome.conflicts)},
        )
    if outcome.refused:
        messages.warning(
            request,
            _("These cannot take that status from the one they have: %(numbers)s.")
            % {"numbers": ", ".join(outcome.refused)},
        )
    return redirect(back)


def render_request(request, support_request, *, conflict: bool = False, **forms):
    """The staff page of a request; ``forms`` keeps a form the agent filled in."""
    context = {
        **SECTION,
        "support_request": support_request,
        "fields": support_request.type.kind.fields(support_request.details),
        "details_template": support_request.type.kind.details_template,
        "files": queries.request_files(support_request),
        "conversation": staff_queries.conversation(support_request),
        "history": staff_queries.history(support_request),
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


@staff_member_required
@view_permission
@require_GET
def request_detail(request, number):
    return render_request(request, staff_queries.request_for_staff(number))


@staff_member_required
@view_permission
@require_GET
def attachment_download(request, number, public_id):
    attachment = staff_queries.attachment_for_staff(number, public_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
