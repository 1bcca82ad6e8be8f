from django.urls import path

from clientdesk.api.staff import views

urlpatterns = [
    path("", views.vendor_tokens, name="api_tokens"),
    path("<uuid:public_id>/revoke/", views.vendor_token_revoke, name="api_token_revoke"),
]
