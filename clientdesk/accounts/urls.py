from django.urls import path

from clientdesk.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.my_data, name="my_data"),
    path("profile/data/export.json", views.my_data_export, name="my_data_export"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("access/", views.access_list, name="access_list"),
    path("access/new/", views.access_new, name="access_new"),
    path("company/<uuid:account_id>/users/", views.company_users, name="company_users"),
    path(
        "company/<uuid:account_id>/users/<int:member_id>/",
        views.company_member,
        name="company_member",
    ),
    path(
        "company/<uuid:account_id>/users/<int:member_id>/revoke/",
        views.company_member_revoke,
        name="company_member_revoke",
    ),
    path(
        "company/<uuid:account_id>/invitations/<int:invitation_id>/resend/",
        views.company_invitation_resend,
        name="company_invitation_resend",
    ),
    path(
        "company/<uuid:account_id>/invitations/<int:invitation_id>/revoke/",
        views.company_invitation_revoke,
        name="company_invitation_revoke",
    ),
    path("profile/data/consents/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
