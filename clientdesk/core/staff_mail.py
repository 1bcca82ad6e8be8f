"""The e-mails staff get about their work, each of which a staff member can switch off.

An app registers its kinds from its ``AppConfig.ready()`` (support: a new request in
one's queues, a customer's reply) and asks, when it mails, who still wants them::

    staff_mail.register(StaffTopic(key="support.new_request", label=_("...")))
    for person in staff_mail.wanting("support.new_request", candidates): ...

The preferences page (core/staff/views.py) lists the registered kinds; every kind is on
until its member switches it off (``StaffMailOptOut``).
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise

from clientdesk.core.models import StaffMailOptOut


@dataclass(frozen=True, kw_only=True)
class StaffTopic:
    key: str
    label: Promise


_TOPICS: dict[str, StaffTopic] = {}


def register(topic: StaffTopic) -> None:
    known = _TOPICS.get(topic.key)
    if known is not None and known != topic:
        raise ValueError(f"staff e-mail {topic.key!r} is already registered: {known}")
    _TOPICS[topic.key] = topic


def topics() -> list[StaffTopic]:
    """The kinds in the order they were registered (an app lists its own as it likes)."""
    return list(_TOPICS.values())


def switched_off(user) -> set[str]:
    return set(StaffMailOptOut.objects.filter(user=user).values_list("topic", flat=True))


def wanting(key: str, staff: QuerySet) -> QuerySet:
    """The active staff among ``staff`` who have not switched ``key`` off: one query."""
    if key not in _TOPICS:
        raise ValueError(f"unknown staff e-mail {key!r}")
    return staff.filter(is_staff=True, is_active=True).exclude(staff_mail_opt_outs__topic=key)
