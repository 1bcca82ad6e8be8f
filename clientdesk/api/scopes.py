"""What a token may do. A vendor's token writes what the ERP owns; a customer's token
reads (and files requests) only as far as its user's memberships allow, call by call."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CUSTOMERS_WRITE = "customers:write", _("Customer accounts and invitations: create and update")
    CONTRACTS_WRITE = "contracts:write", _("Contracts, documents and equipment: create and update")
    ORDERS_WRITE = "orders:write", _("Orders and shipments: create and update")
    INVOICES_WRITE = "invoices:write", _("Invoices and credit notes: issue")
    PAYMENTS_WRITE = "payments:write", _("Payments: record")
    REQUESTS_READ = "requests:read", _("Requests: read")
    REQUESTS_WRITE = "requests:write", _("Requests: file and reply")
    ORDERS_READ = "orders:read", _("Orders and deliveries: read")
    INVOICES_READ = "invoices:read", _("Invoices and statement: read")
    CONTRACTS_READ = "contracts:read", _("Contracts and equipment: read")


VENDOR_SCOPES = (
    Scope.CUSTOMERS_WRITE,
    Scope.CONTRACTS_WRITE,
    Scope.ORDERS_WRITE,
    Scope.INVOICES_WRITE,
    Scope.PAYMENTS_WRITE,
    Scope.REQUESTS_READ,
)
CUSTOMER_SCOPES = (
    Scope.REQUESTS_READ,
    Scope.REQUESTS_WRITE,
    Scope.ORDERS_READ,
    Scope.INVOICES_READ,
    Scope.CONTRACTS_READ,
)
