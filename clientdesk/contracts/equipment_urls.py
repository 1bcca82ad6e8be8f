from django.urls import path

from clientdesk.contracts import views

app_name = "equipment"

urlpatterns = [
    path("", views.equipment_list, name="list"),
    path("<uuid:public_id>/", views.equipment_detail, name="detail"),
]
