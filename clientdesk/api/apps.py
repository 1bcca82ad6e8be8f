from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "clientdesk.api"
    label = "api"
    verbose_name = _("Integration API")

    def ready(self) -> None:
        from clientdesk.api.events import ApiEvent, TokenEvent
        from clientdesk.core import events

        events.register(TokenEvent, audited=True)
        events.register(ApiEvent)
