from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class RequestError(ErrorCode):
    ACCOUNT = "request.account", _("You cannot file requests for this customer account.")
    TYPE_INACTIVE = "request.type_inactive", _("This type of request cannot be filed now.")
    REQUIRED = "request.required", _("This field is required.")
    TOO_LONG = "request.too_long", _("Write at most %(max)s characters here.")
    EMAIL = "request.email", _("Enter a valid e-mail address.")
    NOBODY = "request.nobody", _("Only a person can take a request.")
    FINISHED = "request.finished", _("This request is finished; reopen it, or file a new one.")
    NOT_OPEN = "request.not_open", _("Only an open request can be cancelled.")
    REOPEN_CLOSED = (
        "request.reopen_closed",
        _("This request can no longer be reopened; file a new one."),
    )
    RATE = "request.rate", _("You can rate a request once, when it is resolved.")
    TRANSITION = (
        "request.transition",
        _("A request cannot go from “%(from)s” to “%(to)s”."),
    )
    DATE_NOT_FUTURE = "request.date_not_future", _("Choose a date after today.")
    DATE_NOT_WORKING_DAY = (
        "request.date_not_working_day",
        _("This is a weekend day or a public holiday; choose a working day."),
    )
