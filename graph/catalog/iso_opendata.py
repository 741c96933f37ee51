"""Reader for ISO's official Open Data export (``iso_deliverables_metadata``, JSON Lines).

Real users download this file from ISO rather than the Relaton crawl, so it is a first-class
input. Its shape differs: camelCase keys, ``currentStage`` as an integer (6060), ``icsCode``,
``ownerCommittee``, HTML ``scope`` per language, ``replaces``/``replacedBy`` lists of ids or
references.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.catalog.lines import json_lines
from graph.catalog.records import (
    CatalogRecord,
    Relation,
    build_record,
    clean_text,
    iso_stage_status,
)
from graph.errors import MalformedRecordError

_DOCTYPES = {
    "IS": "international-standard",
    "TS": "technical-specification",
    "TR": "technical-report",
    "PAS": "publicly-available-specification",
    "GUIDE": "guide",
    "IWA": "international-workshop-agreement",
}


def read_iso_opendata(path: Path) -> Iterator[CatalogRecord | MalformedRecordError]:
    for number, row in json_lines(path):
        if isinstance(row, MalformedRecordError):
            yield row
            continue
        try:
            yield opendata_record(row, source=path.name, line=number)
        except MalformedRecordError as error:
            yield error
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            yield MalformedRecordError(
                f"unexpected field shape: {error}", source=path.name, line=number
            )


def _english(value: Any) -> Any:
    return value.get("en") if isinstance(value, dict) else value


def opendata_record(row: dict[str, Any], *, source: str, line: int) -> CatalogRecord:
    stage_number = row.get("currentStage")
    stage = substage = None
    if isinstance(stage_number, int | str) and str(stage_number).isdigit():
        digits = f"{int(stage_number):04d}"
        stage, substage = digits[:2], digits[2:]
    deliverable = str(row.get("deliverableType") or "").upper()
    relations = [
        Relation("REPLACES", str(target))
        for target in row.get("replaces") or ()
        if isinstance(target, str)
    ]
    relations += [
        Relation("REPLACES", str(target), inverse=True)
        for target in row.get("replacedBy") or ()
        if isinstance(target, str)
    ]
    owner = row.get("ownerCommittee")
    edition = row.get("edition")
    return build_record(
        ref=row.get("reference"),
        source=source,
        line=line,
        rank=0,
        title=clean_text(_english(row.get("title"))),
        abstract=clean_text(_english(row.get("scope"))),
        doctype=_DOCTYPES.get(deliverable, deliverable.lower() or None),
        status=iso_stage_status(stage, substage),
        stage=f"{stage}.{substage}" if stage else None,
        published=row.get("publicationDate") or None,
        edition=str(edition) if edition is not None else None,
        url=f"https://www.iso.org/standard/{row['id']}.html" if row.get("id") else None,
        ics=tuple(code for code in row.get("icsCode") or () if isinstance(code, str)),
        committee=owner if isinstance(owner, str) and owner.strip() else None,
        relations=tuple(relations),
    )
