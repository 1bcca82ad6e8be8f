from django.urls import path

from clientdesk.contracts.staff import countersign, servicepacs, views
from clientdesk.support.converters import NUMBER

app_name = "contracts_staff"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/send/", views.contract_send, name="send"),
    path("servicepacs/", servicepacs.servicepac_list, name="servicepacs"),
    path(
        f"servicepacs/<{NUMBER}:number>/confirm/",
        servicepacs.servicepac_confirm,
        name="servicepac_confirm",
    ),
    path(
        f"servicepacs/<{NUMBER}:number>/refuse/",
        servicepacs.servicepac_refuse,
        name="servicepac_refuse",
    ),
    path("signatures/<uuid:public_id>/withdraw/", views.request_withdraw, name="withdraw"),
    path("signatures/<uuid:public_id>/countersign/", countersign.countersign, name="countersign"),
    path(
        "signatures/<uuid:public_id>/countersign/pdf/",
        countersign.countersign_pdf,
        name="countersign_pdf",
    ),
]
