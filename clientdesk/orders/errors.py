from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class OrderError(ErrorCode):
    OTHER_ACCOUNT = "order.other_account", _("An order cannot move to another customer account.")
    NO_LINES = "order.no_lines", _("An order needs at least one line.")
    SAME_POSITION = "order.same_position", _("Two lines of the order have the same position.")
    BAD_LINE = (
        "order.bad_line",
        _("Line %(position)s needs a positive quantity and a price of zero or more."),
    )
    UNKNOWN_STATUS = "order.unknown_status", _("Unknown order status %(status)s.")
    UNKNOWN_ORDER = "shipment.unknown_order", _("No order has the identifier %(external_id)s.")
    OTHER_ORDER = "shipment.other_order", _("A shipment cannot move to another order.")
    NO_SUCH_LINE = "shipment.no_such_line", _("The order has no line %(position)s.")
    OVERSHIPPED = "shipment.overshipped", _("Line %(position)s cannot ship %(quantity)s more.")
    EVENT_OTHER_SHIPMENT = (
        "shipment.event_other_shipment",
        _("This tracking event was recorded for another shipment."),
    )
