"""The vendor admin's settings page: the vendor's identity, support, calendar and contracts."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientdesk.core import services
from clientdesk.core.actors import actor_of
from clientdesk.core.models import VendorConfig
from clientdesk.core.staff.access import staff_with
from clientdesk.core.staff.editing import saved
from clientdesk.core.staff.forms import VendorConfigForm


@staff_with("core.change_vendorconfig")
@require_http_methods(["GET", "POST"])
def vendor_settings(request):
    # The row itself, not the cached copy every page shares: the form changes it in memory.
    config, _created = VendorConfig.objects.get_or_create(pk=1)
    form = VendorConfigForm(request.POST or None, request.FILES or None, instance=config)

    def save(values):
        return services.vendor_config_update(
            actor=actor_of(request),
            values=form.values(),
            logo=values["logo"],
            remove_logo=values["remove_logo"],
        )

    if saved(request, form, save, done=_("The settings are saved.")):
        return redirect("settings_staff:vendor")
    return render(
        request,
        "core/staff/vendor_settings.html",
        {"form": form, "logo": config.logo, "current_section": "backoffice"},
    )
