from django_tasks import task

from clientdesk.core.actors import Actor
from clientdesk.support import services


@task()
def close_resolved_request(request_id: int, resolved_at: str) -> None:
    """Close a request whose reopen window has ended, if nobody reopened it meanwhile."""
    services.request_close_after_reopen_window(
        actor=Actor.system("worker"), request_id=request_id, resolved_at=resolved_at
    )
