"""A customer's own API tokens, under the profile."""

from django.urls import path

from clientdesk.api import views

urlpatterns = [
    path("", views.my_tokens, name="my_api_tokens"),
    path("<uuid:public_id>/revoke/", views.my_token_revoke, name="my_api_token_revoke"),
]
