"""What an agent does: reply, note, update, take, release, bulk status. All POST.

A save made from an older version of the request is refused with a conflict:
the page comes back showing the request as it is now, with a message and
with what the agent typed still in its form, ready to be checked and sent.
"""

from typing import cast

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.locking import Conflict
from clientdesk.support import services
from clientdesk.support.models import SupportRequest
from clientdesk.support.staff import queries as staff_queries
from clientdesk.support.staff.forms import (
    BulkStatusForm,
    NoteForm,
    StaffReplyForm,
    UpdateForm,
    Versioned,
)
from clientdesk.support.staff.page import change_permission, render_request

CONFLICT = gettext_lazy(
    "Someone changed this request while you were working on it, so your change was not saved. "
    "The page now shows the request as it is; what you entered is kept below. "
    "Check it and save again."
)


def _conflict(request, current: SupportRequest, form, form_name: str):
    """The page as the request is now, with what the agent typed kept, and why (409)."""
    messages.error(request, CONFLICT)
    kept = {form_name: form.kept_for(current)} if form is not None else {}
    return render_request(request, current, conflict=True, **kept)


def _attempt(request, support_request, action, done: str, *, form=None, form_name: str = ""):
    """Run a versioned change; on conflict or refusal show the page again, keeping ``form``."""
    try:
        action()
    except Conflict as conflict:
        return _conflict(request, cast(SupportRequest, conflict.current), form, form_name)
    except ServiceError as refusal:
        if form is None:
            messages.error(request, refusal.text)
            return redirect("support_staff:detail", support_request.number)
        add_to_form(form, refusal)
        return render_request(request, support_request, **{form_name: form})
    messages.success(request, done)
    return redirect("support_staff:detail", support_request.number)


@staff_member_required
@change_permission
@require_POST
def reply(request, number):
    support_request = staff_queries.request_for_staff(number)
    form = StaffReplyForm(request.POST, request.FILES, support_request=support_request)
    if not form.is_valid():
        return render_request(request, support_request, reply_form=form)
    data = form.cleaned_data
    return _attempt(
        request,
        support_request,
        lambda: services.request_staff_reply(
            actor=actor_of(request),
            support_request=support_request,
            version=data["version"],
            body=data["body"],
            attachments=data["attachments"],
            status=data["status"],
        ),
        _("Your reply was sent to the customer."),
        form=form,
        form_name="reply_form",
    )


@staff_member_required
@change_permission
@require_POST
def note(request, number):
    support_request = staff_queries.request_for_staff(number)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_request(request, support_request, note_form=form)
    services.request_add_note(
        actor=actor_of(request),
        support_request=support_request,
        body=form.cleaned_data["body"],
        attachments=form.cleaned_data["attachments"],
    )
    messages.success(request, _("The note was added. Only staff can see it."))
    return redirect("support_staff:detail", support_request.number)


@staff_member_required
@change_permission
@require_POST
def update(request, number):
    support_request = staff_queries.request_for_staff(number)
    form = UpdateForm(request.POST, support_request=support_request)
    if not form.is_valid():
        if form.is_stale():
            return _conflict(request, support_request, form, "update_form")
        return render_request(request, support_request, update_form=form)
    data = form.cleaned_data
    return _attempt(
        request,
        support_request,
        lambda: services.request_update(
            actor=actor_of(request),
            support_request=support_request,
            version=data["version"],
            status=data["status"],
            assignee=data["assignee"],
            queue=data["queue"],
        ),
        _("The request was saved."),
        form=form,
        form_name="update_form",
    )


def _assignment(request, number, action, done: str):
    support_request = staff_queries.request_for_staff(number)
    form = Versioned(request.POST)
    if not form.is_valid():
        return redirect("support_staff:detail", support_request.number)
    return _attempt(
        request,
        support_request,
        lambda: action(
            actor=actor_of(request),
            support_request=support_request,
            version=form.cleaned_data["version"],
        ),
        done,
    )


@staff_member_required
@change_permission
@require_POST
def take(request, number):
    return _assignment(request, number, services.request_take, _("You took the request."))


@staff_member_required
@change_permission
@require_POST
def release(request, number):
    return _assignment(request, number, services.request_release, _("You released the request."))


@staff_member_required
@change_permission
@require_POST
def bulk_status(request):
    form = BulkStatusForm(request.POST)
    filters = QueryDict(request.POST.get("filters", "")).urlencode()
    back = f"{reverse('support_staff:queue')}?{filters}"
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(back)
    outcome = services.requests_bulk_status(
        actor=actor_of(request),
        versions=form.cleaned_data["selected"],
        status=form.cleaned_data["status"],
    )
    if outcome.changed:
        messages.success(
            request, _("Status changed: %(numbers)s.") % {"numbers": ", ".join(outcome.changed)}
        )
    if outcome.conflicts:
        messages.warning(
            request,
            _("Changed by someone else after you loaded the list, so left alone: %(numbers)s.")
            % {"numbers": ", ".join(outcome.conflicts)},
        )
    if outcome.refused:
        messages.warning(
            request,
            _("These cannot take that status from the one they have: %(numbers)s.")
            % {"numbers": ", ".join(outcome.refused)},
        )
    return redirect(back)
