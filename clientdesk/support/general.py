"""The general request kinds of PRODUCT.md C5, each with the fields its team needs first."""

from collections.abc import Mapping

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ServiceError
from clientdesk.support.errors import RequestError
from clientdesk.support.forms import RequestForm
from clientdesk.support.sla import vendor_calendar
from clientdesk.support.types import RequestKind, register

_DATE = forms.DateInput(attrs={"type": "date"})


def _choose(*choices) -> list:
    """Choices with an empty first one, so that nothing is chosen for the user."""
    return [("", _("Choose…")), *choices]


class MaintenanceQuoteForm(RequestForm):
    need = forms.ChoiceField(
        label=_("What do you need?"),
        choices=_choose(
            ("hw-maintenance", _("A hardware maintenance contract or its renewal")),
            ("sw-maintenance", _("A software maintenance or subscription renewal")),
            ("repair-quote", _("A price quote for a repair")),
            ("other-quote", _("Another price quote")),
        ),
    )
    machine = forms.CharField(
        label=_("Machine type and model"),
        max_length=80,
        required=False,
        help_text=_("For example 8286-42A, as on the machine's label."),
    )
    serial_number = forms.CharField(label=_("Serial number"), max_length=40, required=False)


class SupportServicesForm(RequestForm):
    service = forms.ChoiceField(
        label=_("Service"),
        choices=_choose(
            ("installation", _("Installation")),
            ("migration", _("Configuration or migration")),
            ("onsite", _("A technician on site")),
            ("training", _("Training")),
            ("consulting", _("Consulting")),
        ),
    )
    preferred_date = forms.DateField(
        label=_("Preferred date"),
        required=False,
        widget=_DATE,
        help_text=_("A working day; we confirm the date with you."),
    )


def preferred_date_is_a_future_working_day(details: Mapping, *, user, account) -> None:
    day = details.get("preferred_date")
    if day is None:
        return
    calendar = vendor_calendar()
    if day <= timezone.localdate(timezone=calendar.tz):
        raise ServiceError(RequestError.DATE_NOT_FUTURE, field="preferred_date")
    if not calendar.is_working_day(day):
        raise ServiceError(RequestError.DATE_NOT_WORKING_DAY, field="preferred_date")


class InvoiceQuestionForm(RequestForm):
    invoice_number = forms.CharField(
        label=_("Invoice number"),
        max_length=40,
        help_text=_("As printed on the invoice, for example CTS-2026-004518."),
    )
    topic = forms.ChoiceField(
        label=_("About"),
        choices=_choose(
            ("amount", _("The amount or the lines")),
            ("payment", _("The due date or a payment")),
            ("copy", _("A copy of the invoice")),
            ("e-invoice", _("The e-invoice (XML)")),
            ("other", _("Something else")),
        ),
    )


class OrderDeliveryForm(RequestForm):
    order_number = forms.CharField(
        label=_("Order number or your purchase order number"), max_length=40
    )
    topic = forms.ChoiceField(
        label=_("About"),
        choices=_choose(
            ("status", _("Where my order stands")),
            ("date", _("The delivery date")),
            ("damaged", _("Damaged or wrong items")),
            ("change", _("Changing or cancelling the order")),
            ("tracking", _("Tracking a parcel")),
        ),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number, if you have one"), max_length=60, required=False
    )


register(RequestKind("general-question", icon="?"))
register(RequestKind("maintenance-quote", MaintenanceQuoteForm, icon="⚙"))
register(
    RequestKind(
        "support-services",
        SupportServicesForm,
        rules=[preferred_date_is_a_future_working_day],
        icon="⚒",
    )
)
register(RequestKind("invoice-question", InvoiceQuestionForm, icon="≡"))
# An order's page starts a request of this kind about it (support_tags.ask_about_order_url).
ORDER_QUESTION = "order-delivery"

register(RequestKind(ORDER_QUESTION, OrderDeliveryForm, icon="➜"))
