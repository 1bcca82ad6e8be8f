from django.urls import path

from clientdesk.support import staff_actions, staff_views
from clientdesk.support.converters import NUMBER

app_name = "support_staff"
urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("bulk-status/", staff_views.bulk_status, name="bulk_status"),
    path(f"<{NUMBER}:number>/", staff_views.request_detail, name="detail"),
    path(f"<{NUMBER}:number>/reply/", staff_actions.reply, name="reply"),
    path(f"<{NUMBER}:number>/note/", staff_actions.note, name="note"),
    path(f"<{NUMBER}:number>/update/", staff_actions.update, name="update"),
    path(f"<{NUMBER}:number>/take/", staff_actions.take, name="take"),
    path(f"<{NUMBER}:number>/release/", staff_actions.release, name="release"),
    path(
        f"<{NUMBER}:number>/files/<uuid:public_id>/",
        staff_views.attachment_download,
        name="attachment",
    ),
]
