from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from clientdesk.core import navigation
from clientdesk.core.navigation import Section


class SupportConfig(AppConfig):
    name = "clientdesk.support"
    label = "support"
    verbose_name = _("Requests")

    def ready(self) -> None:
        # The general request kinds register themselves on import; other apps
        # (contracts) register theirs from their own ready(). The e-mails subscribe.
        from clientdesk.core import events
        from clientdesk.support import dashboard, general, notifications  # noqa: F401
        from clientdesk.support.events import CatalogueEvent, RequestEvent, describe

        events.register(RequestEvent, describe=describe)
        events.register(CatalogueEvent, audited=True)
        notifications.register_staff_topics()
        navigation.register_waiting("requests", dashboard.customer_waiting, order=10)
        navigation.register_waiting("queues", dashboard.staff_waiting, order=11)

        navigation.register(
            Section(
                key="requests",
                label=_("My requests"),
                description=_("Submit, follow and answer your requests to our support team."),
                url_name="support:list",
                order=10,
                grant="requests",
            )
        )
        navigation.register(
            Section(
                key="contact",
                label=_("Contact"),
                description=_("Phone, e-mail and hours of the customer support team."),
                url_name="contact",
                order=90,
                public=True,
            )
        )
