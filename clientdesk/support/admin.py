from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clientdesk.support.models import Queue, RequestType
from clientdesk.support.types import registered_codes


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = ["name_ro", "name_en", "code", "group", "position"]
    filter_horizontal = ["members"]


@admin.register(RequestType)
class RequestTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name_ro",
        "code",
        "queue",
        "first_response_hours",
        "resolution_hours",
        "active",
        "has_own_form",
        "position",
    ]
    list_filter = ["active", "queue"]
    list_editable = ["active", "position"]

    @admin.display(boolean=True, description=_("own form"))
    def has_own_form(self, obj: RequestType) -> bool:
        # A code with no kind registered in code gets the general form.
        return obj.code in registered_codes()
