from django.urls import path

from clientdesk.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("access/", views.access_queue, name="access_queue"),
    path("access/<uuid:public_id>/", views.access_detail, name="access_detail"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_message, name="outbox_message"),
]
