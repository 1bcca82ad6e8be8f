from decimal import Decimal
from functools import cache

from django import template
from django.utils import formats, translation

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
