"""What happens to people and their access: all of it security-relevant, all in the audit chain."""

from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class SecurityEvent(EventKind):
    REGISTERED = "user.registered", _("Registered")
    DELETED = "user.deleted", _("Account deleted")
    PROFILE_CHANGED = "user.profile_changed", _("Profile changed")
    LOGGED_IN = "user.logged_in", _("Signed in")
    LOGIN_FAILED = "user.login_failed", _("Sign-in failed")
    LOGIN_LIMITED = "user.login_limited", _("Sign-in refused after too many failures")
    LOGIN_STEPPED_UP = "user.login_stepped_up", _("Sign-in asked for an e-mailed code")
    NEW_BROWSER = "user.new_browser", _("Signed in from a new browser")
    LOGGED_OUT = "user.logged_out", _("Signed out")
    PASSWORD_CHANGED = "user.password_changed", _("Password changed")
    PASSWORD_RESET = "user.password_reset", _("Password reset")
    MFA_ADDED = "user.mfa_added", _("Two-factor method added")
    MFA_REMOVED = "user.mfa_removed", _("Two-factor method removed")
    CONSENT_WITHDRAWN = "user.consent_withdrawn", _("Consent withdrawn")


class CustomerEvent(EventKind):
    """What the ERP pushes of its customers: master data, not security."""

    UPSERTED = "account.upserted", _("Customer account received or updated")


class AccessEvent(EventKind):
    REQUESTED = "access.requested", _("Access requested")
    GRANTED = "access.granted", _("Access granted")
    REFUSED = "access.refused", _("Access refused")
    INVITED = "invitation.created", _("Colleague invited")
    INVITATION_RESENT = "invitation.resent", _("Invitation sent again")
    INVITATION_REVOKED = "invitation.revoked", _("Invitation withdrawn")
    MEMBERSHIP_GRANTED = "membership.granted", _("Membership granted")
    MEMBERSHIP_CHANGED = "membership.changed", _("Grants changed")
    MEMBERSHIP_REVOKED = "membership.revoked", _("Membership revoked")
