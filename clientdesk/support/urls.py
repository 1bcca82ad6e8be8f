from django.urls import path

from clientdesk.support.converters import NUMBER
from clientdesk.support.views import detail, mine, new, suggestions

app_name = "support"
urlpatterns = [
    path("", mine.request_list, name="list"),
    path("new/", new.new_request, name="new"),
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("suggestions/open/", suggestions.follow, name="follow"),
    path(f"<{NUMBER}:number>/", detail.request_detail, name="detail"),
    path(f"<{NUMBER}:number>/reply/", detail.request_reply, name="reply"),
    path(f"<{NUMBER}:number>/cancel/", detail.request_cancel, name="cancel"),
    path(f"<{NUMBER}:number>/reopen/", detail.request_reopen, name="reopen"),
    path(f"<{NUMBER}:number>/rate/", detail.request_rate, name="rate"),
    path(
        f"<{NUMBER}:number>/files/<uuid:public_id>/",
        detail.attachment_download,
        name="attachment",
    ),
]
