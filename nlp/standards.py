"""Standards named by identifier ("ISO 37120:2018", "GB/T 35561-2017", "ITU-T Y.4903").

Why a thin component: parsing identifiers is the job of ``nlp.identifiers`` (shared with
catalogue ingestion so a policy's "ISO 37101" and the catalogue's "ISO 37101:2016" meet in the
graph); this component only runs it over the content and files each hit under its clause.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from nlp.spans import Component, Context, StandardMention

# "the ISO/IEC 30145 series", "the ISO 37100 family", "ITU-T L.1200-series work": a series is
# not one publication. "KS 2026/0418": a designation followed by a slash and more digits is a
# file or case number (dual numbers and amendments are inside the identifier's own match).
_SERIES_AFTER = re.compile(r"[\s-]*(?:series|family)\b|/\d", re.IGNORECASE)
# A Technical Specification or Report cited without its body ("TS 17321 adopted by CEN").
_BARE_TS = re.compile(
    r"(?<![\w/.-])(?P<doctype>TS|TR)\s(?P<number>\d{4,5})(?P<part>(?:-\d{1,3}){0,3})"
    r"(?::(?P<year>(?:19|20)\d\d))?(?![\w-])"
)
# The bodies a bare TS/TR can belong to, as a text names them; the nearest one in the sentence
# (or the paragraph) decides.
_BODY_NAMES = re.compile(
    r"\b(?P<clc>CENELEC|Cenelec|CLC|European\s+Committee\s+for\s+Electrotechnical\s+"
    r"Standardi[sz]ation)\b|\b(?P<cen>CEN|European\s+Committee\s+for\s+Standardi[sz]ation)\b"
    r"|\b(?P<iso>ISO)\b(?!/)|\b(?P<iec>IEC)\b(?!/)"
)
_WINDOW = 300

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
        if _SERIES_AFTER.match(ctx.text, end):
            continue
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

    _resolve_bare_specifications(ctx, content_start, content_end)


def _resolve_bare_specifications(ctx: Context, content_start: int, content_end: int) -> None:
    """A "TS 17321" without its body: the body of the same number cited in full elsewhere in
    the document, else the standards body the text names nearest to it (CEN, CENELEC, ISO,
    IEC). Without either, it is left alone: a bare TS could be anyone's."""
    from nlp.errors import InvalidIdentifierError
    from nlp.identifiers import parse_identifier

    text = ctx.text
    taken = [(m.start, m.end) for m in ctx.standards]
    known: dict[tuple[str, str], str] = {}
    for mention in ctx.standards:
        kind = re.search(r"\b(TS|TR)\b", mention.canonical)
        digits = re.search(r"(\d{4,5})", mention.canonical)
        if kind and digits:
            known[(kind.group(1), digits.group(1))] = mention.canonical.split(":")[0]
    for match in _BARE_TS.finditer(text, content_start, content_end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        doctype, number = str(match["doctype"]), str(match["number"])
        base = known.get((doctype, number))
        if base is None:
            body = _nearest_body(text, match.start(), match.end())
            if body is None:
                continue
            base = f"{body}/{doctype} {number}"
        reference = base + (match["part"] or "") + (f":{match['year']}" if match["year"] else "")
        try:
            identifier = parse_identifier(reference)
        except InvalidIdentifierError:
            continue
        ctx.standards.append(
            StandardMention(
                surface=match.group(),
                start=match.start(),
                end=match.end(),
                canonical=identifier.canonical,
                work=identifier.work,
                publisher=identifier.publisher,
                clause=ctx.clause_id_at(match.start()),
            )
        )
    ctx.standards.sort(key=lambda m: m.start)


def _nearest_body(text: str, start: int, end: int) -> str | None:
    """The standards body named nearest to ``text[start:end]`` within its paragraph."""
    low = max(text.rfind("\n", 0, start) + 1, start - _WINDOW)
    high = text.find("\n", end)
    high = min(high if high >= 0 else len(text), end + _WINDOW)
    best: tuple[int, str] | None = None
    for body in _BODY_NAMES.finditer(text, low, high):
        if body.start() < end and body.end() > start:
            continue
        distance = start - body.end() if body.end() <= start else body.start() - end
        name = "CLC" if body["clc"] else "CEN" if body["cen"] else "ISO" if body["iso"] else "IEC"
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


COMPONENT = Component(
    name="standards",
    run=detect_standards,
    reads=("text", "document.content", "clauses"),
    writes=("standards",),
)
