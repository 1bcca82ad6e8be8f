"""Back office: contracts and machines come from the ERP, so staff only read them here."""

from django.contrib import admin

from clientdesk.contracts.models import Contract, ContractDocument, Equipment
from clientdesk.core.admin import ReadOnlyAdmin


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["number", "account", "kind", "status", "start_date", "renewal_date"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "title", "account__name"]


@admin.register(ContractDocument)
class ContractDocumentAdmin(ReadOnlyAdmin):
    list_display = ["contract", "number", "name", "created_at"]


@admin.register(Equipment)
class EquipmentAdmin(ReadOnlyAdmin):
    list_display = ["serial_number", "machine_type", "model", "account", "contract"]
    search_fields = ["serial_number", "machine_type"]
