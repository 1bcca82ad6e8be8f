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
        from clientdesk.orders.dashboard import customer_waiting
        from clientdesk.orders.events import CarrierEvent, OrderEvent

        events.register(OrderEvent)
        events.register(CarrierEvent, audited=True)
        navigation.register_waiting("orders", customer_waiting, order=20)

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
