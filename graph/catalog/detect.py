"""``--format auto``: pick the reader from the file's first record, not from its name, so a
renamed download still loads; and refuse binary or empty files with a clear message."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from graph.catalog.csv_reader import read_csv
from graph.catalog.iso_opendata import read_iso_opendata
from graph.catalog.lines import open_binary
from graph.catalog.records import CatalogRecord
from graph.catalog.relaton import read_relaton
from graph.errors import CatalogFormatError, MalformedRecordError

Reader = Callable[[Path], Iterator[CatalogRecord | MalformedRecordError]]
READERS: dict[str, Reader] = {
    "relaton": read_relaton,
    "iso-opendata": read_iso_opendata,
    "csv": read_csv,
}
FORMATS = ("auto", *READERS)
_OPENDATA_KEYS = {"deliverableType", "currentStage", "icsCode", "ownerCommittee"}


def detect_format(path: Path) -> str:
    """``relaton``, ``iso-opendata`` or ``csv`` from the first non-blank line."""
    if not path.is_file():
        raise CatalogFormatError(f"{path}: no such file")
    with open_binary(path) as stream:
        try:
            head = stream.read(65536)
        except (OSError, EOFError, zlib.error) as error:
            raise CatalogFormatError(f"{path}: unreadable or truncated: {error}") from error
    if not head.strip():
        raise CatalogFormatError(f"{path}: file is empty")
    if b"\x00" in head:
        raise CatalogFormatError(f"{path}: binary data, not a catalogue")
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head[:-4].decode("utf-8-sig", errors="strict") if len(head) == 65536 else ""
        if not text:
            raise CatalogFormatError(f"{path}: not UTF-8 text") from None
    first = next(line for line in text.splitlines() if line.strip()).strip()
    if first.startswith("{"):
        try:
            row = json.loads(first)
        except json.JSONDecodeError:
            return "relaton"  # a truncated first line in the probe; rows report themselves
        return "iso-opendata" if _OPENDATA_KEYS & set(row) else "relaton"
    if "reference" in first.lower().split(",")[0:20] or "reference" in first.lower():
        return "csv"
    raise CatalogFormatError(f"{path}: neither JSON Lines nor a CSV with a 'reference' column")


def read_catalog(path: Path, fmt: str = "auto") -> Iterator[CatalogRecord | MalformedRecordError]:
    """Records (or per-row errors) of one catalogue file, in file order."""
    if fmt not in FORMATS:
        raise CatalogFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    chosen = detect_format(path) if fmt == "auto" else fmt
    return READERS[chosen](path)
