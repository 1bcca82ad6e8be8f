"""Text analysis shared by the index and the queries: fold, split, stem.

People type without diacritics, in capitals, with the old cedilla letters
(ş ţ) or the correct comma-below ones (ș ț); all of them fold to the same
plain ASCII letters, so the index and the queries always meet.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

LANGUAGES = ("ro", "en")

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Function words that every question contains ("cum", "how", "de ce"...):
# left in, they make every title match every query. Stored folded.
_STOPWORDS_RO = """
    a ai al ale alt alta am ar are as asa au avem aveti ca cand care catre ce cea cei cel
    cele ceva cine cu cui cum da daca dar de deci despre din dintr dintre dupa dvs e ea ei
    el este eu fara fi fie fiecare fost i iar il in inainte intr intre isi la le li lor lui
    ma mai mea mei meu mi mie nici noi noastra nostru nu o ori pe pentru poate pot prin
    puteti sa sau se si sunt ta te trebuie tu un una unde unei unor unui va vi voi vor
    vostru vreau doresc
"""
_STOPWORDS_EN = """
    a about am an and any are as at be been but by can could did do does for from get had
    has have how i if in into is it its me must my need no not of on or our should so than
    that the their them then there these they this to us was want we were what when where
    which who why will with would you your
"""
_STOPWORDS = {
    "ro": frozenset(_STOPWORDS_RO.split()),
    "en": frozenset(_STOPWORDS_EN.split()),
}

_STEMMERS = {"ro": "romanian", "en": "english"}


# The combining marks that ă â î ș ț ş ţ (and à é ö...) decompose into.
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lowercase without diacritics: ș, ş, Ș and s all become s."""
    if text.isascii():
        return text.lower()
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """Folded words; "e-mail" also yields "email" and "doua-trei" its parts."""
    found: list[str] = []
    for match in _WORD.finditer(fold(text)):
        token = match.group()
        if "-" in token:
            parts = token.split("-")
            found.extend(part for part in parts if len(part) > 1)
            found.append("".join(parts))
        else:
            found.append(token)
    return found


def is_stopword(word: str, lang: str) -> bool:
    return word in _STOPWORDS[lang] or (len(word) == 1 and not word.isdigit())


# A Snowball stemmer keeps its working string on the object: one per thread.
_local = threading.local()


def _stemmer(lang: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {
            code: snowballstemmer.stemmer(name) for code, name in _STEMMERS.items()
        }
    return stemmers[lang]


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word (contractului -> contract)."""
    if word.isdigit():
        return word
    return _stemmer(lang).stemWord(word)
