# Mounted at /staff/audit/ by the staff workspace.
from django.urls import path

from clientdesk.core.staff import audit_views

app_name = "audit_staff"

urlpatterns = [
    path("", audit_views.audit_log, name="log"),
    path("export.csv", audit_views.audit_csv, name="csv"),
    path("<int:pk>/", audit_views.audit_event, name="event"),
]
