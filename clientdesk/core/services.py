"""The portal's own writes: staff e-mail preferences and the vendor's configuration."""

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from clientdesk.core import configuration, staff_mail
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.events import ConfigEvent, CoreEvent, record
from clientdesk.core.logo import logo_name
from clientdesk.core.models import StaffMailOptOut, VendorConfig


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


@transaction.atomic
def vendor_config_update(
    *,
    actor: Actor,
    values: Mapping[str, Any],
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> VendorConfig:
    """Change the vendor's configuration; every page shows the change once it commits."""
    VendorConfig.objects.get_or_create(pk=1)
    config = VendorConfig.objects.select_for_update().get(pk=1)
    diff = configuration.apply(config, values)
    if logo is not None:
        name = logo_name(logo)
        before = config.logo.name or ""
        config.logo.save(name, logo, save=False)
        diff["logo"] = [before, config.logo.name]
    elif remove_logo and config.logo:
        diff["logo"] = [config.logo.name, ""]
        config.logo = None
    configuration.validate(config)
    if not diff:
        return config
    config.save()
    record(ConfigEvent.VENDOR_CHANGED, actor=actor, subject=config, data={"changed": diff})
    # A page read between the save and the commit may have cached the old row again.
    transaction.on_commit(VendorConfig.invalidate)
    return config
