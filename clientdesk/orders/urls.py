from django.urls import path

from clientdesk.orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("export/csv/", views.export_csv, name="export_csv"),
    path("export/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("<uuid:public_id>/", views.order_detail, name="detail"),
    path("<uuid:public_id>/live/", views.order_live, name="live"),
]
