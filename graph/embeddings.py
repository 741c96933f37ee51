"""Embeddings of Standards, cached on disk by content hash.

Why a cache: embedding is by far the slowest step of a load (~100-300 texts/s on a laptop CPU
against thousands of graph writes/s), and most re-loads change few texts. The cache is one
SQLite file per model under ``<cache_dir>/embeddings/``: key = SHA-256 of the text, value = the
float32 vector. A re-run, or a load into a fresh database, never re-embeds a text it has seen.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm import tqdm

from graph.errors import GraphError
from nlp.text import slugify

Embed = Callable[[Sequence[str]], list[list[float]]]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


class EmbeddingCache:
    """Vectors by text hash, in SQLite (safe across processes, no server, one file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB)"
            )
        except sqlite3.Error as error:
            raise GraphError(f"cannot open the embedding cache {path}: {error}") from error

    @classmethod
    def for_model(cls, cache_dir: Path, model_name: str) -> EmbeddingCache:
        # the embedder's cache key names model, backend and length: keep all of it
        slug = slugify(model_name, ascii_only=True, fallback="model", max_length=200)
        return cls(cache_dir / "embeddings" / f"{slug}.sqlite")

    def get_many(self, hashes: Sequence[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for digest, blob in self._db.execute(
                f"SELECT hash, vector FROM vectors WHERE hash IN ({marks})", chunk
            ):
                found[digest] = array("f", blob).tolist()
        return found

    def put_many(self, items: dict[str, list[float]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (hash, vector) VALUES (?, ?)",
                [(digest, array("f", vector).tobytes()) for digest, vector in items.items()],
            )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def embed_with_cache(
    texts: Sequence[str],
    embed: Embed,
    cache: EmbeddingCache,
    *,
    chunk_size: int = 256,
    progress: bool = False,
) -> tuple[list[list[float]], int]:
    """Vectors for ``texts`` in order, computing only those the cache lacks (in chunks, with a
    progress bar). Returns the vectors and how many were computed."""
    hashes = [text_hash(text) for text in texts]
    known = cache.get_many(hashes)
    missing = list(dict.fromkeys(h for h in hashes if h not in known))
    text_of = dict(zip(hashes, texts, strict=True))
    with tqdm(
        total=len(missing),
        desc="embedding",
        unit="text",
        disable=not progress or not missing,
        leave=False,
    ) as bar:
        for start in range(0, len(missing), chunk_size):
            chunk = missing[start : start + chunk_size]
            vectors = embed([text_of[digest] for digest in chunk])
            # stored as float32: hand out the same rounded values a later cache hit would
            fresh = {
                digest: array("f", vector).tolist()
                for digest, vector in zip(chunk, vectors, strict=True)
            }
            cache.put_many(fresh)
            known.update(fresh)
            bar.update(len(chunk))
    return [known[digest] for digest in hashes], len(missing)
