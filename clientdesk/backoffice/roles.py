"""Vendor staff roles as groups with permissions, kept in step on every migrate."""

from django.contrib.auth.models import Group, Permission

SUPPORT_AGENT = "Support agent"
CONTRACTS_REPRESENTATIVE = "Contracts representative"
BILLING = "Billing"
VENDOR_ADMIN = "Vendor admin"

# (app_label, codename) pairs; the vendor admin holds every permission.
ROLE_PERMISSIONS = {
    SUPPORT_AGENT: [
        ("accounts", "view_customeraccount"),
        ("accounts", "view_user"),
        ("accounts", "view_membership"),
        ("kb", "view_article"),
        ("kb", "change_article"),
        ("kb", "add_article"),
        ("support", "view_supportrequest"),
        ("support", "change_supportrequest"),
        ("support", "view_queue"),
        ("support", "view_requesttype"),
        ("orders", "view_order"),
        ("orders", "view_orderline"),
        ("orders", "view_orderstatuschange"),
        ("orders", "view_shipment"),
        ("orders", "view_shipmentline"),
        ("orders", "view_shipmentevent"),
    ],
    CONTRACTS_REPRESENTATIVE: [
        ("accounts", "view_customeraccount"),
        ("accounts", "view_user"),
        ("accounts", "view_membership"),
        ("accounts", "view_accessrequest"),
        ("accounts", "decide_accessrequest"),
        ("contracts", "view_contract"),
        ("contracts", "view_equipment"),
        ("contracts", "view_signaturerequest"),
        ("contracts", "send_signaturerequest"),
        ("contracts", "countersign_contract"),
        ("contracts", "confirm_servicepac"),
    ],
    BILLING: [
        ("accounts", "view_customeraccount"),
        ("accounts", "view_accessrequest"),
        ("accounts", "decide_accessrequest"),
        # Billing works the invoice questions' queue.
        ("support", "view_supportrequest"),
        ("support", "change_supportrequest"),
    ],
}


def is_vendor_admin(user) -> bool:
    """A superuser, or staff in the Vendor admin group: who may enter the Django admin."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    known = vars(user).get("_is_vendor_admin")  # one query per request, however often asked
    if known is None:
        known = vars(user)["_is_vendor_admin"] = user.groups.filter(name=VENDOR_ADMIN).exists()
    return known


def ensure_roles() -> None:
    for name, pairs in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [
            perm
            for app_label, codename in pairs
            for perm in Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        ]
        group.permissions.set(wanted)
    admin, _created = Group.objects.get_or_create(name=VENDOR_ADMIN)
    admin.permissions.set(Permission.objects.all())
