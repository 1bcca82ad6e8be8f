from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class WebhookError(ErrorCode):
    URL_SCHEME = "webhook.url_scheme", _("The address must start with https://.")
    URL_INVALID = (
        "webhook.url_invalid",
        _("Enter a full address, such as https://erp.example.com/hooks."),
    )
    URL_UNRESOLVED = "webhook.url_unresolved", _("The address's host name could not be found.")
    URL_PRIVATE = (
        "webhook.url_private",
        _(
            "The address leads to a private or reserved network: "
            "webhooks go to public addresses only."
        ),
    )
    NO_EVENTS = "webhook.no_events", _("Choose at least one event.")
    UNKNOWN_EVENT = "webhook.unknown_event", _("%(name)s is not an event the portal sends.")
    DESCRIPTION_LONG = "webhook.description_long", _("Keep the description under 200 characters.")
    DISABLED = "webhook.disabled", _("Enable the endpoint first.")
    ALREADY_DELIVERED = "webhook.delivered", _("This webhook was delivered; it is not sent again.")
    NOT_ALLOWED = "webhook.not_allowed", _("Only vendor admins manage webhooks.")
