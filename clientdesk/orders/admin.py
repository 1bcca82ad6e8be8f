"""Back office: the carrier registry is edited here; orders and shipments come from
the ERP, so staff only read them (a change here would be overwritten by the next push).
"""

from django.contrib import admin

from clientdesk.core.admin import ReadOnlyAdmin
from clientdesk.orders.models import (
    Carrier,
    Order,
    OrderLine,
    OrderStatusChange,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
)


@admin.register(Carrier)
class CarrierAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "active", "tracking_url_template"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["position", "product_code", "description", "quantity", "unit_price", "expected_on"]


class StatusChangeInline(ReadOnlyInline):
    model = OrderStatusChange
    fields = ["status", "occurred_at"]


class ShipmentInline(ReadOnlyInline):
    model = Shipment
    fields = ["carrier", "carrier_name", "tracking_number", "status", "shipped_at", "delivered_at"]
    show_change_link = True


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "account", "po_number", "ordered_on", "status", "total", "currency"]
    list_filter = ["status"]
    search_fields = ["number", "po_number", "account__name", "account__number"]
    list_select_related = ["account"]
    date_hierarchy = "ordered_on"
    inlines = [StatusChangeInline, OrderLineInline, ShipmentInline]


class ShipmentLineInline(ReadOnlyInline):
    model = ShipmentLine
    fields = ["line", "quantity"]


class ShipmentEventInline(ReadOnlyInline):
    model = ShipmentEvent
    fields = ["occurred_at", "kind", "place", "description", "description_ro", "description_en"]


@admin.register(Shipment)
class ShipmentAdmin(ReadOnlyAdmin):
    list_display = ["order", "carrier_name", "tracking_number", "status", "shipped_at"]
    list_filter = ["status", "carrier"]
    search_fields = ["tracking_number", "order__number", "order__account__name"]
    list_select_related = ["order", "carrier"]
    inlines = [ShipmentLineInline, ShipmentEventInline]
