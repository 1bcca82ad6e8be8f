from django_tasks import task

from clientdesk.webhooks import delivery


@task()
def deliver(webhook_id: str) -> None:
    """Send one delivery if it is due; a delivered one is never sent again."""
    delivery.deliver_now(webhook_id)
