"""The grants a membership can hold, by the names PRODUCT.md gives them."""

from django.utils.translation import gettext_lazy as _

REQUESTS = "requests"
ORDERS = "orders"
INVOICES = "invoices"
CONTRACTS_VIEW = "contracts.view"
CONTRACTS_APPROVE = "contracts.approve"
CONTRACTS_SIGN = "contracts.sign"
ADMIN = "admin"

LABELS = {
    REQUESTS: _("Requests"),
    ORDERS: _("Orders and deliveries"),
    INVOICES: _("Invoices and account statement"),
    CONTRACTS_VIEW: _("View contracts"),
    CONTRACTS_APPROVE: _("Approve contracts"),
    CONTRACTS_SIGN: _("Sign contracts"),
    ADMIN: _("Administer the company's users"),
}
ALL = tuple(LABELS)
CHOICES = [(name, label) for name, label in LABELS.items()]


def field_name(grant: str) -> str:
    """The Membership column that stores a grant: "contracts.view" -> "grant_contracts_view"."""
    if grant not in LABELS:
        raise ValueError(f"unknown grant {grant!r}")
    return "grant_" + grant.replace(".", "_")


# What a user may ask for in an access request, and the grants each area gives.
AREAS = {
    "contracts": (CONTRACTS_VIEW, CONTRACTS_APPROVE, CONTRACTS_SIGN),
    "invoices": (INVOICES,),
    "orders": (ORDERS,),
    "requests": (REQUESTS,),
}
AREA_LABELS = {
    "contracts": _("Contracts OnLine"),
    "invoices": _("Invoices and account statement"),
    "orders": _("Orders and deliveries"),
    "requests": _("Requests"),
}
AREA_CHOICES = [(name, AREA_LABELS[name]) for name in AREAS]


def grants_for_areas(areas: list[str]) -> list[str]:
    return [grant for area in areas for grant in AREAS[area]]
