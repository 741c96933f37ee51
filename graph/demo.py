"""The demo corpus: a catalogue subset large enough for meaningful gap analysis, small enough
to ingest with embeddings on a 2-core machine in a few minutes.

What is in it is data, not code: ``corpus/demo.json`` lists the committees, ICS codes,
reference prefixes and ETSI groups (and, with ``domain_committees``/``domain_ics``, everything
the project's domains map to); the current standards they own, plus the current editions those
standards cite, are loaded. One pass over the catalogues selects the subset; the current
records of every work are indexed in a temporary SQLite file on the way, so cited works are
found without a second pass.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from tqdm import tqdm

from corpus import load_json
from graph.catalog.detect import read_catalog
from graph.catalog.records import CURRENT, CatalogRecord, record_to_dict
from graph.errors import MalformedRecordError
from graph.ingest_catalog import (
    DEFAULT_BATCH_SIZE,
    CatalogIngest,
    IngestSummary,
    record_from_json,
)
from graph.schema import embedding_dimensions, ensure_schema
from graph.taxonomy import COMMITTEES_FILE, ICS_FILE, domain_rows, ingest_taxonomies
from graph.writer import Writer
from stdkg.config import Settings
from stdkg.errors import InputError

log = logging.getLogger(__name__)


def load_demo_definition(path: Path | None = None) -> dict[str, Any]:
    try:
        if path is None:
            definition = load_json("demo.json")
        else:
            definition = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read the demo definition: {error}") from error
    if not isinstance(definition, dict) or not definition.get("catalogues"):
        raise InputError("the demo definition needs a 'catalogues' list")
    return definition


def _prefix_match(value: str | None, prefixes: tuple[str, ...], separator: str) -> bool:
    return bool(value) and any(
        value == prefix or value.startswith(prefix + separator)  # type: ignore[union-attr]
        for prefix in prefixes
    )


@dataclass(frozen=True)
class DemoSelection:
    """Which catalogue records belong to the demo (before citations are added)."""

    statuses: frozenset[str]
    committees: tuple[str, ...]
    ics: tuple[str, ...]
    reference_prefixes: tuple[str, ...]
    etsi_committees: frozenset[str]

    @classmethod
    def from_definition(cls, definition: dict[str, Any]) -> DemoSelection:
        committees = list(definition.get("committees", []))
        ics = list(definition.get("ics", []))
        domains = domain_rows()
        if definition.get("domain_committees"):
            excluded = set(definition.get("exclude_committees", []))
            committees += [c for d in domains for c in d["committees"] if c not in excluded]
        if definition.get("domain_ics"):
            ics += [code for d in domains for code in d["ics"]]
        return cls(
            statuses=frozenset(definition.get("status", [CURRENT])),
            committees=tuple(sorted(set(committees))),
            ics=tuple(sorted(set(ics))),
            reference_prefixes=tuple(definition.get("reference_prefixes", [])),
            etsi_committees=frozenset(definition.get("etsi_committees", [])),
        )

    def selects(self, record: CatalogRecord) -> bool:
        if record.publisher == "ETSI":
            # ETSI rows carry no status; the edition pass marks the newest version current
            return record.committee in self.etsi_committees
        if record.status not in self.statuses:
            return False
        return (
            _prefix_match(record.committee, self.committees, "/")
            or any(_prefix_match(code, self.ics, ".") for code in record.ics)
            or record.ref.startswith(self.reference_prefixes)
        )


@dataclass
class DemoSubset:
    """The records of the demo, chosen in one pass over the catalogues."""

    selected: list[CatalogRecord] = field(default_factory=list)
    cited: list[CatalogRecord] = field(default_factory=list)
    scanned: int = 0

    @property
    def records(self) -> list[CatalogRecord]:
        return self.selected + self.cited


def select_demo(
    paths: list[Path],
    selection: DemoSelection,
    *,
    max_records: int,
    include_cited: bool = True,
    progress: bool = True,
) -> DemoSubset:
    """Scan the catalogues once; keep the selected records, and index every current record by
    work in a temporary SQLite file so the works they cite can be added afterwards."""
    from nlp.identifiers import find_identifiers

    subset = DemoSubset()
    with tempfile.TemporaryDirectory(prefix="stdkg-demo-") as folder:
        index = sqlite3.connect(Path(folder) / "current.sqlite")
        index.execute("CREATE TABLE current (work TEXT, payload TEXT)")
        for path in paths:
            stream = read_catalog(path)
            for item in tqdm(stream, desc=f"scan {path.name}", unit="rec", disable=not progress):
                subset.scanned += 1
                if isinstance(item, MalformedRecordError):
                    continue
                if selection.selects(item):
                    subset.selected.append(item)
                elif include_cited and item.status == CURRENT:
                    index.execute(
                        "INSERT INTO current VALUES (?, ?)",
                        (item.work, json.dumps(record_to_dict(item), ensure_ascii=False)),
                    )
        index.commit()
        index.execute("CREATE INDEX by_work ON current (work)")
        if len(subset.selected) > max_records:
            log.warning(
                "demo selection has %d records; keeping the first %d",
                len(subset.selected),
                max_records,
            )
            subset.selected = subset.selected[:max_records]
        if include_cited:
            selected_keys = {record.key for record in subset.selected}
            cited_works = sorted(
                {
                    match.id.work
                    for record in subset.selected
                    if record.abstract
                    for match in find_identifiers(record.abstract)
                }
            )
            room = max(0, max_records - len(subset.selected))
            for work in cited_works:
                for (payload,) in index.execute(
                    "SELECT payload FROM current WHERE work = ?", (work,)
                ):
                    record = record_from_json(payload)
                    if record.key not in selected_keys and len(subset.cited) < room:
                        subset.cited.append(record)
        index.close()
    return subset


def _stream(records: list[CatalogRecord]) -> Iterator[CatalogRecord]:
    yield from records


def ingest_demo_catalog(
    driver: neo4j.Driver,
    settings: Settings,
    *,
    embed: bool = True,
    progress: bool = True,
    definition_path: Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> IngestSummary:
    """Taxonomies + the demo catalogue subset (the policy part of the demo is added by the
    policy ingestion)."""
    definition = load_demo_definition(definition_path)
    paths = [settings.shared_data / name for name in definition["catalogues"]]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise InputError(
            f"demo catalogue file(s) not found: {', '.join(missing)} "
            "(set STDKG_SHARED_DATA to the folder holding standards/)"
        )
    ensure_schema(
        driver, database=settings.neo4j_database, dimensions=embedding_dimensions(settings)
    )
    writer = Writer(driver, settings.neo4j_database)
    ingest_taxonomies(
        writer,
        ics_path=settings.shared_data.joinpath(*ICS_FILE),
        committees_path=settings.shared_data.joinpath(*COMMITTEES_FILE),
    )
    subset = select_demo(
        paths,
        DemoSelection.from_definition(definition),
        max_records=int(definition.get("max_records", 5000)),
        include_cited=bool(definition.get("include_cited", True)),
        progress=progress,
    )
    log.info(
        "demo: %d selected + %d cited records out of %d scanned",
        len(subset.selected),
        len(subset.cited),
        subset.scanned,
    )
    job = CatalogIngest(writer, settings, batch_size=batch_size, embed=embed, progress=progress)
    return job.run_streams([("demo", _stream(subset.records))])
