"""Standards named by identifier ("ISO 37120:2018", "GB/T 35561-2017", "ITU-T Y.4903").

Why a thin component: parsing identifiers is the job of ``nlp.identifiers`` (shared with
catalogue ingestion so a policy's "ISO 37101" and the catalogue's "ISO 37101:2016" meet in the
graph); this component only runs it over the content and files each hit under its clause.
"""

from __future__ import annotations

import logging
from typing import Any

from nlp.spans import Component, Context, StandardMention

log = logging.getLogger(__name__)


def _find_identifiers() -> Any:
    try:
        from nlp.identifiers import find_identifiers
    except (ImportError, SyntaxError) as error:  # owned by another module: degrade, say so
        log.error(
            "nlp.identifiers cannot be imported (%s); no standard identifiers extracted", error
        )
        return None
    return find_identifiers


def detect_standards(ctx: Context) -> None:
    """Pipeline component: every identifier in the content, with its canonical form."""
    finder = _find_identifiers()
    if finder is None:
        return
    content_start, content_end = ctx.content
    for match in finder(ctx.text[content_start:content_end]):
        start, end = content_start + match.start, content_start + match.end
        identifier = match.id
        ctx.standards.append(
            StandardMention(
                surface=ctx.text[start:end],
                start=start,
                end=end,
                canonical=identifier.canonical,
                work=identifier.work,
                publisher=identifier.publisher,
                clause=ctx.clause_id_at(start),
            )
        )


COMPONENT = Component(
    name="standards",
    run=detect_standards,
    reads=("text", "document.content", "clauses"),
    writes=("standards",),
)
