from django.urls import path

from clientdesk.support.converters import NUMBER
from clientdesk.support.staff import actions, catalogue, views

app_name = "support_staff"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk-status/", actions.bulk_status, name="bulk_status"),
    path("types/", catalogue.type_list, name="types"),
    path("types/new/", catalogue.type_create, name="type_create"),
    path("types/<int:pk>/", catalogue.type_edit, name="type_edit"),
    path("queues/", catalogue.queue_list, name="queues"),
    path("queues/new/", catalogue.queue_create, name="queue_create"),
    path("queues/<int:pk>/", catalogue.queue_edit, name="queue_edit"),
    path(f"<{NUMBER}:number>/", views.request_detail, name="detail"),
    path(f"<{NUMBER}:number>/reply/", actions.reply, name="reply"),
    path(f"<{NUMBER}:number>/note/", actions.note, name="note"),
    path(f"<{NUMBER}:number>/update/", actions.update, name="update"),
    path(f"<{NUMBER}:number>/take/", actions.take, name="take"),
    path(f"<{NUMBER}:number>/release/", actions.release, name="release"),
    path(
        f"<{NUMBER}:number>/files/<uuid:public_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
