from clientdesk.support.models.catalogue import Queue, RequestType
from clientdesk.support.models.conversation import Attachment, Message
from clientdesk.support.models.deflection import DeflectionEvent
from clientdesk.support.models.requests import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    RequestCounter,
    Status,
    SupportRequest,
    customer_label,
)

__all__ = [
    "FINISHED_STATUSES",
    "OPEN_STATUSES",
    "Attachment",
    "DeflectionEvent",
    "Message",
    "Queue",
    "RequestCounter",
    "RequestType",
    "Status",
    "SupportRequest",
    "customer_label",
]
