from django.urls import path

from clientdesk.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/", views.contract_detail, name="detail"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        views.document_download,
        name="document",
    ),
]
