"""An in-memory BM25F index over one language's published articles.

Plain Python over folded, stemmed terms, so ranking is the same on SQLite
and PostgreSQL. A query word that is not in the index is matched against
the index's own words by edit distance (typos), stems that extend or
shorten each other are related (Romanian inflection the stemmer leaves
apart), and the word being typed also matches as a prefix (as-you-type).
"""

import math
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from clientdesk.kb.search import semantic
from clientdesk.kb.search.lexicon import Related
from clientdesk.kb.search.text import fold, is_stopword, stem, words

# Titles and tags name what an article is about; the body merely mentions.
# Alternative phrasings are how customers ask it: nearly as telling as the title.
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.5, "phrasings": 2.0, "category": 0.5, "body": 1.0}
# How much a field's length dampens its term frequency (BM25 "b").
FIELD_LENGTH_NORM = {"title": 0.5, "tags": 0.3, "phrasings": 0.5, "category": 0.0, "body": 0.75}
K1 = 1.2

# How much a looser match is worth next to the exact stem.
RELATED_STEM = 0.85
TYPO = {1: 0.75, 2: 0.6}
SYNONYM = 0.7
COMPLETION = 0.7

# Hits scoring under this share of the best are noise (a lone typo match).
RELATIVE_CUTOFF = 0.15
MAX_QUERY_WORDS = 12
MAX_EXPANSIONS = 30
MIN_RELATED_STEM = 5
MIN_COMPLETION = 3


@dataclass(frozen=True, slots=True)
class Document:
    """What the index reads from an article."""

    key: int
    slug: str
    title: str
    category: str
    category_name: str
    tags: tuple[str, ...]
    body: str
    summary: str = ""
    phrasings: str = ""

    def meaning_texts(self) -> list[str]:
        """The texts embedded for the article's meaning: its title, the title with its
        tags (staff's labels lift a terse title: docs/kb-search.md) and each phrasing."""
        texts = [self.title]
        if self.tags:
            texts.append(f"{self.title} {', '.join(self.tags)}")
        return texts + [line for line in self.phrasings.splitlines() if line]


class Postings(NamedTuple):
    """The documents holding a term, and the term's BM25F weight in each."""

    documents: array
    weights: array


@dataclass(frozen=True, slots=True)
class Hit:
    key: int
    slug: str
    title: str
    category: str
    summary: str
    score: float


def max_typos(word: str) -> int:
    """Edits forgiven in a word: none for short words, where one edit is another word."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


Synonyms = dict[str, frozenset[str]]


def synonym_table(groups: Iterable[str], lang: str) -> Synonyms:
    """stem -> the stems of its synonyms, from groups of words that mean the same."""
    table: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem(word, lang) for word in words(group) if not is_stopword(word, lang)}
        for member in stems:
            table.setdefault(member, set()).update(stems - {member})
    return {member: frozenset(others) for member, others in table.items()}


class SearchIndex:
    def __init__(
        self,
        lang: str,
        documents: Iterable[Document],
        synonyms: Synonyms,
        lexicon: Callable[[set[str]], Related] | None = None,
        embed: bool = False,
    ):
        """`lexicon` makes, from the index's stems, the words related to them by meaning;
        `embed` adds the articles' vectors (the worker's job: seconds per hundred)."""
        self.lang = lang
        self.synonyms = synonyms
        documents = list(documents)
        self._stem_of: dict[str, str] = {}
        self._postings = self._build_postings(documents)
        self.meanings = lexicon(set(self._postings)) if lexicon else {}
        self.vectors: semantic.Vectors | None = None
        if embed:
            self.vectors = semantic.Vectors([doc.meaning_texts() for doc in documents])
        # Ties go by slug, as in the lexical ranking.
        by_slug = sorted(range(len(documents)), key=lambda position: documents[position].slug)
        self._slug_rank = np.empty(len(documents), dtype=np.intp)
        self._slug_rank[by_slug] = np.arange(len(documents))
        # Bodies are only needed to build the postings; results show the summary.
        self.documents = [replace(doc, body="", phrasings="") for doc in documents]
        self._stems = sorted(self._postings)
        self._words = sorted(self._stem_of)
        self._expansions: dict[tuple[str, bool], dict[str, float]] = {}
        self._position_of = {doc.key: position for position, doc in enumerate(self.documents)}
        self._tagged: dict[str, list[int]] = defaultdict(list)
        self._in_category: dict[str, list[int]] = defaultdict(list)
        for position, doc in enumerate(self.documents):
            for tag in {fold(tag) for tag in doc.tags}:
                self._tagged[tag].append(position)
            self._in_category[doc.category].append(position)

    def __len__(self) -> int:
        return len(self.documents)

    def _fields(self, doc: Document) -> dict[str, list[str]]:
        """Each field's stems; every word met is kept for typos and prefixes."""
        texts = {
            "title": doc.title,
            "tags": " ".join(doc.tags),
            "phrasings": doc.phrasings,
            "category": doc.category_name,
            "body": doc.body,
        }
        fields = {}
        for field, text in texts.items():
            meaningful = [word for word in words(text) if not is_stopword(word, self.lang)]
            fields[field] = [stem(word, self.lang) for word in meaningful]
            self._stem_of.update(zip(meaningful, fields[field], strict=True))
        return fields

    def _build_postings(self, documents: list[Document]) -> dict[str, Postings]:
        """term -> [(document index, BM25F weight)], idf and saturation applied."""
        analysed = [self._fields(doc) for doc in documents]
        count = max(len(analysed), 1)
        average = {
            field: sum(len(fields[field]) for fields in analysed) / count or 1.0
            for field in FIELD_WEIGHTS
        }
        blended: dict[str, dict[int, float]] = defaultdict(dict)
        for position, fields in enumerate(analysed):
            for field, field_terms in fields.items():
                norm = 1 - FIELD_LENGTH_NORM[field]
                norm += FIELD_LENGTH_NORM[field] * len(field_terms) / average[field]
                for term, frequency in Counter(field_terms).items():
                    weight = FIELD_WEIGHTS[field] * frequency / norm
                    blended[term][position] = blended[term].get(position, 0.0) + weight
        postings = {}
        for term, per_doc in blended.items():
            idf = math.log(1 + (count - len(per_doc) + 0.5) / (len(per_doc) + 0.5))
            # Typed arrays, not lists of tuples: a tenth of the memory per process.
            postings[term] = Postings(
                array("I", per_doc),
                array("d", (idf * tf * (K1 + 1) / (tf + K1) for tf in per_doc.values())),
            )
        return postings

    def _with_prefix(self, sorted_terms: list[str], prefix: str) -> list[str]:
        start = bisect_left(sorted_terms, prefix)
        found = []
        for term in sorted_terms[start : start + MAX_EXPANSIONS]:
            if not term.startswith(prefix):
                break
            found.append(term)
        return found

    def _near(self, word: str, choices: list[str]) -> list[tuple[str, int]]:
        """Choices within the typos forgiven for `word`, by edit distance with swaps."""
        found = process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=max_typos(word), limit=MAX_EXPANSIONS
        )
        return [(candidate, distance) for candidate, distance, _ in found]

    def _expand(self, word: str, typing: bool) -> dict[str, float]:
        """The index terms a query word stands for, each with how much it counts."""
        key = (word, typing)
        if key not in self._expansions:
            if len(self._expansions) > 10_000:
                self._expansions.clear()
            self._expansions[key] = self._compute_expansion(word, typing)
        return self._expansions[key]

    def _compute_expansion(self, word: str, typing: bool) -> dict[str, float]:
        found: dict[str, float] = {}

        def offer(term: str, factor: float) -> None:
            if factor > found.get(term, 0.0):
                found[term] = factor

        if typing and len(word) >= MIN_COMPLETION:
            for completion in self._with_prefix(self._words, word):
                offer(self._stem_of[completion], COMPLETION)
        if is_stopword(word, self.lang):
            return found
        root = stem(word, self.lang)
        if root in self._postings:
            offer(root, 1.0)
        elif max_typos(word):
            # Against whole words ("facutra" -> "factura") and against stems,
            # for a typo in a form the articles do not use ("contrct" -> "contract").
            for candidate, distance in self._near(word, self._words):
                offer(self._stem_of[candidate], TYPO.get(distance, 1.0))
            for candidate, distance in self._near(root, self._stems):
                offer(candidate, TYPO.get(distance, 1.0))
        for base in [root, *found]:
            for synonym in self.synonyms.get(base, ()):
                if synonym in self._postings:
                    offer(synonym, found.get(base, 1.0) * SYNONYM)
        for base in list(found) or [root]:
            if len(base) < MIN_RELATED_STEM:
                continue
            for longer in self._with_prefix(self._stems, base):
                offer(longer, found.get(base, 1.0) * RELATED_STEM)
            for size in range(MIN_RELATED_STEM, len(base)):
                if base[:size] in self._postings:
                    offer(base[:size], found.get(base, 1.0) * RELATED_STEM)
        for term, factor in self.meanings.get(root, {}).items():
            offer(term, factor)
        return found

    def search(self, query: str, limit: int) -> list[Hit]:
        """The best `limit` documents for the query, best first."""
        query_words = list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]
        typing_last = bool(query) and not query[-1].isspace()
        scores: dict[int, float] = defaultdict(float)
        for position, word in enumerate(query_words):
            typing = typing_last and position == len(query_words) - 1
            best: dict[int, float] = {}
            for term, factor in self._expand(word, typing).items():
                for doc, weight in zip(*self._postings[term], strict=True):
                    if factor * weight > best.get(doc, 0.0):
                        best[doc] = factor * weight
            for doc, value in best.items():
                scores[doc] += value
        floor = max(scores.values(), default=0.0) * RELATIVE_CUTOFF
        found = {doc: score for doc, score in scores.items() if score >= floor}
        if self.vectors is not None and found:
            ranked = self._blend(self.vectors, query, found, limit)
        else:
            ranked = sorted(
                found.items(), key=lambda item: (-item[1], self.documents[item[0]].slug)
            )
        return [self._hit(doc, score) for doc, score in ranked[:limit]]

    def _blend(
        self, vectors: semantic.Vectors, query: str, lexical: dict[int, float], limit: int
    ) -> list[tuple[int, float]]:
        """Words and meaning, each on 0-1: the lexical hits, and what is close in meaning
        to a query that found something by its words (one that found nothing keeps
        saying so, and the searches page shows it to staff)."""
        similarity = vectors.similarities(semantic.query_vector(query))
        by_words = np.zeros(len(similarity))
        by_words[np.fromiter(lexical, np.intp, len(lexical))] = list(lexical.values())
        by_words /= by_words.max()
        candidates = np.flatnonzero((by_words > 0) | (similarity >= semantic.CLOSE))
        score = by_words[candidates] + semantic.WEIGHT * similarity[candidates]
        best = np.lexsort((self._slug_rank[candidates], -score))[:limit]
        return [(int(candidates[i]), float(score[i])) for i in best]

    def _hit(self, position: int, score: float) -> Hit:
        doc = self.documents[position]
        return Hit(doc.key, doc.slug, doc.title, doc.category, doc.summary, round(score, 4))

    def related(self, key: int, limit: int) -> list[Hit]:
        """Articles sharing the most tags with this one, then others of its category."""
        position = self._position_of.get(key)
        if position is None:
            return []
        doc = self.documents[position]
        shared: Counter[int] = Counter()
        for tag in doc.tags:
            for other in self._tagged.get(fold(tag), ()):
                shared[other] += 2
        for other in self._in_category.get(doc.category, ()):
            shared[other] += 1
        del shared[position]
        ranked = sorted(shared.items(), key=lambda item: (-item[1], self.documents[item[0]].title))
        return [self._hit(other, weight) for other, weight in ranked[:limit]]
