"""The staff workspace's home; each app keeps its staff pages in its own staff/ package."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.backoffice.workspace import tiles_for


@staff_member_required
@require_GET
def home(request):
    return render(
        request,
        "backoffice/home.html",
        {"tiles": tiles_for(request.user), "current_section": "backoffice"},
    )
