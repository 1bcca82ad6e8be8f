from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from clientdesk.core.models import OutboundEmail

PAGE_SIZE = 25


@staff_member_required
@permission_required("core.view_outboundemail", raise_exception=True)
@require_GET
def outbox(request):
    page = Paginator(OutboundEmail.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "backoffice/outbox.html", {"page": page, "current_section": "backoffice"}
    )


@staff_member_required
@permission_required("core.view_outboundemail", raise_exception=True)
@require_GET
def outbox_message(request, pk):
    message = get_object_or_404(OutboundEmail, pk=pk)
    return render(
        request,
        "backoffice/outbox_message.html",
        {"message": message, "current_section": "backoffice"},
    )
