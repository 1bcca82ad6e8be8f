"""The staff workspace's home; each app keeps its staff pages in its own staff/ package."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clientdesk.accounts.models import AccessRequest


@staff_member_required
@require_GET
def home(request):
    pending = AccessRequest.objects.filter(status=AccessRequest.Status.PENDING).count()
    return render(
        request,
        "backoffice/home.html",
        {"pending_access": pending, "current_section": "backoffice"},
    )
