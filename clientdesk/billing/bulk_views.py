"""Bulk download pages: ask for the filtered invoices as a ZIP, watch it build, take it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.billing import bulk, queries
from clientdesk.billing.forms import InvoiceFilterForm
from clientdesk.billing.models import BulkDownload
from clientdesk.core import grants as G
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError
from clientdesk.core.tenancy import grants_held
from clientdesk.support.storage import private_storage

SECTION = "invoices"
POLL_SECONDS = 2


@login_required
@require_http_methods(["GET", "POST"])
def zip_new(request):
    """GET: what the filters select, and a button; POST: ask the worker for the ZIP."""
    queries.invoice_accounts(request.user)
    form = InvoiceFilterForm(request.GET)
    error = None
    invoices = None
    if form.is_valid():
        invoices = queries.invoices_matching(
            request.user, cutoff=queries.overdue_cutoff(), **form.filters()
        )
        if request.method == "POST":
            try:
                download = bulk.bulk_download_request(actor=actor_of(request), invoices=invoices)
            except ServiceError as refused:
                error = refused.text
            else:
                return redirect("billing:zip", download.public_id)
    count = invoices.order_by()[: bulk.LIMIT + 1].count() if invoices is not None else 0
    return render(
        request,
        "billing/zip_new.html",
        {
            "form": form,
            "count": count,
            "limit": bulk.LIMIT,
            "error": error,
            "query": request.GET.urlencode(),
            "current_section": SECTION,
        },
    )


def _download(request, public_id) -> BulkDownload:
    """The user's own download, while they hold the grant and the link lasts; else 404."""
    if G.INVOICES not in grants_held(request.user):
        raise Http404
    download = BulkDownload.objects.filter(
        public_id=public_id, user=request.user, expires_at__gt=timezone.now()
    ).first()
    if download is None:
        raise Http404
    return download


@login_required
@require_GET
def zip_status(request, public_id):
    download = _download(request, public_id)
    template = "billing/_zip_progress.html" if request.htmx else "billing/zip_status.html"
    return render(
        request,
        template,
        {"download": download, "poll_seconds": POLL_SECONDS, "current_section": SECTION},
    )


@login_required
@require_GET
def zip_file(request, public_id):
    download = _download(request, public_id)
    if download.status != BulkDownload.Status.READY:
        raise Http404
    return FileResponse(
        private_storage().open(download.file, "rb"),
        as_attachment=True,
        filename=f"invoices-{download.created_at:%Y%m%d-%H%M}.zip",
        content_type="application/zip",
    )
