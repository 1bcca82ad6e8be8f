"""My requests: the user's and their colleagues' requests, filtered, searched, paginated."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.core.paging import CappedPaginator
from clientdesk.support import queries
from clientdesk.support.filters import RequestFilterForm

PAGE_SIZE = 20


@login_required
@require_GET
def request_list(request):
    accounts = queries.accounts_for_requests(request.user)
    form = RequestFilterForm(request.GET)
    listed = queries.requests_matching(request.user, **form.filters())
    page = CappedPaginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/list.html",
        {
            "current_section": "requests",
            "form": form,
            "page": page,
            "accounts": accounts,
            "several_accounts": len(accounts) > 1,
            "filtered": any(request.GET.get(name) for name in form.fields),
        },
    )
