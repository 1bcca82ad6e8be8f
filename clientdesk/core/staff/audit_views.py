"""The audit log for the vendor admin: filters, a page at a time by keyset, one row's
payload and chain link, and the filtered log as CSV."""

import json

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clientdesk.core import audit, events
from clientdesk.core.csv_export import csv_response
from clientdesk.core.models import Event
from clientdesk.core.paging import keyset_page
from clientdesk.core.staff.access import staff_with
from clientdesk.core.staff.forms import AuditFilterForm

PAGE_SIZE = 50
SECTION = {"current_section": "backoffice"}
audit_reader = staff_with("core.view_event")


@audit_reader
@require_GET
def audit_log(request):
    form = AuditFilterForm(request.GET)
    page = keyset_page(request, audit.matching(form.filters()), limit=PAGE_SIZE)
    return render(
        request,
        "core/staff/audit_log.html",
        {
            "form": form,
            "entries": [
                (event, events.label(event), audit.actor_shown(event)) for event in page["rows"]
            ],
            **page,
            **SECTION,
        },
    )


@audit_reader
@require_GET
def audit_event(request, pk):
    event = get_object_or_404(Event.objects.select_related("actor_user", "account"), pk=pk)
    return render(
        request,
        "core/staff/audit_event.html",
        {
            "event": event,
            "label": events.label(event),
            "description": events.describe(event),
            "actor": audit.actor_shown(event),
            "link": audit.link(event),
            "payload": json.dumps(event.data, indent=2, sort_keys=True, ensure_ascii=False),
            **SECTION,
        },
    )


@audit_reader
@require_GET
def audit_csv(request):
    filters = AuditFilterForm(request.GET).filters()
    return csv_response(
        f"audit-{timezone.localdate().isoformat()}.csv",
        audit.csv_headers(),
        audit.csv_rows(filters),
    )
