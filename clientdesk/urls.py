from django.contrib import admin
from django.urls import include, path

from clientdesk.api.urls import api

urlpatterns = [
    path("", include("clientdesk.core.urls")),
    path("", include("clientdesk.accounts.urls")),
    path("faq/", include("clientdesk.kb.urls")),
    path("contact/", include("clientdesk.support.contact_urls")),
    path("requests/", include("clientdesk.support.urls")),
    path("orders/", include("clientdesk.orders.urls")),
    path("staff/", include("clientdesk.backoffice.urls")),
    path("account/", include("allauth.urls")),
    path("backoffice/", admin.site.urls),
    path("api/v1/", api.urls),
]
