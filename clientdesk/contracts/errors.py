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
