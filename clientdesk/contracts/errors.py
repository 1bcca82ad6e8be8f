from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class ContractError(ErrorCode):
    OTHER_ACCOUNT = (
        "contract.other_account",
        _("A contract cannot move to another customer account."),
    )
    NOT_PDF = "contract.not_pdf", _("The document must be a PDF file.")
    DATES = "contract.dates", _("The end date cannot be before the start date.")
    NO_SUCH_CONTRACT = (
        "contract.no_such_contract",
        _("The account has no contract %(number)s."),
    )
    EQUIPMENT_OTHER_ACCOUNT = (
        "equipment.other_account",
        _("A machine cannot move to another customer account."),
    )


class SignatureError(ErrorCode):
    NO_SIGNER = "signature.no_signer", _("Choose at least one signer.")
    NOT_APPROVER = (
        "signature.not_approver",
        _("%(user)s cannot approve contracts of this customer."),
    )
    NOT_SIGNER = "signature.not_signer", _("%(user)s cannot sign contracts of this customer.")
    EXPIRY_PAST = "signature.expiry_past", _("The expiry date must be in the future.")
    ALREADY_PENDING = (
        "signature.already_pending",
        _("This contract already waits for signatures; withdraw that request first."),
    )
    NOT_PENDING = "signature.not_pending", _("This signature request is no longer open.")
    NOT_YOUR_TURN = "signature.not_your_turn", _("It is not your turn on this document yet.")
    NAME_MISMATCH = (
        "signature.name_mismatch",
        _("Type your full name as it is in your profile: %(name)s."),
    )
    REASON_REQUIRED = "signature.reason_required", _("Say why you decline.")
    COUNTERSIGN_LAST = (
        "signature.countersign_last",
        _("The vendor's signatory signs once, last, after every signer of the customer."),
    )
    NOT_COUNTERSIGNER = (
        "signature.not_countersigner",
        _("%(user)s may not sign contracts for the vendor."),
    )
    DRAWING_INVALID = (
        "signature.drawing_invalid",
        _("The drawn signature could not be read: clear it and draw it again, or leave it empty."),
    )
    DRAWING_TOO_LARGE = (
        "signature.drawing_too_large",
        _("The drawn signature is too large: clear it and draw it again."),
    )
    NO_KEY = "signature.no_key", _("Signing is not available now; we were told and will fix it.")


class ContractRequestError(ErrorCode):
    UNKNOWN_CONTRACT = (
        "contract_request.unknown_contract",
        _("Choose one of this account's contracts."),
    )
    NOT_A_LICENCE = (
        "contract_request.not_a_licence",
        _("This contract is not a software licence."),
    )
    PREPAID = (
        "contract_request.prepaid",
        _(
            "A prepaid licence ends by itself at the end of its term: no cancellation is "
            "needed, and nothing was filed."
        ),
    )
    TOO_EARLY = (
        "contract_request.too_early",
        _("The earliest effective date, with the %(days)s days' notice, is %(date)s."),
    )
    ACK_REQUIRED = (
        "contract_request.ack_required",
        _("Confirm that all copies of the software will be destroyed."),
    )
    NOT_MAINTENANCE = (
        "contract_request.not_maintenance",
        _("This contract is not a maintenance contract."),
    )
    DOWNLOAD_INSTEAD = (
        "contract_request.download_instead",
        _(
            "You may download this contract's document now, from the link under the "
            "contract's name: nothing was filed. Ask for a paper copy if you need one."
        ),
    )
    SIGNATORY_REQUIRED = (
        "contract_request.signatory_required",
        _(
            "The written notice must be signed by an authorized signatory of your company: "
            "ask a colleague who may sign contracts to file it."
        ),
    )
    SIGN_ONLINE = (
        "contract_request.sign_online",
        _(
            "The written notice is signed online: give notice from the contract's page, "
            "under Contracts."
        ),
    )
    MACHINE_MISMATCH = (
        "contract_request.machine_mismatch",
        _("The machine with serial number %(serial)s in your inventory is a %(type)s."),
    )


class ServicePacError(ErrorCode):
    NOT_SERVICEPAC = "servicepac.not_servicepac", _("This contract is not a ServicePac.")
    NOT_WAITING = (
        "servicepac.not_waiting",
        _("This ServicePac registration is no longer waiting for a decision."),
    )
    UNKNOWN_SERVICEPAC = (
        "servicepac.unknown_servicepac",
        _("The customer has no ServicePac numbered %(number)s: refuse it, saying so."),
    )
    REASON_REQUIRED = "servicepac.reason_required", _("Say why you refuse the registration.")
    UNKNOWN_MACHINE = (
        "servicepac.unknown_machine",
        _("The customer's inventory has no machine with serial number %(serial)s."),
    )
