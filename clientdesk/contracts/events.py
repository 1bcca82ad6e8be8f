"""What happens to contracts, their documents and the equipment."""

from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class ContractEvent(EventKind):
    UPSERTED = "contract.upserted", _("Contract received or updated")
    DOCUMENT_ADDED = "contract.document_added", _("Contract document added")
    EQUIPMENT_UPSERTED = "equipment.upserted", _("Equipment received or updated")
