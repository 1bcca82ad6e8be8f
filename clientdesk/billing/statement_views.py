"""The account statement (C9): one statement per account and currency the user may see,
on the page and as CSV, XLSX and PDF with the same figures.

The page shows a page of each statement's movements; ``ledger`` names the statement
whose movements the ``after`` / ``before`` cursor pages, the others show their first.
The exports hold every movement of the period; the PDF up to a printable length.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clientdesk.billing import ledger, queries, statement_exports
from clientdesk.billing.statement import (
    BUCKETS,
    PDF_MOVEMENTS,
    chart,
    rows,
    statement,
    too_long_for_pdf,
)
from clientdesk.billing.statement_forms import StatementForm

SECTION = "statement"


def _statements(request):
    queries.invoice_accounts(request.user)
    today = ledger.today()
    form = StatementForm(request.GET)
    start, end = form.dates(today)
    paged = request.GET.get("ledger", "")
    statements = []
    for billing in queries.balances(request.user):
        cursors = {}
        if paged == str(billing.pk):
            cursors = {name: request.GET.get(name, "") for name in ("after", "before")}
        statements.append(statement(billing, start, end, today, **cursors))
    return form, start, end, statements


@login_required
@require_GET
def statement_page(request):
    form, start, end, statements = _statements(request)
    return render(
        request,
        "billing/statement.html",
        {
            "form": form,
            "statements": [(s, list(rows(s.entries)), chart(s)) for s in statements],
            "start": start,
            "end": end,
            "buckets": BUCKETS,
            "pdf_movements": PDF_MOVEMENTS,
            "query": request.GET.urlencode(),
            "current_section": SECTION,
        },
    )


@login_required
@require_GET
def statement_csv(request):
    _form, start, end, statements = _statements(request)
    return statement_exports.csv_response(statements, start, end)


@login_required
@require_GET
def statement_xlsx(request):
    _form, start, end, statements = _statements(request)
    return statement_exports.xlsx_response(statements, start, end)


@login_required
@require_GET
def statement_pdf(request):
    _form, start, end, statements = _statements(request)
    if any(too_long_for_pdf(s) for s in statements):
        messages.error(
            request,
            _(
                "The PDF holds at most %(limit)s movements an account, and this period has "
                "more. Choose a shorter period, or export CSV or XLSX: they hold every movement."
            )
            % {"limit": PDF_MOVEMENTS},
        )
        return redirect(f"{reverse('statement:show')}?{request.GET.urlencode()}")
    return statement_exports.pdf_response(statements, start, end, {"buckets": BUCKETS})
