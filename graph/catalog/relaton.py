"""Reader for the Relaton-derived JSON Lines catalogues (ISO, IEC, ITU, ETSI) and the GB sample.

One function per row shape would duplicate most of the mapping, so a single mapper looks at
which fields a row has (ISO numeric ``stage``, IEC word ``stage``, ITU ``status``, ETSI
``keywords``, GB ``date_issued``) and maps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.catalog.lines import json_lines
from graph.catalog.records import (
    CatalogRecord,
    Relation,
    build_record,
    clean_text,
    iec_stage_status,
    iso_stage_status,
    word_status,
)
from graph.errors import MalformedRecordError

ReadResult = CatalogRecord | MalformedRecordError

_ISO_RELATIONS = {
    "obsoletes": "REPLACES",
    "partOf": "PART_OF",
    "replaces": "REPLACES",
    "amends": "AMENDS",
    "adopts": "ADOPTS",
}
_ADOPTION_DEGREE = re.compile(r"\s+(IDT|MOD|NEQ|EQV)\s*$", re.IGNORECASE)
_SUPPLEMENT = re.compile(r"/\s*(Amd|Cor|Suppl|Add)\s*\d", re.IGNORECASE)
_ITU_STUDY_GROUP = re.compile(r"^(ITU-[TR])\s+Study\s+Group\s+(\d+)$", re.IGNORECASE)


def read_relaton(path: Path) -> Iterator[ReadResult]:
    """Stream ``CatalogRecord``s (or the per-row error) from a Relaton JSONL(.gz) file."""
    for number, row in json_lines(path):
        if isinstance(row, MalformedRecordError):
            yield row
            continue
        try:
            yield relaton_record(row, source=path.name, line=number)
        except MalformedRecordError as error:
            yield error
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            yield MalformedRecordError(
                f"unexpected field shape: {error}", source=path.name, line=number
            )


def relaton_record(row: dict[str, Any], *, source: str, line: int) -> CatalogRecord:
    stage = _text(row.get("stage"))
    substage = _text(row.get("substage"))
    home = "ISO"
    if stage and stage.isdigit():
        status = iso_stage_status(stage, substage)
        stage_code = f"{stage}.{substage}" if substage else stage
    elif stage:
        home, status, stage_code = "IEC", iec_stage_status(stage), stage
    else:
        status, stage_code = word_status(_text(row.get("status"))), None
        home = "ITU" if "status" in row or "committee" in row else "ETSI"
        if "date_issued" in row:
            home = "SAC"
    committee, committee_title = _committee(row)
    ref = row.get("reference")
    record = build_record(
        ref=ref,
        source=source,
        line=line,
        rank=0,
        title=clean_text(row.get("title_en")),
        abstract=clean_text(row.get("abstract_en")),
        doctype=_text(row.get("doctype")),
        status=status,
        stage=stage_code,
        published=_text(row.get("date_published") or row.get("date_issued")),
        edition=_text(row.get("edition")),
        url=_text(row.get("url") or row.get("source_url")),
        ics=_ics_codes(row.get("ics")),
        committee=committee,
        committee_title=committee_title,
        keywords=tuple(str(word) for word in (row.get("keywords") or ()) if word),
        relations=_relations(row),
    )
    if record.publishers[0] != home and record.rank == 0:
        # the copy of a joint publication in the other publisher's catalogue yields on conflicts
        object.__setattr__(record, "rank", 1)
    return record


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _ics_codes(value: object) -> tuple[str, ...]:
    codes: list[str] = []
    for item in value or ():  # type: ignore[attr-defined]
        code = item.get("code") if isinstance(item, dict) else item
        if isinstance(code, str) and code.strip():
            codes.append(code.strip())
    return tuple(dict.fromkeys(codes))


def _committee(row: dict[str, Any]) -> tuple[str | None, str | None]:
    """The owning committee's reference (and name when the row gives it)."""
    for field in ("technical_committee", "committee"):
        value = row.get(field)
        if not value:
            continue
        first = value[0] if isinstance(value, list) else value
        if isinstance(first, list | tuple):
            return _text(first[0]), _text(first[1]) if len(first) > 1 else None
        ref = _text(first)
        if ref and (match := _ITU_STUDY_GROUP.match(ref)):
            return f"{match.group(1).upper()} SG{match.group(2)}", ref
        return ref, None
    department = _text(row.get("committee_or_dept"))
    if department and (match := re.match(r"(SAC/TC\s*\d+)", department)):
        return match.group(1), department
    return None, None


def _relations(row: dict[str, Any]) -> tuple[Relation, ...]:
    relations: list[Relation] = []
    for item in row.get("relations") or ():
        if not isinstance(item, dict) or not isinstance(item.get("target"), str):
            continue
        kind, target = item.get("type"), item["target"].strip()
        if kind in _ISO_RELATIONS:
            relations.append(Relation(_ISO_RELATIONS[kind], target))
        elif kind == "updates":
            # "updates X": X is the amendment or the newer edition of this publication
            is_supplement = _SUPPLEMENT.search(target) is not None
            relations.append(
                Relation("AMENDS" if is_supplement else "REPLACES", target, inverse=True)
            )
    for field, kind in (("adopts", "ADOPTS"), ("replaces", "REPLACES")):
        value = row.get(field)
        for target in value if isinstance(value, list) else [value]:
            if isinstance(target, str) and target.strip():
                relations.append(Relation(kind, _ADOPTION_DEGREE.sub("", target.strip())))
    return tuple(dict.fromkeys(relations))
