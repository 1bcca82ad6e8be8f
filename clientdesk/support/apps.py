from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "clientdesk.support"
    label = "support"
    verbose_name = _("Requests")

    def ready(self) -> None:
        # The general request kinds register themselves on import; other apps
        # (contracts) register theirs from their own ready().
        from clientdesk.support import general  # noqa: F401
