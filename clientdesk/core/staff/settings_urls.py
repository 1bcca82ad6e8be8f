# Mounted at /staff/settings/ by the staff workspace; billing's settings are at billing/.
from django.urls import path

from clientdesk.core.staff import settings_views

app_name = "settings_staff"

urlpatterns = [
    path("", settings_views.vendor_settings, name="vendor"),
]
