"""Recording security-relevant actions in the audit log."""

from typing import Any

from clientdesk.core.models import AuditEvent


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit(
    action: str,
    *,
    actor=None,
    account=None,
    subject=None,
    request=None,
    **data: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        account=account,
        subject=subject,
        ip=client_ip(request),
        data=data,
    )
