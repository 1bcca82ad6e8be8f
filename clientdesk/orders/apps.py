from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from clientdesk.core import navigation
from clientdesk.core.navigation import Section


class OrdersConfig(AppConfig):
    name = "clientdesk.orders"
    label = "orders"
    verbose_name = _("Orders and deliveries")

    def ready(self) -> None:
        from clientdesk.core import events
        from clientdesk.orders.events import OrderEvent

        events.register(OrderEvent)

        navigation.register(
            Section(
                key="orders",
                label=_("My orders"),
                description=_(
                    "Follow your orders and their deliveries, with the carriers' tracking links."
                ),
                url_name="orders:list",
                order=20,
                grant="orders",
            )
        )
