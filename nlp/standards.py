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

# A national body's prefix before an adopted European or international identifier that the
# grammar does not list ("NP EN 752:2017", "UNI CEI EN ISO/IEC 27001:2024"): one or two tokens
# in capitals written directly before it. An adoption is the national body's publication, so
# the prefix belongs to the identifier.
_PREFIX_BEFORE = re.compile(r"(?<![\w/.-])(?P<prefix>[A-Z]{2,6}(?:[ /][A-Z]{2,6})?) $")
_ADOPTED = re.compile(r"(?:EN|ISO|IEC)\b")
# capitals that are words or international publishers, not a national prefix
_NOT_A_PREFIX = frozenset(
    {"AND", "OR", "THE", "OF", "TO", "WITH", "UNDER", "PER", "SEE", "USE", "FOR", "IN", "ON", "BY",
     "ISO", "IEC", "EN", "CEN", "CLC", "CENELEC", "ETSI", "ITU", "IEEE", "ASTM", "NOTE", "NEW"}
)  # fmt: skip

# A designation of a family the grammar does not know ("ASCE/SEI 7-22", "ICC 500-2020",
# "CEI 64-8", "UNI/PdR 13.1:2019"): a publisher in capitals, a number with dotted or dashed
# parts, an optional year. Alone such a shape is also a currency sum or a case number, so it
# counts only in a sentence that cites a standard the grammar knows, or that says "standard".
_FAMILY = re.compile(
    r"(?<![\w/.@-])(?P<prefix>[A-Z]{2,6}(?:/[A-Z][A-Za-z]{1,5})?)[ \t](?P<number>\d{1,5}"
    r"(?:[.-]\d{1,4}){0,3})(?::(?P<year>(?:19|20)\d\d))?(?![\w/-]|\.\d)"
)
_NOT_A_FAMILY = frozenset(
    {"EUR", "USD", "GBP", "CNY", "RMB", "JPY", "INR", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD",
     "AUD", "NZD", "ZAR", "BRL", "MXN", "HKD", "SGD", "KRW", "TRY", "THB", "XCD", "EC", "SDG",
     "ISBN", "ISSN", "DOI", "NUTS", "COP", "COVID", "GDP", "NO", "NR", "ID", "REQ", "TC", "SC",
     "WG", "JTC", "SG", "AG", "PT", "CD", "ART", "PAGE", "TEL", "FAX", "UTC", "GMT", "CET", "AM",
     "PM", "KM", "KW", "MW", "GW", "KV", "DN", "PN", "RFC", "ISO", "IEC", "EN", "ETSI", "ITU",
     "IEEE", "CEN", "CLC", "TS", "TR", "GB", "DB", "PAS", "BS", "OJ", "SI", "LOT", "UN", "CTN",
     "EU", "USA", "UK", "THE", "AND", "NEW",
     "TK", "RM"}
)  # fmt: skip
_VERSION = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,2}")
_COMMITTEE_WORDS = frozenset({"TC", "TK", "SC", "WG", "CT", "CTN", "JTC", "SG", "AG", "PC"})
_STANDARD_WORD = re.compile(r"\bstandards?\b|\bcodes?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# "(c) UNI 2028", "© ISO 2024": a copyright line names the owner and a year, no standard
# (while "(c) NTCIP 1202" is item (c) of a list)
_COPYRIGHT = re.compile(r"(?:\(c\)|©|[Cc]opyright)[ \t]*\Z")
_OWNER_AND_YEAR = re.compile(r"[A-Z][\w/-]* (?:19|20)\d\d")

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
    _with_national_prefixes(ctx)
    _named_kinds(ctx, content_start, content_end)
    _unknown_families(ctx, content_start, content_end)
    ctx.standards[:] = [m for m in ctx.standards if not _copyright_line(ctx.text, m)]


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
            _mention(
                ctx,
                match.start(),
                match.end(),
                identifier.canonical,
                identifier.work,
                identifier.publisher,
            )
        )
    ctx.standards.sort(key=lambda m: m.start)


# "ANSI/ASHRAE/IES Standard 90.1-2019", "IEEE Std 2030.5", "ASHRAE Guideline 36-2021": a
# publisher, the kind of document as a word, a number. A standard is the publisher's standard
# of that number; a guideline is a series of its own and keeps the word.
_NAMED_KIND = re.compile(
    r"(?<![\w/-])(?P<pub>[A-Z]{3,8}(?:/[A-Z]{2,8}){0,3})[ \t]+"
    r"(?P<kind>Standard|STANDARD|Std\.?|Guideline|GUIDELINE)[ \t]+"
    r"(?P<num>\d{1,5}(?:[.-]\d{1,4}){0,3})(?![\w/-]|\.\d)"
)


def _named_kinds(ctx: Context, content_start: int, content_end: int) -> None:
    """Designations with the kind of document written out (``_NAMED_KIND``)."""
    from nlp.errors import InvalidIdentifierError
    from nlp.identifiers import parse_identifier

    taken = [(m.start, m.end) for m in ctx.standards]
    for match in _NAMED_KIND.finditer(ctx.text, content_start, content_end):
        if match["pub"].split("/")[0] in _NOT_A_FAMILY or any(
            s < match.end() and match.start() < e for s, e in taken
        ):
            continue
        pub, number = match["pub"], match["num"]
        if match["kind"].lower().startswith("guideline"):
            canonical = work = f"{pub} Guideline {number}"
        else:
            canonical = work = f"{pub} {number}"
            try:
                parsed = parse_identifier(canonical)
                canonical, work = parsed.canonical, parsed.work
            except InvalidIdentifierError:
                pass
        ctx.standards.append(_mention(ctx, match.start(), match.end(), canonical, work, pub))
    ctx.standards.sort(key=lambda m: m.start)


def _mention(
    ctx: Context, start: int, end: int, canonical: str, work: str, publisher: str
) -> StandardMention:
    """A standard mention of ``ctx.text[start:end]``, filed under its clause."""
    return StandardMention(
        surface=ctx.text[start:end],
        start=start,
        end=end,
        canonical=canonical,
        work=work,
        publisher=publisher,
        clause=ctx.clause_id_at(start),
    )


def _copyright_line(text: str, mention: StandardMention) -> bool:
    return bool(
        _OWNER_AND_YEAR.fullmatch(mention.surface)
        and _COPYRIGHT.search(text, max(0, mention.start - 12), mention.start)
    )


def _with_national_prefixes(ctx: Context) -> None:
    """Give an adopted identifier the national prefix written before it (``_PREFIX_BEFORE``)."""
    for index, mention in enumerate(ctx.standards):
        if not _ADOPTED.match(mention.canonical):
            continue
        before = _PREFIX_BEFORE.search(ctx.text, max(0, mention.start - 16), mention.start)
        if before is None or _in_capitals(ctx.text, mention.start):
            continue
        tokens = re.split(r"[ /]", before["prefix"])
        if any(token in _NOT_A_PREFIX for token in tokens):
            continue
        prefix = before["prefix"]
        ctx.standards[index] = _mention(
            ctx,
            before.start(),
            mention.end,
            f"{prefix} {mention.canonical}",
            f"{prefix} {mention.work}",
            prefix,
        )


def _in_capitals(text: str, position: int) -> bool:
    """Whether the line around ``position`` is written in capitals (a heading, not prose)."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    letters = [c for c in text[line_start : line_end if line_end >= 0 else None] if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    stop = _SENTENCE_END.search(text, end, end + 400)
    return (ends[-1] if ends else low, stop.start() if stop else min(len(text), end + 400))


def _unknown_families(ctx: Context, content_start: int, content_end: int) -> None:
    """Designations of families the grammar does not list (``_FAMILY``), where the sentence
    cites a known standard or says "standard" or "code"."""
    text = ctx.text
    known = [(m.start, m.end) for m in ctx.standards]
    found: list[StandardMention] = []
    for match in _FAMILY.finditer(text, content_start, content_end):
        prefix, number = match["prefix"], match["number"]
        if prefix.split("/")[0] in _NOT_A_FAMILY or any(
            s < match.end() and match.start() < e for s, e in known
        ):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", number) or _in_capitals(text, match.start()):
            continue  # "UNI 2028" is a year after a name
        if _VERSION.fullmatch(number) and not match["year"]:
            continue  # "TLS 1.3", "OCPP 2.0.1": a protocol's version
        if "/" in prefix and prefix.split("/")[1].upper() in _COMMITTEE_WORDS:
            continue  # "SABS/TC 59", "SIS/TK 555": a committee
        low, high = _sentence(text, match.start(), match.end())
        cited = any(low <= s and e <= high for s, e in known)
        if not cited and not _STANDARD_WORD.search(text, low, high):
            continue
        canonical = f"{prefix} {number}" + (f":{match['year']}" if match["year"] else "")
        found.append(
            _mention(ctx, match.start(), match.end(), canonical, f"{prefix} {number}", prefix)
        )
    if found:
        ctx.standards.extend(found)
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
