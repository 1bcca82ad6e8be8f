# Mounted at /staff/carriers/ by the staff workspace.
from django.urls import path

from clientdesk.orders.staff import views

app_name = "carriers_staff"

urlpatterns = [
    path("", views.carrier_list, name="list"),
    path("new/", views.carrier_create, name="create"),
    path("<int:pk>/", views.carrier_edit, name="edit"),
]
