"""What every evaluation shares: the gold-set error, and loading the standards a gold set
judges from the shared catalogues into the graph.

Why here: the search and gap evaluations both run on a graph that may hold only the demo subset,
so both load "the catalogue rows our labels name" before they measure; that is one function,
through the product's own catalogue ingestion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stdkg.errors import ErrorCategory, InputError

if TYPE_CHECKING:
    import neo4j

    from graph.catalog.records import CatalogRecord
    from graph.ingest_catalog import IngestSummary
    from stdkg.config import Settings

#: The shared catalogues (``<shared_data>/standards/``) the gold sets are drawn from.
CATALOGUE_FILES = ("iso.jsonl.gz", "iec.jsonl.gz", "itu.jsonl.gz", "etsi.jsonl.gz")


class GoldSetError(InputError):
    """A gold file (labelled extractions, queries, gap labels) is missing or malformed, or no
    longer matches the text it was labelled on."""

    category = ErrorCategory.INPUT


def catalogue_paths(shared_data: Path, catalogues: Sequence[Path] = ()) -> list[Path]:
    """The catalogue files to read: ``catalogues`` if given, else the shared ones; every one
    must exist."""
    paths = list(catalogues) or [Path(shared_data) / "standards" / name for name in CATALOGUE_FILES]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise GoldSetError(
            f"catalogue files not found: {', '.join(missing)} (set STDKG_SHARED_DATA)"
        )
    return paths


def ingest_gold_standards(
    driver: neo4j.Driver,
    settings: Settings,
    keep: Callable[[CatalogRecord], bool],
    *,
    catalogues: Sequence[Path] = (),
) -> IngestSummary:
    """Load the catalogue rows ``keep`` selects (idempotent), through the catalogue ingestion,
    so an evaluation can run on the demo subset plus the standards its labels name."""
    from graph.ingest_catalog import ingest_catalog

    paths = catalogue_paths(settings.shared_data, catalogues)
    return ingest_catalog(driver, paths, settings=settings, record_filter=keep)
