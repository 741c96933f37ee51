"""The embedder's thread cap: what a query-at-a-time server sets before loading the model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nlp import embedder as embedder_module
from nlp.embedder import Embedder, onnx_session_options, set_inference_threads
from stdkg.config import get_settings


@pytest.fixture
def restore_threads() -> Iterator[None]:
    before = embedder_module._inference_threads
    yield
    embedder_module._inference_threads = before


def test_no_cap_keeps_the_runtime_defaults() -> None:
    assert onnx_session_options(0) is None


def test_one_thread_session_does_not_spin() -> None:
    options = onnx_session_options(1)
    assert options.intra_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_capped_embedder_gives_the_same_vectors(embedder: Embedder, restore_threads: None) -> None:
    if embedder.backend == "torch":
        pytest.skip("the thread cap changes ONNX sessions; this run uses torch")
    set_inference_threads(1)
    settings = get_settings()
    capped = Embedder(
        embedder.model_name,
        backend=embedder.backend,
        max_seq_length=embedder.max_seq_length,
        models_dir=settings.home / "models",
    )
    text = "charging points for electric vehicles in public car parks"
    expected = embedder.embed_one(text)
    got = capped.embed_one(text)
    assert max(abs(a - b) for a, b in zip(expected, got, strict=True)) < 1e-4
