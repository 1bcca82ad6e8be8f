"""What happens to contracts, their documents and the equipment."""

from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class ContractEvent(EventKind):
    UPSERTED = "contract.upserted", _("Contract received or updated")
    DOCUMENT_ADDED = "contract.document_added", _("Contract document added")
    EQUIPMENT_UPSERTED = "equipment.upserted", _("Equipment received or updated")
    NOTICE_ALERTED = "contract.notice_alerted", _("Holders told the last day to give notice")
    END_ALERTED = "contract.end_alerted", _("Holders told the contract ends")
    SERVICEPAC_REFUSED = "servicepac.refused", _("ServicePac registration refused")


class SignatureEvent(EventKind):
    """Each step of a signature: security events, in the audit log's chain."""

    REQUESTED = "signature.requested", _("Sent for approval and signature")
    APPROVED = "signature.approved", _("Contract approved")
    SIGNED = "signature.signed", _("Contract signed")
    SEALED = "signature.sealed", _("Signature sealed in the PDF")
    DECLINED = "signature.declined", _("Signature declined")
    WITHDRAWN = "signature.withdrawn", _("Signature request withdrawn")
    COMPLETED = "signature.completed", _("All signatures complete")
    REMINDED = "signature.reminded", _("Reminder sent to the one whose turn it is")
    EXPIRED = "signature.expired", _("Signature request expired")
