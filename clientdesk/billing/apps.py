from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from clientdesk.core import navigation
from clientdesk.core.navigation import Section


class BillingConfig(AppConfig):
    name = "clientdesk.billing"
    label = "billing"
    verbose_name = _("Invoices and payments")

    def ready(self) -> None:
        from clientdesk.billing import subscribers  # noqa: F401  (subscribes to the events)
        from clientdesk.billing.dashboard import customer_waiting
        from clientdesk.billing.events import BillingEvent, BillingSettingsEvent, describe
        from clientdesk.billing.queries import dashboard_summary
        from clientdesk.core import events

        events.register(BillingEvent, describe=describe)
        events.register(BillingSettingsEvent, audited=True)
        navigation.register(
            Section(
                key="invoices",
                label=_("Invoices"),
                description=_("Your invoices and credit notes: download, print, see what is due."),
                url_name="billing:list",
                order=40,
                grant="invoices",
                summary=dashboard_summary,
            )
        )
        navigation.register_waiting("invoices", customer_waiting, order=40)
        navigation.register(
            Section(
                key="statement",
                label=_("Account statement"),
                description=_("Your balance with us, its movements and what is overdue."),
                url_name="statement:show",
                order=45,
                grant="invoices",
            )
        )
