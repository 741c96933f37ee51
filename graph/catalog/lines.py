"""Line streaming shared by the JSON Lines readers: plain or gzip, one decoded line at a time.

Why: catalogues reach hundreds of MB uncompressed; reading line by line keeps memory flat, and
line numbers let us report exactly which row was skipped.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.errors import CatalogFormatError, MalformedRecordError

MAX_LINE_BYTES = 4_000_000


def open_binary(path: Path) -> Any:
    """The file as a binary stream, gunzipped transparently when it starts with the gzip magic."""
    try:
        with path.open("rb") as probe:
            magic = probe.read(2)
        if magic == b"\x1f\x8b":
            return gzip.open(path, "rb")
        return path.open("rb")
    except OSError as error:
        raise CatalogFormatError(f"cannot open {path}: {error}") from error


def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | MalformedRecordError]]:
    """``(line number, object)`` per non-blank line; a bad line yields the error instead, so
    the caller reports it and carries on."""
    source = path.name
    number = 0
    try:
        with open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                if len(raw) > MAX_LINE_BYTES:
                    yield (
                        number,
                        MalformedRecordError(
                            f"line is {len(raw)} bytes (limit {MAX_LINE_BYTES})",
                            source=source,
                            line=number,
                        ),
                    )
                    continue
                try:
                    value = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError as error:
                    yield (
                        number,
                        MalformedRecordError(
                            f"not UTF-8: {error.reason}", source=source, line=number
                        ),
                    )
                    continue
                except json.JSONDecodeError as error:
                    yield (
                        number,
                        MalformedRecordError(f"bad JSON: {error.msg}", source=source, line=number),
                    )
                    continue
                if not isinstance(value, dict):
                    yield (
                        number,
                        MalformedRecordError(
                            "line is not a JSON object", source=source, line=number
                        ),
                    )
                    continue
                yield number, value
    except (OSError, EOFError, zlib.error) as error:
        raise CatalogFormatError(f"{source}: stream broken after line {number}: {error}") from error
