from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class TokenEvent(EventKind):
    CREATED = "token.created", _("API token created")
    REVOKED = "token.revoked", _("API token revoked")


class ApiEvent(EventKind):
    # One per call, with the token as its actor: what the ERP (or a customer's script) did.
    CALLED = "api.called", _("API called")
