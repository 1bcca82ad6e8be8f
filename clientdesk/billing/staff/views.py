"""The vendor admin's billing settings page, next to the vendor settings."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientdesk.billing.models import BillingSettings
from clientdesk.billing.services import billing_settings_update
from clientdesk.billing.staff.forms import BillingSettingsForm
from clientdesk.core.actors import actor_of
from clientdesk.core.staff.access import staff_with
from clientdesk.core.staff.editing import saved


@staff_with("billing.change_billingsettings")
@require_http_methods(["GET", "POST"])
def billing_settings(request):
    form = BillingSettingsForm(request.POST or None, instance=BillingSettings.get())

    def save(values):
        return billing_settings_update(actor=actor_of(request), values=values)

    if saved(request, form, save, done=_("The billing settings are saved.")):
        return redirect("billing_staff:settings")
    return render(
        request, "billing/staff/settings.html", {"form": form, "current_section": "backoffice"}
    )
