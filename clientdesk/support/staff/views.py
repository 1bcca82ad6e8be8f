"""The staff side of requests, read: the queues, a request's page, its files.

What an agent changes is in actions.py.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clientdesk.core.paging import CappedPaginator
from clientdesk.support import deflection
from clientdesk.support.staff import queries as staff_queries
from clientdesk.support.staff.forms import BulkStatusForm, StaffFilterForm
from clientdesk.support.staff.page import SECTION, render_request, view_permission

PAGE_SIZE = 25
FIGURES_DAYS = 30


@staff_member_required
@view_permission
@require_GET
def queue(request):
    form = StaffFilterForm(request.GET, queues=staff_queries.queues())
    listed = staff_queries.queue_matching(request.user, **form.filters())
    page = CappedPaginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/staff/queue.html",
        {
            **SECTION,
            "form": form,
            "page": page,
            "bulk_form": BulkStatusForm(),
            "now": timezone.now(),
            "figures": deflection.recent_figures(FIGURES_DAYS),
            "figures_days": FIGURES_DAYS,
        },
    )


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
