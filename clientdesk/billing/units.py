"""Units of measure: the e-invoice carries UN/ECE Recommendation 20 codes, people read words."""

from django.utils.translation import pgettext_lazy

# The codes an IT vendor's invoices use; any other code is shown as it is.
LABELS = {
    "H87": pgettext_lazy("unit of measure", "pcs"),
    "C62": pgettext_lazy("unit of measure", "units"),
    "SET": pgettext_lazy("unit of measure", "sets"),
    "HUR": pgettext_lazy("unit of measure", "h"),
    "DAY": pgettext_lazy("unit of measure", "days"),
    "MON": pgettext_lazy("unit of measure", "months"),
    "ANN": pgettext_lazy("unit of measure", "years"),
    "KGM": pgettext_lazy("unit of measure", "kg"),
    "MTR": pgettext_lazy("unit of measure", "m"),
    "LTR": pgettext_lazy("unit of measure", "l"),
}


def label(code: str) -> str:
    return str(LABELS.get(code, code))
