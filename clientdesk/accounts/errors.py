from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class AccountError(ErrorCode):
    ALREADY_DECIDED = "access.already_decided", _("This request was already decided.")
    NO_SUCH_ACCOUNT = (
        "access.no_such_account",
        _("No customer account has this number; refuse the request."),
    )
    ALREADY_MEMBER = (
        "invitation.already_member",
        _("This person is already a member of the account."),
    )
    WRONG_INVITEE = (
        "invitation.wrong_user",
        _("This invitation was sent to another e-mail address."),
    )
    INVITATION_CLOSED = (
        "invitation.closed",
        _("This invitation was already used, withdrawn or has expired."),
    )
    NUMBER_TAKEN = (
        "account.number_taken",
        _("Another customer account has the number %(number)s."),
    )
    UNKNOWN_ACCOUNT = (
        "account.unknown",
        _("No customer account has the identifier %(external_id)s."),
    )
    UNKNOWN_NUMBER = (
        "access.unknown_number",
        _(
            "We have no customer with this number. Check it on an invoice or a contract from us;"
            " it is printed next to your company's name."
        ),
    )
    TOO_MANY_ACCESS_REQUESTS = (
        "access.too_many",
        _("You have asked for access too many times this hour. Please try again later."),
    )
    TOO_MANY_INVITATIONS = (
        "invitation.too_many",
        _("You have sent too many invitations this hour. Please try again later."),
    )
    CONSENT_MANDATORY = (
        "consent.mandatory",
        _("Without this consent we cannot keep your account: delete the account instead."),
    )
    CONSENT_NOT_GIVEN = "consent.not_given", _("This consent is not in force.")
    OWN_ADMIN = "membership.own_admin", _("You cannot remove your own admin grant.")
    SELF_REVOKE = "membership.self_revoke", _("You cannot remove yourself from the account.")
