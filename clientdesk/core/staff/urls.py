# No app_name: the staff workspace includes these into its own namespace
# ("backoffice:outbox"), the names staff pages have always had.
from django.urls import path

from clientdesk.core.staff import views

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.outbox_message, name="outbox_message"),
]
# Mounted at /staff/my-email/: not the outbox, but the same package of the portal's own pages.
preference_patterns = [
    path("", views.mail_preferences, name="mail_preferences"),
]
