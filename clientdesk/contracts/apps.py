from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from clientdesk.core import grants as G
from clientdesk.core import navigation
from clientdesk.core.navigation import Section


class ContractsConfig(AppConfig):
    name = "clientdesk.contracts"
    label = "contracts"
    verbose_name = _("Contracts OnLine")

    def ready(self) -> None:
        from clientdesk.contracts import (
            alerts,  # noqa: F401 - subscribes
            checks,  # noqa: F401 - registers the deploy check
            notifications,  # noqa: F401 - subscribes
        )
        from clientdesk.contracts.events import ContractEvent, SignatureEvent
        from clientdesk.core import events

        events.register(ContractEvent)
        from clientdesk.contracts.requests import register_kinds

        register_kinds()
        events.register(SignatureEvent, audited=True)

        from clientdesk.contracts.dashboard import customer_waiting

        navigation.register_waiting("signatures", customer_waiting, order=30)
        navigation.register(
            Section(
                key="contracts",
                label=_("Contracts"),
                description=_(
                    "Your contracts with us, their documents, renewal dates and the last day "
                    "to give notice."
                ),
                url_name="contracts:list",
                order=30,
                grant=G.CONTRACTS_VIEW,
            )
        )
        navigation.register(
            Section(
                key="equipment",
                label=_("Equipment"),
                description=_("Your machines, their warranty and the contracts that cover them."),
                url_name="equipment:list",
                order=32,
                grant=G.CONTRACTS_VIEW,
            )
        )
