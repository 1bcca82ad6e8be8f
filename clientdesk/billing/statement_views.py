"""The account statement (C9): one statement per account and currency the user may see."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.billing import ledger, queries
from clientdesk.billing.statement import BUCKETS, period, statement


@login_required
@require_GET
def statement_page(request):
    queries.invoice_accounts(request.user)
    today = ledger.today()
    preset = request.GET.get("period", "year")
    start, end = period(preset, today)
    statements = [
        statement(billing, start, end, today) for billing in queries.balances(request.user)
    ]
    return render(
        request,
        "billing/statement.html",
        {
            "statements": statements,
            "preset": preset,
            "start": start,
            "end": end,
            "buckets": BUCKETS,
            "current_section": "statement",
        },
    )
