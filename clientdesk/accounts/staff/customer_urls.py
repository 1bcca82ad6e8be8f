"""The staff's customer pages, mounted at /staff/customers/ in the ``backoffice`` namespace."""

from django.urls import path

from clientdesk.accounts.staff import customer_views as views

urlpatterns = [
    path("", views.customer_list, name="customers"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("<uuid:public_id>/", views.customer_detail, name="customer_detail"),
    path(
        "<uuid:public_id>/members/<int:member_id>/", views.customer_member, name="customer_member"
    ),
    path(
        "<uuid:public_id>/members/<int:member_id>/remove/",
        views.customer_member_revoke,
        name="customer_member_revoke",
    ),
    path(
        "<uuid:public_id>/invitations/<int:invitation_id>/resend/",
        views.customer_invitation_resend,
        name="customer_invitation_resend",
    ),
    path(
        "<uuid:public_id>/invitations/<int:invitation_id>/withdraw/",
        views.customer_invitation_revoke,
        name="customer_invitation_revoke",
    ),
]
