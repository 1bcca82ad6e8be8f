"""The portal's own writes (the vendor's configuration is edited in the admin)."""

from django.db import transaction

from clientdesk.core import staff_mail
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.events import CoreEvent, record
from clientdesk.core.models import StaffMailOptOut


@transaction.atomic
def staff_mail_preferences_set(*, actor: Actor, wanted: frozenset[str]) -> None:
    """The staff e-mails the acting staff member wants; every other registered kind is off."""
    user = actor.user
    if user is None or not user.is_staff:
        raise ServiceError(CommonError.INVALID, field="topics")
    known = {topic.key for topic in staff_mail.topics()}
    if not wanted <= known:
        raise ServiceError(CommonError.INVALID, field="topics")
    off = known - wanted
    before = staff_mail.switched_off(user)
    if off == before:
        return
    StaffMailOptOut.objects.filter(user=user).exclude(topic__in=off).delete()
    StaffMailOptOut.objects.bulk_create(
        [StaffMailOptOut(user=user, topic=key) for key in sorted(off - before)],
        ignore_conflicts=True,
    )
    record(
        CoreEvent.STAFF_MAIL_CHANGED,
        actor=actor,
        subject=user,
        data={"on": sorted(wanted), "off": sorted(off)},
    )
