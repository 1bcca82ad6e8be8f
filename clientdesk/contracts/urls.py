from django.urls import path

from clientdesk.contracts import notice_views, views
from clientdesk.contracts import signature_views as signing

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/", views.contract_detail, name="detail"),
    path("notice/", notice_views.give_notice, name="give_notice"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        views.document_download,
        name="document",
    ),
    path("signatures/", signing.signature_list, name="signatures"),
    path("signatures/<uuid:public_id>/", signing.signature_detail, name="signature"),
    path("signatures/<uuid:public_id>/pdf/", signing.signature_pdf, name="signature_pdf"),
    path(
        "signatures/<uuid:public_id>/approve/", signing.signature_approve, name="signature_approve"
    ),
    path("signatures/<uuid:public_id>/sign/", signing.signature_sign, name="signature_sign"),
    path(
        "signatures/<uuid:public_id>/decline/", signing.signature_decline, name="signature_decline"
    ),
]
