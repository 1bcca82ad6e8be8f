"""The money filter writes what Django's number_format writes, faster."""

from decimal import Decimal

from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from clientdesk.billing.templatetags.billing import money

AMOUNTS = st.decimals(
    min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2
)


@given(amount=AMOUNTS, lang=st.sampled_from(["ro", "en"]), currency=st.sampled_from(["RON", "EUR"]))
def test_money_matches_djangos_number_format(amount, lang, currency):
    with translation.override(lang):
        django_number = formats.number_format(
            amount, decimal_pos=2, use_l10n=True, force_grouping=True
        )
        assert money(amount, currency).split("\u00a0")[0] == django_number


def test_money_in_each_language():
    with translation.override("ro"):
        assert money(Decimal("-1234567.5")) == "-1.234.567,50\u00a0lei"
        assert money(Decimal("0.00"), "EUR") == "0,00\u00a0EUR"
    with translation.override("en"):
        assert money(Decimal("1234567.05")) == "1,234,567.05\u00a0RON"
    assert money(None) == ""
