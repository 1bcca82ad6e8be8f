from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "clientdesk.support"
    label = "support"
    verbose_name = _("Requests")

    def ready(self) -> None:
        # The general request kinds register themselves on import; other apps
        # (contracts) register theirs from their own ready(). The e-mails subscribe.
        from clientdesk.core import events
        from clientdesk.support import general, notifications  # noqa: F401
        from clientdesk.support.events import RequestEvent, describe

        events.register(RequestEvent, describe=describe)
