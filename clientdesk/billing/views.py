"""Thin views of "My invoices": parse the request, ask queries.py, render.

Every view reads through the tenancy gate: a user without the ``invoices`` grant,
or with it only on other accounts, gets 404.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from clientdesk.billing import documents, einvoice, exports, ledger, queries, services
from clientdesk.billing.forms import InvoiceFilterForm
from clientdesk.billing.models import BillingSettings
from clientdesk.core import keyset
from clientdesk.core.actors import actor_of
from clientdesk.support.storage import private_storage

PER_PAGE = 25
SECTION = "invoices"


def _filtered(request, cutoff):
    """The filter form and the user's invoices it selects (None while it is not valid)."""
    form = InvoiceFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, queries.invoices_matching(request.user, cutoff=cutoff, **form.filters())


@login_required
@require_GET
def invoice_list(request):
    accounts = queries.invoice_accounts(request.user)
    cutoff = queries.overdue_cutoff()
    form, invoices = _filtered(request, cutoff)
    page = None
    if invoices is not None:
        page = keyset.paginate(
            invoices,
            form.ordering(),
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
            last=request.GET.get("last") == "1",
            size=PER_PAGE,
        )
    return render(
        request,
        "billing/invoice_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(invoice, invoice.status_on(cutoff)) for invoice in page.rows] if page else [],
            "count_limit": keyset.COUNT_LIMIT,
            "several_accounts": len(accounts) > 1,
            "accounts": accounts,
            "current_section": SECTION,
        },
    )


def _export(request, respond):
    queries.invoice_accounts(request.user)
    cutoff = queries.overdue_cutoff()
    form, invoices = _filtered(request, cutoff)
    if invoices is None:
        # The list shows what is wrong with the filters, next to each field.
        return redirect(f"{reverse('billing:list')}?{request.GET.urlencode()}")
    ordered = invoices.order_by(*keyset.ordering(form.ordering()))
    return respond(ordered, cutoff, ledger.today())


@login_required
@require_GET
def export_csv(request):
    return _export(request, exports.csv_response)


@login_required
@require_GET
def export_xlsx(request):
    return _export(request, exports.xlsx_response)


def _detail_context(request, number: str) -> dict:
    invoice = queries.invoice_page(request.user, number)
    status = invoice.status_on(queries.overdue_cutoff())
    question = urlencode({"type": "invoice-question", "invoice_number": invoice.number})
    return {
        **documents.context(invoice),
        "status": status,
        "ask_url": f"{reverse('support:new')}?{question}",
        "current_section": SECTION,
    }


@login_required
@require_GET
def invoice_detail(request, number):
    context = _detail_context(request, number)
    services.invoice_view(actor=actor_of(request), invoice=context["invoice"], via="page")
    return render(request, "billing/invoice_detail.html", context)


@login_required
@require_GET
def invoice_print(request, number):
    return render(request, "billing/invoice_print.html", _detail_context(request, number))


@login_required
@require_GET
def invoice_pdf(request, number):
    """The stored PDF, as rendered when the invoice was issued; never rendered here."""
    invoice = queries.invoice_file(request.user, number)
    if not invoice.pdf:
        raise Http404
    services.invoice_view(actor=actor_of(request), invoice=invoice, via="pdf")
    return FileResponse(
        private_storage().open(invoice.pdf, "rb"),
        as_attachment=True,
        filename=f"{invoice.number}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def invoice_xml(request, number):
    """The e-invoice (UBL 2.1, CIUS-RO for an RO vendor), where the vendor offers it."""
    if not BillingSettings.get().einvoice_enabled:
        raise Http404
    invoice = queries.invoice_page(request.user, number)
    response = HttpResponse(einvoice.xml_bytes(invoice), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.xml"'
    return response
