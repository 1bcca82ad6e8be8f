from decimal import Decimal

from django import template
from django.utils import formats, translation

register = template.Library()


def money(amount: Decimal | None, currency: str = "RON") -> str:
    """Money in the active language: 1.234,56 lei in Romanian, 1,234.56 RON in English."""
    if amount is None:
        return ""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    if currency == "RON" and translation.get_language() == "ro":
        return f"{number}\u00a0lei"
    return f"{number}\u00a0{currency}"


register.filter("money", money)
