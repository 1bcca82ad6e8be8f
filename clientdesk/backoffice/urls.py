"""The staff workspace under /staff/: its home, and each app's staff pages.

An app's staff url module either has a namespace of its own (support's
``support_staff``) or none, and then its names join the workspace's
``backoffice`` namespace, the names its pages had before they moved.
"""

from django.urls import URLPattern, URLResolver, include, path

from clientdesk.backoffice import views
from clientdesk.core.staff.urls import preference_patterns

workspace: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("access/", include("clientdesk.accounts.staff.urls")),
    path("customers/", include("clientdesk.accounts.staff.customer_urls")),
    path("outbox/", include("clientdesk.core.staff.urls")),
    path("my-email/", include(preference_patterns)),
    path("api-tokens/", include("clientdesk.api.staff.urls")),
]

urlpatterns = [
    path("", include((workspace, "backoffice"))),
    path("requests/", include("clientdesk.support.staff.urls")),
    path("contracts/", include("clientdesk.contracts.staff.urls")),
    path("webhooks/", include("clientdesk.webhooks.staff.urls")),
    path("kb/", include("clientdesk.kb.staff.urls")),
    path("settings/", include("clientdesk.core.staff.settings_urls")),
    path("settings/billing/", include("clientdesk.billing.staff.urls")),
    path("carriers/", include("clientdesk.orders.staff.urls")),
    path("orders/", include("clientdesk.orders.staff.order_urls")),
    path("audit/", include("clientdesk.core.staff.audit_urls")),
]
