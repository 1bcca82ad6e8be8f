from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "clientdesk.core"
    label = "core"
    verbose_name = _("Portal configuration")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from clientdesk.core import events
        from clientdesk.core.middleware import on_signed_in

        events.register(events.CoreEvent)
        events.register(events.ConfigEvent, audited=True)

        user_logged_in.connect(on_signed_in, dispatch_uid="core.session_clocks")
