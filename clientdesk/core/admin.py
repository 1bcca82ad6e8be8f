from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from clientdesk.core.models import Event, OutboundEmail, VendorConfig

admin.site.site_header = _("clientdesk back office")
admin.site.site_title = _("clientdesk back office")
admin.site.index_title = _("Administration")


@admin.register(VendorConfig)
class VendorConfigAdmin(admin.ModelAdmin):
    fieldsets = [
        (_("Identity"), {"fields": ["name", "legal_name", "tax_id", "logo", "website"]}),
        (_("Colours"), {"fields": ["primary_colour", "accent_colour"]}),
        (
            _("Customer support"),
            {"fields": ["support_phone", "support_email", "fax", "hours_open", "hours_close"]},
        ),
        (_("Calendar"), {"fields": ["time_zone", "holidays_country"]}),
        (_("Addresses"), {"fields": ["address", "postal_address"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        # One configuration: the list is the form.
        return redirect("admin:core_vendorconfig_change", VendorConfig.get().pk)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "actor_user", "actor_name", "account", "ip", "audit_seq"]
    list_filter = ["kind", "actor_kind"]
    search_fields = ["actor_user__email", "account__name", "account__number", "subject_id"]
    list_select_related = ["actor_user", "account"]
    date_hierarchy = "created_at"


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "subject"]
    exclude = ["secrets"]

    def get_exclude(self, request, obj=None):
        # A message that still carries a one-time link is not read by staff here either.
        if obj is not None and not obj.readable_by_staff:
            return [*self.exclude, "body_text", "body_html"]
        return self.exclude
