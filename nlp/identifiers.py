"""The one standard-identifier normalizer of stdkg.

Catalogue ingestion and the text pipeline both call this module, so that "ISO 37120: 2018" in
a policy, ``ISO 37120:2018`` in iso.jsonl.gz and ``iso 37120:2018`` typed into the API all land
on the same ``Standard`` node. Everything is deterministic regular expressions, precompiled at
import, written so that no pattern can backtrack catastrophically (every repetition is anchored
on a literal keyword or a bounded character class): the normalizer runs over ~144k catalogue
records and every abstract and policy text.

Families and their canonical forms are documented in ``docs/identifiers.md``. The patterns live
in ``nlp.identifier_grammar``, the value object and its renderings in ``nlp.identifier_model``;
this module is the API the rest of stdkg imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from nlp.errors import InvalidIdentifierError
from nlp.identifier_grammar import (
    ANCHORED_DISPATCH,
    DISPATCH,
    ITU_NUMBER,
    SEARCH,
    START_RE,
    YEAR4,
    build_itu_bare,
    fold,
)
from nlp.identifier_model import IdentifierMatch, StandardId

__all__ = [
    "IdentifierMatch",
    "StandardId",
    "find_identifiers",
    "normalize_identifier",
    "parse_identifier",
]

#: Longest reference ``parse_identifier`` accepts; the longest real catalogue reference is
#: ~110 characters, anything much longer is a paragraph passed by mistake.
MAX_IDENTIFIER_LENGTH = 200


_KNOWN_PREFIX_RE = re.compile(
    r"(?i:ISO|IEC|CISPR|IWA|ITU|CCITT|CCIR|ETSI|EN|PREN|CEN|CLC|CWA|HD|BS|BSI|PAS|IEEE|ANSI|NIST|"
    r"FIPS|GB|DB\d\d|T/|DIN|NF|UNE|NEN|ASTM|IETF|RFC|IS|UL|NFPA|NTCIP|SAE|oneM2M|"
    r"JIS|KS|ABNT|NBR|SANS|EAS|AS|NZS|CSA|BNQ|GOST|SNI|MS|SS|TCVN|PNS|GSO|SASO|IRAM|NCh)\b"
)
# "Recommendation ITU-T Y.4903" and "IEEE Std 2030": words users paste with the identifier.
_LEADING_WORD_RE = re.compile(r"^(?:Recommendation|Rec\.|Question|Standard|Std\.?)\s+(?=[A-Z])")
# "ISO 37120:2018(E)", "ISO 37120:2018 (en)": the language of a copy, not another publication.
_LANGUAGE_SUFFIX_RE = re.compile(r"\s?\((?:E|F|R|en|fr|ru)\)$")
# "ISO 22322:2015 MOD": how a Chinese catalogue says GB/T 40054 adopts ISO 22322 (modified,
# identical, not equivalent). The degree belongs to the adoption, not to the ISO publication.
_ADOPTION_DEGREE_RE = re.compile(r"(?:\s?,\s?|\s)\(?(?P<degree>MOD|IDT|NEQ|EQV)\)?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _prepare(ref: object) -> str:
    """Validate and fold one reference; raise a clear error for anything that is not one."""
    if isinstance(ref, bytes | bytearray):
        raise InvalidIdentifierError(
            "expected a text identifier, got bytes; decode it (UTF-8 or GB18030) first"
        )
    if not isinstance(ref, str):
        raise InvalidIdentifierError(f"expected a text identifier, got {type(ref).__name__}")
    if len(ref) > MAX_IDENTIFIER_LENGTH:
        raise InvalidIdentifierError(
            f"identifier is too long ({len(ref)} characters, limit {MAX_IDENTIFIER_LENGTH}): "
            f"{ref[:40]!r}..."
        )
    if _CONTROL_RE.search(ref) or "\ufffd" in ref:
        raise InvalidIdentifierError(
            f"identifier contains control or undecodable characters: {ref[:60]!r}"
        )
    text = " ".join(fold(ref).split())
    text = _LEADING_WORD_RE.sub("", text.rstrip(" :;,"))
    text = _LANGUAGE_SUFFIX_RE.sub("", text)
    if not text:
        raise InvalidIdentifierError("identifier is empty")
    return text


def parse_identifier(ref: str) -> StandardId:
    """Parse one reference as written in a catalogue, an abstract or a user query.

    Raises ``InvalidIdentifierError`` saying what was wrong when ``ref`` is not one identifier.
    """
    text = _prepare(ref)
    degree = _ADOPTION_DEGREE_RE.search(text)
    if degree and degree.start() > 0:
        text = text[: degree.start()]
    # As written first (ETSI's "mWT", ITU's "bis" are lowercase), then in capitals for input
    # typed by people: "etsi en 303 645", "gb/t 35561-2017", "itu-t y.4903".
    for candidate in dict.fromkeys((text, text.upper())):
        for pattern, build in ANCHORED_DISPATCH.get(candidate[0], ()):
            m = pattern.fullmatch(candidate)
            if m:
                sid = build(m)
                return replace(sid, variant=degree["degree"]) if degree else sid
    # Not a whole identifier: explain why, as precisely as cheaply possible.
    for _name, pattern, _build in SEARCH:
        m = pattern.search(text)
        if m:
            raise InvalidIdentifierError(
                f"{ref!r} is not a single standard identifier: it contains {m.group(0)!r} "
                f"followed or preceded by text that is not part of an identifier"
            )
    if not _KNOWN_PREFIX_RE.match(text):
        word = text.split()[0][:30]
        raise InvalidIdentifierError(
            f"{ref!r} does not start with a known publisher (ISO, IEC, ITU-T, ETSI, EN, BS, "
            f"IEEE, NIST, GB...); found {word!r}"
        )
    raise InvalidIdentifierError(
        f"{ref!r} names a publisher but no document number in a form we recognise "
        f"(e.g. 'ISO 37120:2018', 'ITU-T Y.4903', 'ETSI EN 303 645', 'GB/T 35561-2017')"
    )


def normalize_identifier(ref: str) -> str:
    """The canonical form of ``ref`` (``parse_identifier(ref).canonical``)."""
    return parse_identifier(ref).canonical


# -- find_identifiers ------------------------------------------------------------------------

# "ISO 37120, 37122 and 37123", "IEEE 1609.3 and 1609.4": bare numbers after an ISO-family match.
_LIST_NUMBER_RE = re.compile(
    rf"""(?P<sep>\s?,\s?(?:and\s|or\s)?|\s(?:and|or|&)\s|\s?/\s?)
    (?P<num>\d{{3,6}}(?:\.\d{{1,3}})?)(?P<part>(?:-\d{{1,5}}){{0,4}})(?:\s?:\s?(?P<year>{YEAR4}))?
    (?![A-Za-z0-9]|[-.:]\d)""",
    re.VERBOSE,
)
# "ISO/IEC 30145-1/-2/-3": more parts of the same number.
_LIST_PART_RE = re.compile(r"(?:/|,\s?|\s(?:and|or)\s)-(?P<part>\d{1,5})(?![A-Za-z0-9])")
# "ITU-T Y.4901, Y.4902 and Y.4903".
_LIST_ITU_RE = re.compile(
    rf"(?P<sep>\s?,\s?(?:and\s|or\s)?|\s(?:and|or|&)\s)(?P<num>{ITU_NUMBER})(?![A-Za-z0-9])"
)

_MAX_LIST_ITEMS = 30


def _is_year_like(number: str) -> bool:
    return len(number) == 4 and number[:2] in ("19", "20")


def _expand_lists(folded: str, text: str, first: IdentifierMatch) -> Iterator[IdentifierMatch]:
    """Yield the further items of a list that starts with ``first``."""
    sid = first.id
    pos = first.end
    if sid.family in ("iso", "en", "ieee"):
        for _ in range(_MAX_LIST_ITEMS):
            pm = _LIST_PART_RE.match(folded, pos)
            if pm and sid.part:
                start = pm.start("part") - 1
                item = replace(sid, part=pm["part"], year=None, supplements=(), variant=None)
                yield IdentifierMatch(start, pm.end(), text[start : pm.end()], item)
                pos = pm.end()
                continue
            nm = _LIST_NUMBER_RE.match(folded, pos) if sid.family in ("iso", "ieee") else None
            if not nm or _is_year_like(nm["num"]):
                return
            item = replace(
                sid,
                number=nm["num"],
                part=nm["part"][1:] if nm["part"] else None,
                year=nm["year"],
                supplements=(),
                variant=None,
            )
            start = nm.start("num")
            yield IdentifierMatch(start, nm.end(), text[start : nm.end()], item)
            pos = nm.end()
    elif sid.family == "itu":
        for _ in range(_MAX_LIST_ITEMS):
            im = _LIST_ITU_RE.match(folded, pos)
            if not im:
                return
            item = StandardId(
                publisher=sid.publisher,
                doctype="Recommendation",
                number=im["num"],
                family="itu",
            )
            start = im.start("num")
            yield IdentifierMatch(start, im.end(), text[start : im.end()], item)
            pos = im.end()


def _strip_trailing(surface_end: int, folded: str, start: int) -> int:
    """Drop trailing spaces a pattern may have consumed (optional ``\\s?`` before a group)."""
    end = surface_end
    while end > start and folded[end - 1] in " \t\n\r":
        end -= 1
    return end


def find_identifiers(text: str) -> list[IdentifierMatch]:
    """Every standard identifier in ``text``, in order, with exact character offsets.

    Lists are expanded ("ISO 37120, 37122 and 37123" gives three matches, each with its own
    span). Section numbers, years, phone numbers and EU act numbers ("Regulation (EU) No
    1025/2012", "COM(2022) 31 final") are not identifiers and are not matched because every
    pattern needs a publisher keyword.
    """
    if not isinstance(text, str):
        raise InvalidIdentifierError(
            f"find_identifiers needs text (str), got {type(text).__name__}"
        )
    folded = fold(text)
    candidates: list[IdentifierMatch] = []
    for start_match in START_RE.finditer(folded):
        pos = start_match.start()
        for pattern, build in DISPATCH.get(folded[pos], ()):
            m = pattern.match(folded, pos)
            if m is None:
                continue
            sid = build(m)
            if not _plausible_in_text(sid, folded, pos):
                continue
            start = m.start("bare_num") if build is build_itu_bare else pos
            end = _strip_trailing(m.end(), folded, start)
            candidates.append(IdentifierMatch(start, end, text[start:end], sid))
    if "ITU" in folded:
        candidates.extend(_bare_itu_numbers(folded, text, candidates))
    candidates.extend(_found_families(folded, text, candidates))
    # Keep the longest match at each place; drop matches inside an earlier, longer one.
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[IdentifierMatch] = []
    last_end = -1
    for cand in candidates:
        if cand.start < last_end:
            continue
        kept.append(cand)
        last_end = cand.end
        for extra in _expand_lists(folded, text, cand):
            kept.append(extra)
            last_end = extra.end
    kept.sort(key=lambda c: c.start)
    # A list expansion may overlap a later direct match ("ISO 37120, ISO 37122"): dedupe.
    result: list[IdentifierMatch] = []
    for match in kept:
        if result and match.start < result[-1].end:
            continue
        result.append(match)
    return result


# "including Y.4200 and Y.4205" in a text about ITU-T work: a series letter and a number of
# three or four digits is an ITU-T Recommendation ("Y.4903/L.1603": its dual number follows).
_BARE_ITU = re.compile(
    r"(?<![\w./-])(?P<bare_num>[A-Z]\.\d{3,4}(?:\.\d{1,3})?)(?:/[A-Z]\.\d{3,4}(?:\.\d{1,3})?)?"
    r"(?![\w/-]|\.\d)"
)


def _bare_itu_numbers(
    folded: str, text: str, found: list[IdentifierMatch]
) -> Iterator[IdentifierMatch]:
    for match in _BARE_ITU.finditer(folded):
        start, end = match.span()
        if any(c.start < end and start < c.end for c in found):
            continue
        yield IdentifierMatch(start, end, text[start:end], build_itu_bare(match))


# Families the grammar does not know, recognised by the shape of a dated designation: a short
# code in capitals, a number and a year after a colon ("SIA 380/1:2016", "SN 411000:2020",
# "QCVN 06:2022/BXD", with the issuing ministry after the year), or the hyphenated Latin
# American form ending in a year ("NOM-008-ENER-2001", "NMX-AA-179-SCFI-2018"). Once a code is
# seen dated, its undated numbers in the same text are standards too ("SIA 380/1 is revised").
_FOUND_YEAR = r"(?P<year>(?:19[5-9]|20[0-4])\d)"
_FOUND_DATED = re.compile(
    # the code: capitals ("ECOSTAND") or dotted initials ("I.S.", "S.R.")
    r"(?<![\w/.-])(?P<pub>[A-Z]{2,8}|(?:[A-Z]\.){1,3})(?P<joint>[ ])"
    r"(?P<num>[A-Z]?\d{1,6}(?:[./]\d{1,4}){0,3}(?:-\d{1,4}){0,3})"
    # after the year: the issuing ministry ("/BXD") or amendments ("+A1:2019")
    rf"(?P<sep>:){_FOUND_YEAR}(?P<suffix>/[A-Z]{{2,6}}|(?:\+A\d{{1,2}}(?::(?:19|20)\d\d)?)+)?"
    r"(?![\w/])"
)
_FOUND_HYPHENATED = re.compile(
    r"(?<![\w-])(?P<pub>[A-Z]{2,5})(?P<joint>-)"
    r"(?P<num>(?:[A-Z]{1,3}-)?\d{2,4}-[A-Z]{2,8}(?:/[A-Z]{2,8})?)"
    rf"(?P<sep>-){_FOUND_YEAR}(?![\w-])"
)
# Codes in capitals before a number that are not standards: currencies, document and
# reference prefixes, times.
_NOT_A_FAMILY = frozenset(
    re.findall(
        r"[A-Z]+",
        "EUR USD GBP CHF JPY CNY RMB VND AUD CAD NZD INR BRL MXN ZAR NGN KES IDR KRW SGD HKD "
        "SEK NOK DKK PLN CZK XOF XAF GHS EGP SAR AED COM SWD JOIN ISBN ISSN DOI REQ NO ART "
        "SEC TEL FAX UTC GMT CET CEST PM AM OJ PUB FY ID REF RFC ",
    )
)


def _found_families(folded: str, text: str, known: list[IdentifierMatch]) -> list[IdentifierMatch]:
    found: list[IdentifierMatch] = []

    def free(start: int, end: int) -> bool:
        return not any(c.start < end and start < c.end for c in (*known, *found))

    families: set[str] = set()
    seen_dated: set[tuple[str, str]] = set()
    for pattern in (_FOUND_DATED, _FOUND_HYPHENATED):
        for m in pattern.finditer(folded):
            if m["pub"] in _NOT_A_FAMILY or not free(m.start(), m.end()):
                continue
            sid = StandardId(
                publisher=m["pub"],
                doctype=None,
                number=m["num"],
                year=m["year"],
                family="found",
                year_sep=m["sep"],
                joint=m["joint"],
                suffix=m.groupdict().get("suffix"),
            )
            found.append(IdentifierMatch(m.start(), m.end(), text[m.start() : m.end()], sid))
            if m["joint"] == " ":
                families.add(m["pub"])
                seen_dated.add((m["pub"], m["num"]))
    if families:
        codes = "|".join(re.escape(code) for code in sorted(families, key=len, reverse=True))
        undated = re.compile(
            rf"(?<![\w/.-])(?P<pub>{codes})[ ](?P<num>[A-Z]?\d{{1,6}}"
            r"(?:[./]\d{1,4}){0,3}"
            r"(?:-\d{1,4}){0,3})(?![\w/:]|\.\d)"
        )
        for m in undated.finditer(folded):
            # three digits, a part after a dot or slash, or a number seen dated: "KRX 12" in
            # prose is a page, "S.R. 54" after "S.R. 54:2014" is the standard
            digits = re.match(r"[A-Z]?(\d+)", m["num"])
            plain = digits is not None and len(digits[1]) < 3 and not re.search(r"[./]", m["num"])
            if plain and (m["pub"], m["num"]) not in seen_dated:
                continue
            if free(m.start(), m.end()):
                sid = StandardId(publisher=m["pub"], doctype=None, number=m["num"], family="found")
                found.append(IdentifierMatch(m.start(), m.end(), text[m.start() : m.end()], sid))
    return found


def _plausible_in_text(sid: StandardId, folded: str, start: int) -> bool:
    """Short publisher codes are also ordinary abbreviations: "16 GB 2133 MHz" (gigabytes),
    "BS 1" (base station) in telecom text, "HD 720" (video), "SC 1-2" (subcommittee). In
    running text such matches need more evidence; parse_identifier, which is told the string
    is an identifier, accepts them all."""
    publisher = sid.publisher
    has_year = sid.year is not None and len(sid.year) == 4
    if (
        sid.family == "etsi"
        and sid.doctype != "EN"
        and not folded.startswith("ETSI", start)
        and "ETSI" not in folded
    ):
        return False  # "TS 103 701" is ETSI's only where the text names ETSI at all
    if sid.family == "iso" and (sid.part or sid.number).endswith("XX"):
        return False  # "the ISO 371XX family", "ISO 9241-1XX": a series, not a document
    if sid.family == "cn":
        if publisher.startswith("T/"):
            # Group standards date from 2017 and carry a four-digit year; "T/CS 34-08" is an
            # old CEPT Recommendation.
            return has_year
        if "/" in publisher and not publisher.startswith("DB"):
            return True  # GB/T, CJ/T
        if has_year:
            return True
        if publisher == "GB":
            # "标准GB 50016", "see GB 50016" yes; "16 GB 2133" (a memory size) and TM Forum's
            # "GB917" no.
            before = folded[max(0, start - 2) : start].rstrip()
            return len(sid.number) >= 4 and not (before and before[-1].isdigit())
        return False
    if publisher == "BS" and folded[max(0, start - 16) : start].rstrip().endswith("Recommendation"):
        return False  # "ITU-R Recommendation BS 450-3" is ITU-R BS.450 in the old notation
    if publisher in ("HD", "BS", "EN", "BSI") or (sid.family == "en" and " " not in publisher):
        if has_year or sid.part is not None:
            return True
        if publisher == "HD":
            return False  # "HD 720": CENELEC HDs are cited with a part or a year
        digits = sum(ch.isdigit() for ch in sid.number)
        return digits >= (2 if sid.doctype == "PAS" else 3)
    return True
