from django.urls import path

from clientdesk.contracts.staff import countersign, views

app_name = "contracts_staff"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/send/", views.contract_send, name="send"),
    path("signatures/<uuid:public_id>/withdraw/", views.request_withdraw, name="withdraw"),
    path("signatures/<uuid:public_id>/countersign/", countersign.countersign, name="countersign"),
    path(
        "signatures/<uuid:public_id>/countersign/pdf/",
        countersign.countersign_pdf,
        name="countersign_pdf",
    ),
]
