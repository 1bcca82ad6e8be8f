# Mounted at /staff/orders/ by the staff workspace.
from django.urls import path

from clientdesk.orders.staff import order_views

app_name = "orders_staff"

urlpatterns = [
    path("", order_views.order_list, name="list"),
    path("<uuid:public_id>/", order_views.order_detail, name="detail"),
]
