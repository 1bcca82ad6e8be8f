"""The account statement (C9): the balances kept per account and currency."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.billing import queries


@login_required
@require_GET
def statement(request):
    queries.invoice_accounts(request.user)
    return render(
        request,
        "billing/statement.html",
        {"balances": queries.balances(request.user), "current_section": "statement"},
    )
