"""The one rounding rule of every document, as EN 16931 computes it.

- a line's net amount is quantity x unit price, rounded half up to 2 decimals (BT-131);
- the VAT of each (category, rate) is the rate applied to the sum of the rounded nets of
  that category and rate, rounded half up to 2 decimals once (BT-117), never line by line;
- the document's total is the sum of the nets plus the sum of those VAT amounts.

The services store what this module computes; the pages, the PDF and the XML read the
stored figures, so every format shows the same cents.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Priced(Protocol):
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def vat_category(self) -> str: ...
    @property
    def vat_rate(self) -> Decimal: ...


def line_net(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return cents(quantity * unit_price)


@dataclass(frozen=True)
class VatGroup:
    category: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    groups: tuple[VatGroup, ...]

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def _highest_rate_first(item: tuple[tuple[str, Decimal], Decimal]) -> tuple:
    (category, rate), _amount = item
    return (-rate, category)


def totals(lines: Iterable[Priced]) -> Totals:
    taxable: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        key = (line.vat_category, Decimal(line.vat_rate).normalize())
        taxable[key] = taxable.get(key, ZERO) + line_net(line.quantity, line.unit_price)
    groups = tuple(
        VatGroup(category, rate, amount, cents(amount * rate / 100))
        for (category, rate), amount in sorted(taxable.items(), key=_highest_rate_first)
    )
    net = sum((g.taxable for g in groups), ZERO)
    vat = sum((g.tax for g in groups), ZERO)
    return Totals(net=net, vat=vat, groups=groups)
