"""Where the tests find ../shared/data, importable by every test module.

(Not in conftest.py: tests/ and tests/api/ both have a conftest module, so ``from conftest
import ...`` would depend on collection order.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stdkg.config import Settings, get_settings

SHARED_DATA = Path(os.environ.get("STDKG_SHARED_DATA", get_settings().shared_data))


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data, or skip the test with the reason when it is not there."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data file {path} is not available")
    return path


def current_settings() -> Settings:
    """The settings the test session runs with (its own Neo4j instance, see conftest.py): what
    tests pass to the functions that take settings explicitly."""
    return get_settings()
