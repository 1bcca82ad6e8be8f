from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from clientdesk.support import lifecycle, notifications
from clientdesk.support.models import Status, SupportRequest


@task()
def close_resolved_request(request_id: int, resolved_at: str) -> None:
    """Close a request whose reopen window has ended, if nobody reopened it meanwhile."""
    with transaction.atomic():
        support_request = (
            SupportRequest.objects.select_for_update(of=("self",))
            .select_related("type", "requester")
            .filter(pk=request_id, status=Status.RESOLVED)
            .first()
        )
        # A request reopened and resolved again has a newer task of its own.
        if support_request is None or support_request.resolved_at != datetime.fromisoformat(
            resolved_at
        ):
            return
        lifecycle.set_status(support_request, Status.CLOSED, actor=None, now=timezone.now())
        support_request.version += 1
        support_request.save()
        notifications.status_changed(support_request, base_url="")
