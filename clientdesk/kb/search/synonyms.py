"""Words customers use for the same thing in a support portal.

Each group lists folded words; a query word matches the others of its group
(through their stems, so every inflected form counts) at a discount, since
a synonym is a weaker sign than the word the article itself uses.
"""

from functools import lru_cache

from clientdesk.kb.search.text import stem

GROUPS = {
    "ro": [
        "firma companie societate",
        "logare conectare autentificare login",
        "colet pachet",
        "livrare expediere transport",
        "valuta moneda",
        "sediu locatie",
        "mutare relocare mutam muta",
        "coleg utilizator angajat",
        "anulare reziliere incetare renuntare",
        "copie duplicat",
        "plata achitare",
        "defectiune defect avarie",
        "echipament aparat dispozitiv",
        "tiparesc printez tiparire printare",
        "deteriorat spart stricat avariat",
        "descarc download",
        "restanta intarziere neplatita",
    ],
    "en": [
        "company firm organisation organization business",
        "login logon signin",
        "parcel package",
        "delivery shipping",
        "move relocate relocation moving",
        "colleague coworker user teammate",
        "cancel terminate termination cancellation",
        "copy duplicate",
        "pay payment settle",
        "fault defect failure broken malfunction",
        "machine equipment device",
        "print printout",
        "damaged broken",
        "bill invoice",
        "overdue late unpaid",
    ],
}


@lru_cache(maxsize=2)
def synonyms(lang: str) -> dict[str, frozenset[str]]:
    """stem -> the stems of its synonyms."""
    table: dict[str, set[str]] = {}
    for group in GROUPS[lang]:
        stems = {stem(word, lang) for word in group.split()}
        for member in stems:
            table.setdefault(member, set()).update(stems - {member})
    return {member: frozenset(others) for member, others in table.items()}
