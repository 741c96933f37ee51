"""Plain baselines for search, run in the same evaluation pass as stdkg's own modes.

Why: a ranking is only worth its complexity if it beats what a user gets from the same
catalogue with off-the-shelf parts. Two such parts:

- ``bm25``: one call of the full-text index (title, abstract, reference), current editions,
  the query's words OR-ed, no field weights, no grouping of editions into works;
- ``minilm-titles``: the same embedding model over the titles of the current editions, brute
  force cosine (what "put the catalogue in any vector database" gives).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from analysis.lucene import escape_lucene, query_terms
from graph.queries import evaluation as queries
from graph.reader import ReadsGraph


@dataclass(frozen=True)
class BaselineHit:
    """What the judging needs of a hit (the same attributes as a ``SearchHit``)."""

    key: str
    work: str | None


class Embeds(Protocol):
    def embed(self, texts: list[str]) -> list[list[float]]: ...


class PlainBm25:
    name = "bm25"

    def __init__(self, graph: ReadsGraph) -> None:
        self.graph = graph

    def search(self, query: str, k: int) -> list[BaselineHit]:
        terms = query_terms(query)
        if not terms:
            return []
        lucene = " ".join(escape_lucene(term) for term in terms)
        rows = self.graph.read(queries.PLAIN_FULLTEXT, {"lucene": lucene, "fetch": 5 * k, "k": k})
        return [BaselineHit(row["key"], row["work"]) for row in rows]


class TitleVectors:
    """Cosine over title embeddings of every current edition (computed once, cached on disk by
    the caller's ``embed``)."""

    name = "minilm-titles"

    def __init__(self, graph: ReadsGraph, embed: Any) -> None:
        import numpy as np

        rows = graph.read(queries.CURRENT_TITLES)
        self.hits = [BaselineHit(row["key"], row["work"]) for row in rows]
        vectors = embed([row["title"] for row in rows]) if rows else []
        self.matrix = np.asarray(vectors, dtype=np.float32)
        self._embed = embed

    def search(self, query: str, k: int) -> list[BaselineHit]:
        import numpy as np

        if not len(self.matrix):
            return []
        vector = np.asarray(self._embed([query])[0], dtype=np.float32)
        scores = self.matrix @ vector
        top = np.argsort(-scores)[:k]
        return [self.hits[int(i)] for i in top]
