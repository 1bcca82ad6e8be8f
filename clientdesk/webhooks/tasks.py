from django_tasks import task

from clientdesk.webhooks import delivery


@task()
def deliver(webhook_id: str) -> None:
    """Send one delivery if it is due; a delivered one is never sent again."""
    delivery.deliver_now(webhook_id)


@task()
def sweep() -> int:
    """Send every due delivery whose task was lost (a worker killed mid-batch)."""
    return delivery.sweep()
