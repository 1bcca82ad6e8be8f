"""What vendor admins (and the worker) do to webhook endpoints: all of it audited."""

from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class EndpointEvent(EventKind):
    CREATED = "webhook.endpoint_created", _("Webhook endpoint registered")
    UPDATED = "webhook.endpoint_updated", _("Webhook endpoint changed")
    SECRET_ROTATED = "webhook.secret_rotated", _("Webhook secret rotated")
    DISABLED = "webhook.endpoint_disabled", _("Webhook endpoint disabled")
    ENABLED = "webhook.endpoint_enabled", _("Webhook endpoint enabled")
    REPLAYED = "webhook.replayed", _("Missed webhooks sent again")
    RESENT = "webhook.resent", _("Webhook sent again")
