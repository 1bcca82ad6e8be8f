from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "clientdesk.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from clientdesk.core import events
        from clientdesk.webhooks import subscribers  # noqa: F401  (subscribes to the events)
        from clientdesk.webhooks.events import EndpointEvent

        # Who may receive the portal's data, and with which secret: security-relevant.
        events.register(EndpointEvent, audited=True)
