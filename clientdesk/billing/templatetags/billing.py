from decimal import Decimal
from functools import cache

from django import template
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clientdesk.billing.models import STATUS_BADGES, Invoice

register = template.Library()


@cache
def _separators(lang: str | None) -> dict[int, str] | None:
    """How `lang` writes 1,234.56, as a str.translate table; None if it does not group by
    threes (then Django's number_format does it, at ten times the cost)."""
    with translation.override(lang):
        if formats.get_format("NUMBER_GROUPING") != 3:
            return None
        decimal = formats.get_format("DECIMAL_SEPARATOR")
        thousands = formats.get_format("THOUSAND_SEPARATOR")
    return str.maketrans({".": decimal, ",": thousands})


def money(amount: Decimal | None, currency: str = "RON") -> str:
    """Money in the active language: 1.234,56 lei in Romanian, 1,234.56 RON in English."""
    if amount is None:
        return ""
    lang = translation.get_language()
    separators = _separators(lang)
    if separators is None:
        number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    else:
        number = f"{amount:,.2f}".translate(separators)
    if currency == "RON" and lang == "ro":
        return f"{number}\u00a0lei"
    return f"{number}\u00a0{currency}"


register.filter("money", money)


# A badge names one document's status; "Open" as a filter's choice names several (in
# Romanian the two differ). A credit note is used where an invoice is paid.
_LABELS = {Invoice.Status.OPEN: pgettext_lazy("invoice status", "Open")}
_CREDIT_NOTE_LABELS = {
    **_LABELS,
    Invoice.Status.PAID: _("Used"),
    Invoice.Status.PARTLY_PAID: _("Partly used"),
}


@register.simple_tag
def invoice_status(invoice: Invoice, status: str) -> SafeString:
    """The badge of ``status`` (Invoice.status_on), for an invoice or a credit note: a tag
    rather than an include, as a list shows 25 of them."""
    status = Invoice.Status(status)
    labels = _CREDIT_NOTE_LABELS if invoice.is_credit_note else _LABELS
    label = labels.get(status, status.label)
    return format_html('<span class="badge badge--{}">{}</span>', STATUS_BADGES[status], label)
