from django.urls import path

from clientdesk.webhooks.staff import views

app_name = "webhooks_staff"

urlpatterns = [
    path("", views.endpoint_list, name="list"),
    path("new/", views.endpoint_create, name="create"),
    path("<uuid:public_id>/", views.endpoint_detail, name="detail"),
    path("<uuid:public_id>/rotate/", views.endpoint_rotate, name="rotate"),
    path("<uuid:public_id>/disable/", views.endpoint_disable, name="disable"),
    path("<uuid:public_id>/enable/", views.endpoint_enable, name="enable"),
    path("<uuid:public_id>/replay/", views.endpoint_replay, name="replay"),
    path("<uuid:public_id>/deliveries/", views.delivery_log, name="log"),
    path("deliveries/<uuid:public_id>/", views.delivery_detail, name="delivery"),
    path("deliveries/<uuid:public_id>/resend/", views.delivery_resend, name="resend"),
]
