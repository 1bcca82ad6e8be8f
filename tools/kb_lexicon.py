"""Make the FAQ search's lexical data from the lexical packages (run when they change).

    .venv/bin/python tools/kb_lexicon.py

Writes `clientdesk/kb/search/data/lemmas-ro.txt.gz` and `lemmas-en.txt.gz`:
one line per lemma, the Snowball stems of its folded forms (from simplemma's
dictionaries). The engine reads only these files, never the packages: their
dictionaries take seconds and tens of megabytes to load. The Romanian
WordNet's groups are made here too, for `bench/kb_search.py`'s comparison
(the search does not use them: they did not help, see docs/kb-search.md).
"""

import gzip
import os
import sys
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")

import django  # noqa: E402

django.setup()

from clientdesk.kb.search.lexicon import DATA, Groups  # noqa: E402
from clientdesk.kb.search.text import LANGUAGES, stem, words  # noqa: E402


def _single_stem(text: str, lang: str) -> str | None:
    found = words(text.replace("_", " "))
    return stem(found[0], lang) if len(found) == 1 else None


def lemma_groups(lang: str) -> Groups:
    """The stems of each lemma's forms, for the lemmas whose forms stem apart."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    forms: dict[str, set[str]] = defaultdict(set)
    for form, lemma in DefaultDictionaryFactory().get_dictionary(lang).items():
        form_stem, lemma_stem = _single_stem(form, lang), _single_stem(lemma, lang)
        if form_stem and lemma_stem:
            forms[lemma_stem].add(form_stem)
    groups = (frozenset(members | {lemma}) for lemma, members in forms.items())
    return [group for group in groups if len(group) > 1]


def wordnet_synsets(hypernyms: bool = False) -> Groups:
    """The Romanian WordNet's synsets as stems; with `hypernyms`, each joined to its parents'."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rowordnet imports the deprecated pkg_resources
        import rowordnet

        wordnet = rowordnet.RoWordNet()
    synsets = {}
    for synset_id in wordnet.synsets():
        literals = wordnet(synset_id).literals
        synsets[synset_id] = frozenset(filter(None, (_single_stem(w, "ro") for w in literals)))
    groups = [stems for stems in synsets.values() if len(stems) > 1]
    if hypernyms:
        for synset_id, stems in synsets.items():
            for target, relation in wordnet.outbound_relations(synset_id):
                if relation == "hypernym" and stems and synsets.get(target):
                    groups.append(stems | synsets[target])
    return groups


def write(name: str, groups: Groups) -> None:
    DATA.mkdir(exist_ok=True)
    lines = sorted(" ".join(sorted(group)) for group in groups)
    # mtime=0: the same data gives the same file, so git sees no change.
    with (
        open(DATA / f"{name}.txt.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out,
    ):
        out.write(("\n".join(lines) + "\n").encode("ascii"))
    print(f"{name}: {len(lines)} groups")


if __name__ == "__main__":
    for lang in LANGUAGES:
        write(f"lemmas-{lang}", lemma_groups(lang))
