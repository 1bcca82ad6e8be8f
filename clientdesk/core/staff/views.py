from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.core import services, staff_mail
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.models import OutboundEmail
from clientdesk.core.paging import CappedPaginator
from clientdesk.core.staff.forms import StaffMailForm

PAGE_SIZE = 25


@staff_member_required
@permission_required("core.view_outboundemail", raise_exception=True)
@require_GET
def outbox(request):
    page = CappedPaginator(OutboundEmail.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
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


@staff_member_required
@require_http_methods(["GET", "POST"])
def mail_preferences(request):
    """The staff member's own choice of the e-mails about their work (all on at first)."""
    off = staff_mail.switched_off(request.user)
    wanted = [topic.key for topic in staff_mail.topics() if topic.key not in off]
    form = StaffMailForm(
        request.POST if request.method == "POST" else None, initial={"topics": wanted}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_mail_preferences_set(
                actor=actor_of(request), wanted=frozenset(form.cleaned_data["topics"])
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("backoffice:mail_preferences")
    return render(
        request,
        "backoffice/mail_preferences.html",
        {"form": form, "current_section": "backoffice"},
    )
