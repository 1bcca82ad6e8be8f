# No app_name: the staff workspace includes these into its own namespace
# ("backoffice:access_queue"), the names staff pages have always had.
from django.urls import path

from clientdesk.accounts.staff import views

urlpatterns = [
    path("", views.access_queue, name="access_queue"),
    path("<uuid:public_id>/", views.access_detail, name="access_detail"),
]
