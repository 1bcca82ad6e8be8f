"""Back office: the vendor edits its billing settings; documents and payments come from the
ERP and never change, so staff only read them."""

from django.contrib import admin

from clientdesk.billing.models import BillingSettings, Invoice, InvoiceLine, Payment
from clientdesk.core.admin import ReadOnlyAdmin


@admin.register(BillingSettings)
class BillingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "einvoice_enabled", "vat_number", "iban"]

    def has_add_permission(self, request) -> bool:
        return not BillingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = ("position", "item_code", "description", "quantity", "unit", "unit_price")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "account", "issued_on", "due_on", "total", "open_amount"]
    list_filter = ["kind", "settled", "currency"]
    search_fields = ["number", "po_number", "account__name", "account__number"]
    list_select_related = ["account"]
    date_hierarchy = "issued_on"
    inlines = [LineInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["received_on", "account", "amount", "currency", "unallocated", "reference"]
    search_fields = ["reference", "account__name", "account__number"]
    list_select_related = ["account"]
