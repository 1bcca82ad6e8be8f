from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "clientdesk.accounts"
    label = "accounts"
    verbose_name = _("Customers and users")

    def ready(self) -> None:
        from clientdesk.accounts import notifications, signals  # noqa: F401  (they subscribe)
        from clientdesk.accounts.dashboard import access_waiting
        from clientdesk.accounts.events import AccessEvent, CustomerEvent, SecurityEvent
        from clientdesk.core import events, navigation

        events.register(SecurityEvent, audited=True)
        events.register(AccessEvent, audited=True)
        events.register(CustomerEvent)
        navigation.register_waiting("access", access_waiting, order=5)
