"""Reader for a simple CSV catalogue, for users whose catalogue is a spreadsheet export.

Columns (header row required, only ``reference`` is mandatory): ``reference``, ``title``,
``abstract``, ``status`` (current/withdrawn/development or publisher words), ``published``,
``doctype``, ``ics`` (codes separated by ``;``), ``committee``, ``url``, ``replaces``
(references separated by ``;``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from graph.catalog.lines import open_binary
from graph.catalog.records import CatalogRecord, Relation, build_record, clean_text, word_status
from graph.errors import CatalogFormatError, MalformedRecordError

csv.field_size_limit(4_000_000)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def read_csv(path: Path) -> Iterator[CatalogRecord | MalformedRecordError]:
    source = path.name
    try:
        with open_binary(path) as binary:
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(text)
            header = [name.strip().lower() for name in reader.fieldnames or ()]
            if "reference" not in header:
                raise CatalogFormatError(
                    f"{source}: CSV has no 'reference' column "
                    f"(columns: {', '.join(header) or 'none'})"
                )
            reader.fieldnames = header
            for row in reader:
                line = reader.line_num
                try:
                    status = row.get("status")
                    yield build_record(
                        ref=row.get("reference"),
                        source=source,
                        line=line,
                        rank=0,
                        title=clean_text(row.get("title")),
                        abstract=clean_text(row.get("abstract")),
                        doctype=(row.get("doctype") or "").strip() or None,
                        status=word_status(status),
                        published=(row.get("published") or "").strip() or None,
                        url=(row.get("url") or "").strip() or None,
                        ics=_split(row.get("ics")),
                        committee=(row.get("committee") or "").strip() or None,
                        relations=tuple(
                            Relation("REPLACES", ref) for ref in _split(row.get("replaces"))
                        ),
                    )
                except MalformedRecordError as error:
                    yield error
    except UnicodeDecodeError as error:
        raise CatalogFormatError(f"{source}: not UTF-8 text ({error.reason})") from error
    except csv.Error as error:
        raise CatalogFormatError(f"{source}: malformed CSV: {error}") from error
