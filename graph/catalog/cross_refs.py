"""What a catalogue record says about OTHER documents: citations in its abstract, and the
common texts (twin texts) it is published as (pure: no graph access).

Why here and not in the linker: these are the rules a reviewer checks against the catalogue
text, and they are tested on hand-built strings. The graph side (``graph.ingest_catalog``)
only resolves the references these functions name against the nodes that exist.

Common texts. ITU-T and ISO/IEC JTC 1 publish some documents twice, word for word, under two
numbers ("Recommendation ITU-T X.509 | ISO/IEC 9594-8"). Two signals find them without a list:

- a *pipe pair* in any abstract: two identifiers joined by ``|`` are the two numbers of one
  text (the pair need not be the record's own: an abstract may name another twin it uses);
- a *twin phrase* ("twin text ... with ISO/IEC 14496-10", "common text with ...",
  "technically aligned with ...") binds the record's own work to the identifier it names;
- the *title key*: the title folded to its words, without "Part N:", which common texts share
  even when their publishers punctuate differently. It is compared across publishers whose
  bodies are disjoint (ITU-T vs ISO/IEC; not ISO vs ISO/IEC) by the graph stage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from graph.catalog.identity import edition_key
from nlp.errors import InvalidIdentifierError
from nlp.identifier_model import IdentifierMatch, StandardId
from nlp.identifiers import find_identifiers, parse_identifier

#: Fewer words than this and a title ("Vocabulary", "General requirements") says nothing
#: about which document it is.
MIN_TITLE_KEY_WORDS = 4

_PART_RE = re.compile(r"\bpart\s+\d+(?:[-.]\d+)*\s*:", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W_]+")
#: Only whitespace and one "|" between two identifiers: they name one text.
_PIPE_GAP_RE = re.compile(r"^\s*\|\s*(?:(?:Rec(?:ommendation)?\.?|International Standard)\s+)?$")
#: A full stop that ends a sentence, not the one in "Rec." / "No." / "e.g.".
_SENTENCE_END_RE = re.compile(r"(?<!\bRec)(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)[.;](?:\s|$)")
_BRACKET_RE = re.compile(r"\[([^\[\]]{3,120})\]")
#: How far before an identifier a twin phrase may start.
_TWIN_WINDOW = 120
#: Words that say the record's own text is also published under the identifier that follows.
_TWIN_PHRASE_RE = re.compile(
    r"\b(?:twin[- ]text|common[- ]text|technically (?:aligned|identical|equivalent)|"
    r"identical (?:text )?(?:to|with)|jointly (?:developed|published) with|"
    r"(?:is|are) (?:also )?published as)\b[^.;|]{0,80}$",
    re.IGNORECASE,
)


def title_key(title: str | None) -> str | None:
    """The title folded to lower-case words, without part labels; None when too short."""
    if not title:
        return None
    folded = _PART_RE.sub(" ", unicodedata.normalize("NFKC", title).casefold())
    words = _WORD_RE.findall(folded)
    if len(words) < MIN_TITLE_KEY_WORDS:
        return None
    return " ".join(words)


# The elements of an ISO/IEC title ("Information technology — Security techniques — Entity
# authentication assurance framework"): ITU-T titles its twin with the last element only.
_TITLE_ELEMENT_RE = re.compile(r"\s+(?:--|[-–—])\s+")


def title_tail_key(title: str | None) -> str | None:
    """The title key of the last element of a multi-element title, or None (one element, or
    a tail too short to name a document on its own)."""
    if not title:
        return None
    elements = [e for e in _TITLE_ELEMENT_RE.split(_PART_RE.sub(" ", title)) if e.strip()]
    if len(elements) < 2:
        return None
    tail = title_key(elements[-1])
    return tail if tail and tail != title_key(title) else None


#: Publishers that are one body's imprint: ISO publishes IWAs, IEC publishes CISPR.
BODY_OF_IMPRINT = {"IWA": "ISO", "CISPR": "IEC"}


def bodies(publisher: str | None) -> frozenset[str]:
    """'ISO/IEC' -> {'ISO', 'IEC'}: two publishers share a body when these sets intersect."""
    return frozenset(
        BODY_OF_IMPRINT.get(part, part) for part in (publisher or "").split("/") if part
    )


@dataclass(frozen=True)
class Citation:
    """One document an abstract names (not its own work)."""

    surface: str
    #: the work ("ISO 37122", "IETF RFC 3261", "Directive 2014/53/EU")
    work: str
    #: the edition, when the citation is dated ("ISO 37122:2019"); None for the work
    key: str | None
    publisher: str


# EU acts an abstract cites by number ("Directive 2014/53/EU", "EC Decision 2013/752/EU",
# "Regulation (EU) No 1025/2012"): outside every standards catalogue, but cited documents.
_EU_ACT_RE = re.compile(
    r"\b(?P<kind>Directive|Regulation|Decision)\s(?:\((?:EU|EC|EEC)\)\s)?(?:No\.?\s)?"
    r"(?P<number>\d{1,4}/\d{1,4}(?:/(?:EU|EC|EEC|CE|Euratom))?)(?![\w/])"
)


def eu_acts(abstract: str) -> list[tuple[str, str]]:
    """(surface, canonical act) for each EU act cited by number."""
    return [(m.group(), f"{m['kind']} {m['number']}") for m in _EU_ACT_RE.finditer(abstract)]


# Families catalogue abstracts cite that the identifier grammar does not parse, each with the
# canonical form it is kept under (a Reference outside the catalogue):
# 3GPP specifications ("3GPP TS 24.605 Release 8"; bare "TS 23.682" in an ETSI abstract: the
# dd.ddd number is 3GPP's), CENELEC ENs written without a space ("EN50173-1"), CEPT ERC/ECC
# deliverables ("ERC REC 70-03", "ERC Recommendation 70-03", "ECC/DEC/(21)02").
_3GPP_RE = re.compile(
    r"(?<![\w/.-])(?P<body>3GPP\s)?(?P<kind>TS|TR)\s?(?P<number>\d{2}\.\d{3}(?:-\d{1,2})?)(?![\w.])"
)
_EN_JOINED_RE = re.compile(r"(?<![\w/.-])EN(?P<number>\d{5}(?:-\d{1,3}){0,3})(?![\w-])")
_CEPT_RE = re.compile(
    r"(?<![\w/-])(?:CEPT\s)?(?P<body>ERC|ECC)(?:\s|/)(?P<kind>REC|Rec|Recommendation|DEC|Decision"
    r"|Report|REP)(?:\s|/)?(?P<number>\(?\d{2}\)?\s?[-/]?\s?\d{2,3})(?![\w-])"
)
_CEPT_KIND = {"rec": "REC", "recommendation": "REC", "dec": "DEC", "decision": "DEC",
              "report": "REP", "rep": "REP"}  # fmt: skip


def other_families(abstract: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """(start, surface, canonical) for 3GPP, joined-EN and CEPT references not inside a span
    the identifier grammar already matched."""

    def free(m: re.Match[str]) -> bool:
        return not any(start <= m.start() < end for start, end in taken)

    found = [
        (m.start(), m.group(), f"3GPP {m['kind']} {m['number']}")
        for m in _3GPP_RE.finditer(abstract)
        if free(m)
    ]
    found += [
        (m.start(), m.group(), f"EN {m['number']}")
        for m in _EN_JOINED_RE.finditer(abstract)
        if free(m)
    ]
    for m in _CEPT_RE.finditer(abstract):
        if free(m):
            kind = _CEPT_KIND[m["kind"].lower()]
            digits = re.findall(r"\d+", m["number"])
            number = f"({digits[0]}){digits[1]}" if "(" in m["number"] else "-".join(digits)
            found.append(
                (
                    m.start(),
                    m.group(),
                    f"CEPT {m['body']}/{kind}/{number}"
                    if "(" in m["number"]
                    else f"CEPT {m['body']}/{kind} {number}",
                )
            )
    return found


def citations(abstract: str | None, own_work: str, publisher: str | None = None) -> list[Citation]:
    """Every other document the abstract names, once each (see ``cross_references``)."""
    return cross_references(abstract, own_work, publisher)[0]


def cross_references(
    abstract: str | None,
    own_work: str,
    publisher: str | None = None,
    title: str | None = None,
) -> tuple[list[Citation], list[tuple[str, str]]]:
    """What a record says about other documents, from one pass of the identifier finder over
    its abstract: the documents it cites, and the common-text pairs it (or its title) states.

    Not citations: the record's own work; the other number of its own common text
    ("Recommendation ITU-T X.693 | ISO/IEC 8825-4" in X.693's abstract names one text twice);
    its own series named without a part ("This part of ISO 3134" in ISO 3134-4).

    ``publisher`` is the record's: an ETSI abstract says "TS 102 924" and "TBR 21", an ITU-T
    one "Q.1244" and "H.245", meaning their own body's documents (``bare_citations``).
    """
    if not abstract:
        return [], common_text_claims(None, own_work, title)
    found = find_identifiers(abstract)
    stated = common_text_claims(abstract, own_work, matches=found)
    claims = sorted({*stated, *common_text_claims(None, own_work, title)})
    own = {own_work}
    for pair in stated:
        if own_work in pair:
            own.update(pair)
    matches = found + bare_citations(abstract, publisher, [(m.start, m.end) for m in found])
    matches.sort(key=lambda m: m.start)
    seen: set[str] = set()
    out: list[Citation] = []
    for match in matches:
        work = match.id.work
        if work in own or _is_own_series(work, own_work):
            continue  # an abstract naming its own standard is not a citation
        identity = match.id.canonical if match.id.year else work
        if identity in seen:
            continue
        seen.add(identity)
        key = edition_key(match.id, match.surface)[0] if match.id.year else None
        out.append(Citation(match.surface, work, key, match.id.publisher))
    for surface, act in eu_acts(abstract):
        if act not in seen:
            seen.add(act)
            out.append(Citation(surface, act, None, "EU"))
    for _, surface, reference in sorted(
        other_families(abstract, [(m.start, m.end) for m in matches])
    ):
        if reference not in seen:
            seen.add(reference)
            out.append(Citation(surface, reference, None, reference.split()[0]))
    return out, claims


def _is_own_series(work: str, own_work: str) -> bool:
    """'ISO 3134' for ISO 3134-4, 'ITU-T Q.1248' for ITU-T Q.1248.7: the record's own series."""
    return own_work.startswith(work + "-") or own_work.startswith(work + ".")


# Deliverables an ETSI abstract names without "ETSI" ("TS 102 924", "ETS 300 175-9", "TBR26").
_BARE_ETSI_RE = re.compile(
    r"(?<![\w/.-])(?P<kind>EN|ES|EG|TS|TR|SR|GS|GR|ETS|ETR|TBR)\s?"
    r"(?P<number>\d{3}\s\d{3}(?:-\d{1,3}){0,4}|(?<=TBR)\d{1,3}|(?<=TBR\s)\d{1,3})"
    r"(?:\s[Vv](?P<version>\d{1,2}\.\d{1,2}\.\d{1,2}))?(?![\w-])"
)
# Recommendations an ITU-T abstract names by number alone ("Q.1244", "H.225.0"), not a clause
# ("clause A.2", "Annex B.1") or a figure.
_BARE_ITU_RE = re.compile(
    r"(?<![\w.-])(?<!clause\s)(?<!Clause\s)(?<!annex\s)(?<!Annex\s)(?<!section\s)"
    r"(?<!Table\s)(?<!Figure\s)(?<!figure\s)(?<!table\s)"
    r"(?P<number>[A-Z]\.\d{1,4}(?:\.\d{1,3})*)(?![\w-]|\.\d)"
)


def bare_citations(
    abstract: str, publisher: str | None, taken: Sequence[tuple[int, int]]
) -> list[IdentifierMatch]:
    """Identifiers written without their body, read with the record's publisher as the body
    (only ETSI and ITU-T write their own numbers bare; an ISO abstract's "part 1" is not an
    identifier). Spans already matched in full are skipped."""
    body = (publisher or "").upper()
    if body == "ETSI":
        pattern, prefix = _BARE_ETSI_RE, "ETSI "
    elif body.startswith("ITU"):
        pattern, prefix = _BARE_ITU_RE, "ITU-T "
    else:
        return []
    found: list[IdentifierMatch] = []
    for m in pattern.finditer(abstract):
        if any(start <= m.start() < end or m.start() <= start < m.end() for start, end in taken):
            continue
        if pattern is _BARE_ETSI_RE:
            version = f" V{m['version']}" if m["version"] else ""
            reference = f"{prefix}{m['kind']} {m['number']}{version}"
        else:
            reference = prefix + m["number"]
        with suppress(InvalidIdentifierError):
            found.append(
                IdentifierMatch(m.start(), m.end(), m.group(), parse_identifier(reference))
            )
    return found


def common_text_claims(
    abstract: str | None,
    own_work: str,
    title: str | None = None,
    matches: Sequence[IdentifierMatch] | None = None,
) -> list[tuple[str, str]]:
    """Pairs of works the abstract (or the title) says are one text, each pair sorted,
    without repeats. ``matches`` are the abstract's identifiers when the caller has them.

    A title may carry the text it endorses in brackets, as ETSI's do ("...; Protocol
    specification [ITU-T Recommendation Q.2931 (1995), modified]"): that binds the record.
    """
    pairs: set[tuple[str, str]] = set()

    def add(a: StandardId, b: StandardId) -> None:
        if a.work != b.work and not bodies(a.publisher) & bodies(b.publisher):
            first, second = sorted((a.work, b.work))
            pairs.add((first, second))

    for bracket in _BRACKET_RE.findall(title or ""):
        for match in find_identifiers(bracket):
            with suppress(InvalidIdentifierError):
                add(parse_identifier(own_work), match.id)
    if not abstract:
        return sorted(pairs)
    if matches is None:
        matches = find_identifiers(abstract)

    previous: IdentifierMatch | None = None
    for match in matches:
        if previous is not None and _PIPE_GAP_RE.match(abstract[previous.end : match.start]):
            add(previous.id, match.id)
        window = max(0, match.start - _TWIN_WINDOW)
        boundary = _SENTENCE_END_RE.search(abstract, window, match.start)
        while boundary is not None:  # the phrase must be in the identifier's own sentence
            window = boundary.end()
            boundary = _SENTENCE_END_RE.search(abstract, window, match.start)
        if previous is not None and previous.end > window:
            # "Rec. H.264 (a twin text Recommendation with ISO/IEC 14496-10)": the phrase
            # binds the identifier just before it
            if _TWIN_PHRASE_RE.search(abstract[previous.end : match.start]):
                add(previous.id, match.id)
        elif match.id.work != own_work and _TWIN_PHRASE_RE.search(abstract[window : match.start]):
            # "developed as a twin text ... corresponding to ISO/IEC 29199-2": the record itself
            with suppress(InvalidIdentifierError):
                add(parse_identifier(own_work), match.id)
        previous = match
    return sorted(pairs)
