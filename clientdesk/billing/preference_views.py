"""The user's choice of invoice e-mails."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from clientdesk.billing import queries, services
from clientdesk.billing.models import BillingPreference
from clientdesk.core.actors import actor_of


class PreferenceForm(forms.Form):
    new_invoice_email = forms.BooleanField(
        label=gettext_lazy("E-mail me when a new invoice or credit note is issued"),
        required=False,
    )
    due_reminder_email = forms.BooleanField(
        label=gettext_lazy("Remind me three days before an unpaid invoice is due"),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    queries.invoice_accounts(request.user)
    current = BillingPreference.objects.filter(user=request.user).first()
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={
            "new_invoice_email": bool(current and current.new_invoice_email),
            "due_reminder_email": bool(current and current.due_reminder_email),
        },
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            actor=actor_of(request),
            new_invoice_email=form.cleaned_data["new_invoice_email"],
            due_reminder_email=form.cleaned_data["due_reminder_email"],
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("billing:preferences")
    return render(
        request, "billing/preferences.html", {"form": form, "current_section": "invoices"}
    )
