"""A request's page for the customer, and what they may do on it (each change a POST)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError
from clientdesk.support import lifecycle, queries, services, sla
from clientdesk.support.forms import RateForm, ReopenForm, ReplyForm


def _page(request, support_request, **forms):
    now = timezone.now()
    context = {
        "current_section": "requests",
        "support_request": support_request,
        "fields": support_request.type.kind.fields(support_request.details),
        "details_template": support_request.type.kind.details_template,
        "files": queries.request_files(support_request),
        "conversation": queries.public_conversation(support_request),
        "history": queries.history(support_request),
        "clocks": sla.clocks(support_request, now),
        "reopen_until": lifecycle.reopen_until(support_request),
        "can_reply": lifecycle.customer_can_reply(support_request),
        "can_cancel": lifecycle.customer_can_cancel(support_request),
        "can_reopen": lifecycle.customer_can_reopen(support_request, now),
        "can_rate": lifecycle.customer_can_rate(support_request),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "rate_form": forms.get("rate_form") or RateForm(),
    }
    return render(request, "support/detail.html", context)


@login_required
@require_GET
def request_detail(request, number):
    return _page(request, queries.request_for(request.user, number))


def _act(request, support_request, action, success: str):
    try:
        action()
    except ServiceError as refusal:
        messages.error(request, refusal.text)
    else:
        messages.success(request, success)
    return redirect("support:detail", support_request.number)


@login_required
@require_POST
def request_reply(request, number):
    support_request = queries.request_for(request.user, number)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, support_request, reply_form=form)
    return _act(
        request,
        support_request,
        lambda: services.request_reply(
            support_request=support_request,
            actor=actor_of(request),
            body=form.cleaned_data["body"],
            attachments=form.cleaned_data["attachments"],
        ),
        _("Your reply was sent."),
    )


@login_required
@require_POST
def request_cancel(request, number):
    support_request = queries.request_for(request.user, number)
    return _act(
        request,
        support_request,
        lambda: services.request_cancel(actor=actor_of(request), support_request=support_request),
        _("The request was cancelled."),
    )


@login_required
@require_POST
def request_reopen(request, number):
    support_request = queries.request_for(request.user, number)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _page(request, support_request, reopen_form=form)
    return _act(
        request,
        support_request,
        lambda: services.request_reopen(
            support_request=support_request, actor=actor_of(request), body=form.cleaned_data["body"]
        ),
        _("The request was reopened; our team will get back to you."),
    )


@login_required
@require_POST
def request_rate(request, number):
    support_request = queries.request_for(request.user, number)
    form = RateForm(request.POST)
    if not form.is_valid():
        return _page(request, support_request, rate_form=form)
    return _act(
        request,
        support_request,
        lambda: services.request_rate(
            support_request=support_request,
            actor=actor_of(request),
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        ),
        _("Thank you for your rating."),
    )


@login_required
@require_GET
def attachment_download(request, number, public_id):
    attachment = queries.attachment_for(request.user, number, public_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
