from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from clientdesk.api.urls import api
from clientdesk.backoffice.admin_site import lock_down

lock_down(admin.site)

urlpatterns = [
    path("", include("clientdesk.core.urls")),
    path("", include("clientdesk.accounts.urls")),
    path("profile/api-tokens/", include("clientdesk.api.token_urls")),
    path("faq/", include("clientdesk.kb.urls")),
    path("contact/", include("clientdesk.support.contact_urls")),
    path("requests/", include("clientdesk.support.urls")),
    path("orders/", include("clientdesk.orders.urls")),
    path("contracts/", include("clientdesk.contracts.urls")),
    path("equipment/", include("clientdesk.contracts.equipment_urls")),
    path("verify/", include("clientdesk.contracts.verify_urls")),
    path("invoices/", include("clientdesk.billing.urls")),
    path("statement/", include("clientdesk.billing.statement_urls")),
    path("staff/", include("clientdesk.backoffice.urls")),
    path("account/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # The admin was mounted at /backoffice/ before: staff bookmarks keep working.
    re_path(
        r"^backoffice/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/%(rest)s", permanent=True, query_string=True),
        name="admin_moved",
    ),
    path("api/v1/", api.urls),
]

# The 500 page renders with the database down (core/views.py); the others are the
# templates 400.html, 403.html and 404.html in the portal's layout.
handler400 = "clientdesk.core.views.bad_request"
handler500 = "clientdesk.core.views.server_error"
