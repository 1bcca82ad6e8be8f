# Mounted at /staff/settings/billing/ by the staff workspace.
from django.urls import path

from clientdesk.billing.staff import views

app_name = "billing_staff"

urlpatterns = [
    path("", views.billing_settings, name="settings"),
]
