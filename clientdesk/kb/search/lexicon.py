"""Words related by meaning, from lexical resources, for one index's vocabulary.

Lemma groups are shipped as data in this package (`data/`, made from the
`simplemma` package's dictionaries by `tools/kb_lexicon.py`, so nothing is
loaded from a library or downloaded at run time): the word forms of one lemma,
as stems ("vine" and "veni", "bought" and "buy"), which Snowball alone leaves
apart. Synsets (groups of words of one meaning, as the Romanian WordNet's)
can be joined through the lemmas; `bench/kb_search.py` measures them.

Each line of a data file is one group of stems. At index build time the
groups that reach the index's own stems become a table: query stem -> index
stems, each with its weight, so the query side is a dict lookup.
"""

import gzip
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# How much a related word counts next to the word itself.
LEMMA = 0.5
WORDNET = 0.5

Groups = list[frozenset[str]]
Related = dict[str, dict[str, float]]


@lru_cache(maxsize=8)
def groups(name: str) -> Groups:
    """The groups of a data file (`lemmas-ro`, `wordnet-ro`...); none if it is not shipped."""
    path = DATA / f"{name}.txt.gz"
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="ascii") as lines:
        return [frozenset(line.split()) for line in lines]


def lemma_table(
    lemma_groups: Iterable[frozenset[str]], vocabulary: set[str]
) -> dict[str, set[str]]:
    """stem -> the index stems that are forms of the same lemma (itself included if indexed)."""
    table: dict[str, set[str]] = defaultdict(set)
    for group in lemma_groups:
        indexed = group & vocabulary
        if indexed:
            for member in group:
                table[member] |= indexed
    return table


def related_table(
    vocabulary: set[str],
    lemma_groups: Iterable[frozenset[str]] = (),
    synsets: Iterable[frozenset[str]] = (),
) -> Related:
    """query stem -> {index stem: weight} for the stems the index does not hold as such.

    A synset is matched through lemmas on both sides: a query form's lemma in
    the same synset as an indexed form's lemma.
    """
    lemma_groups = list(lemma_groups)
    forms = lemma_table(lemma_groups, vocabulary)
    related: Related = defaultdict(dict)

    def offer(query_stem: str, index_stem: str, weight: float) -> None:
        if query_stem != index_stem and weight > related[query_stem].get(index_stem, 0.0):
            related[query_stem][index_stem] = weight

    for query_stem, indexed in forms.items():
        for index_stem in indexed:
            offer(query_stem, index_stem, LEMMA)
    if synsets:
        # Every stem a lemma stem stands for, so that a synset reaches inflected queries.
        spoken: dict[str, set[str]] = defaultdict(set)
        for group in lemma_groups:
            for member in group:
                spoken[member] |= group
        for synset in synsets:
            indexed = {stem for member in synset for stem in forms.get(member, ())}
            indexed |= synset & vocabulary
            if not indexed:
                continue
            for member in synset:
                for query_stem in spoken.get(member, {member}) | {member}:
                    for index_stem in indexed:
                        if index_stem not in forms.get(query_stem, ()):
                            offer(query_stem, index_stem, WORDNET)
    return dict(related)
