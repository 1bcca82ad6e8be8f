from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import AccessRequest, Consent, CustomerAccount, Membership, User
from clientdesk.core.admin import ReadOnlyAdmin


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "version", "text", "given_at", "withdrawn_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "account"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "company", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name", "company"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "phone",
                    "company",
                    "job_title",
                    "country",
                    "language",
                ]
            },
        ),
        (_("Staff"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "password1", "password2"],
            },
        )
    ]
    inlines = [MembershipInline, ConsentInline]


@admin.register(CustomerAccount)
class CustomerAccountAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "tax_id", "city", "country"]
    search_fields = ["number", "name", "tax_id", "external_id"]
    inlines = [MembershipInline]


@admin.register(AccessRequest)
class AccessRequestAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "customer_number", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "customer_number", "proof_number"]
    list_select_related = ["user", "decided_by"]
