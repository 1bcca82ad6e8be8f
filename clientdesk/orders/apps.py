from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "clientdesk.orders"
    label = "orders"
    verbose_name = _("Orders and deliveries")

    def ready(self) -> None:
        from clientdesk.core import events
        from clientdesk.orders.events import OrderEvent

        events.register(OrderEvent)
