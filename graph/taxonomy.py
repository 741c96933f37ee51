"""Taxonomy nodes: the ICS hierarchy, ISO committees, publishers and the project's domains.

Why separate from catalogue ingestion: these are small reference lists that change rarely,
that catalogue rows point into (CLASSIFIED_AS, OWNED_BY, IN_DOMAIN), and that the gap analysis
walks (BROADER, SUB_OF, MAPS_TO). Loading them is idempotent (MERGE on their codes), so
``stdkg ingest taxonomies`` can be re-run at any time, before or after the catalogues.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.catalog.lines import json_lines
from graph.catalog.records import clean_text
from graph.errors import MalformedRecordError, TaxonomyError
from graph.queries import catalog as catalog_queries
from graph.writer import WriteCounters, Writer

log = logging.getLogger(__name__)

PUBLISHERS = ("ISO", "IEC", "ITU", "ETSI", "SAC", "CEN-CENELEC")
ICS_FILE = ("taxonomies", "ics-ed7.jsonl")
COMMITTEES_FILE = ("taxonomies", "iso-committees.jsonl")


@dataclass
class TaxonomySummary:
    ics: int = 0
    committees: int = 0
    domains: int = 0
    skipped: int = 0
    counters: WriteCounters | None = None


def _objects(path: Path, summary: TaxonomySummary) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise TaxonomyError(f"taxonomy file {path} does not exist")
    for number, row in json_lines(path):
        if isinstance(row, MalformedRecordError):
            log.warning("skipped %s", row)
            summary.skipped += 1
            continue
        yield number, row


def ics_rows(path: Path, summary: TaxonomySummary) -> list[dict[str, Any]]:
    """ICS codes with their parent (``13.020.20`` -> ``13.020``) and level (1 field, 2 group,
    3 subgroup)."""
    rows = []
    for number, row in _objects(path, summary):
        code = row.get("code")
        if not isinstance(code, str) or not code.strip():
            log.warning("skipped %s:%d: ICS row without code", path.name, number)
            summary.skipped += 1
            continue
        code = code.strip()
        parts = code.split(".")
        notes = [
            note.get("text")
            for note in row.get("notes") or ()
            if isinstance(note, dict) and note.get("text")
        ]
        rows.append(
            {
                "code": code,
                "title": clean_text(row.get("description")),
                "level": len(parts),
                "notes": notes or None,
                "parent": ".".join(parts[:-1]) if len(parts) > 1 else None,
            }
        )
    return rows


def _committee_kind(ref: str) -> str:
    for kind in ("JTC", "JSyC", "SC", "PC", "TC"):
        if f" {kind} " in f" {ref.replace('/', ' ')} ":
            return kind
    return "other"


def committee_rows(path: Path, summary: TaxonomySummary) -> list[dict[str, Any]]:
    """ISO committees with scope (HTML stripped) and parent via ``parentId``."""
    raw = [(number, row) for number, row in _objects(path, summary)]
    ref_by_id = {row.get("id"): row.get("reference") for _, row in raw}
    rows = []
    for number, row in raw:
        ref = row.get("reference")
        if not isinstance(ref, str) or not ref.strip():
            log.warning("skipped %s:%d: committee without reference", path.name, number)
            summary.skipped += 1
            continue
        title = row.get("title")
        scope = row.get("scope")
        rows.append(
            {
                "ref": " ".join(ref.split()),
                "title": clean_text(title.get("en") if isinstance(title, dict) else title),
                "scope": clean_text(scope.get("en") if isinstance(scope, dict) else scope),
                "status": row.get("status"),
                "kind": _committee_kind(ref),
                "parent": ref_by_id.get(row.get("parentId")),
            }
        )
    return rows


def domain_rows(path: Path | None = None) -> list[dict[str, Any]]:
    """The project's domains; an empty list (with a warning) when the file is not there yet."""
    from corpus import corpus_path

    path = path or corpus_path("domains.json")
    if not path.is_file():
        log.warning("no domain taxonomy at %s: standards will not be placed in domains", path)
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TaxonomyError(f"{path}: not a readable JSON domain list: {error}") from error
    if not isinstance(entries, list):
        raise TaxonomyError(f"{path}: expected a JSON list of domains")
    rows = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("key"):
            raise TaxonomyError(f"{path}: every domain needs a 'key': {entry!r:.80}")
        rows.append(
            {
                "key": entry["key"],
                "name": entry.get("name"),
                "description": entry.get("description"),
                "aliases": list(entry.get("aliases", [])),
                "ics": list(entry.get("ics", [])),
                "committees": list(entry.get("committees", [])),
            }
        )
    return rows


def ingest_domains(writer: Writer, path: Path | None = None) -> int:
    """Write the domains whose definition changed (a content hash per domain), so loading them
    before every catalogue load costs nothing when they did not change."""
    rows = domain_rows(path)
    for row in rows:
        row["hash"] = hashlib.sha256(json.dumps(row, sort_keys=True).encode("utf-8")).hexdigest()[
            :32
        ]
    known = {item["key"]: item["hash"] for item in writer.read(catalog_queries.DOMAIN_HASHES)}
    changed = [row for row in rows if known.get(row["key"]) != row["hash"]]
    if changed:
        writer.write(catalog_queries.MERGE_DOMAINS, rows=changed)
    return len(rows)


def ingest_taxonomies(
    writer: Writer,
    *,
    ics_path: Path | None,
    committees_path: Path | None,
    domains_path: Path | None = None,
    batch_size: int = 1000,
) -> TaxonomySummary:
    """Load ICS, committees, publishers and domains; any path may be None to skip that list."""
    summary = TaxonomySummary()
    before = WriteCounters()
    before.merge(writer.counters)
    writer.write(catalog_queries.MERGE_PUBLISHERS, names=list(PUBLISHERS))
    if ics_path is not None:
        rows = ics_rows(ics_path, summary)
        # parents first, so each level's BROADER target already carries its title
        rows.sort(key=lambda row: row["level"])
        for start in range(0, len(rows), batch_size):
            writer.write(catalog_queries.MERGE_ICS, rows=rows[start : start + batch_size])
        summary.ics = len(rows)
    if committees_path is not None:
        rows = committee_rows(committees_path, summary)
        for start in range(0, len(rows), batch_size):
            writer.write(catalog_queries.MERGE_COMMITTEES, rows=rows[start : start + batch_size])
        summary.committees = len(rows)
    summary.domains = ingest_domains(writer, domains_path)
    after = writer.counters
    summary.counters = WriteCounters(
        **{
            name: getattr(after, name) - getattr(before, name)
            for name in WriteCounters.__dataclass_fields__
        }
    )
    return summary
