"""The project's own data: taxonomies, gazetteers, labelled gold sets, the demo definition.

Loaded through these helpers so the files are found wherever the package is installed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent


def corpus_path(*parts: str) -> Path:
    """Path of a file inside ``corpus/``."""
    return CORPUS_DIR.joinpath(*parts)


def load_json(*parts: str) -> Any:
    """Read a JSON file from ``corpus/``."""
    with corpus_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
