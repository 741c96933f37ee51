"""From a catalogue reference to the graph key of its Standard node.

Why here and not in each reader: every catalogue spells identifiers its own way (IEC's
``/AMD1:2011`` and ``RLV``/``CSV`` suffixes, ETSI's ``V1.5.1 (2004-06)``, ITU's ``(03/2022)``),
and the ISO and IEC copies of a joint publication must end on ONE node. The shared normalizer
(``nlp.identifiers``) gives the canonical form; this module adds the two things the graph key
needs on top of it (the ETSI version, the ITU edition date) and says which copy of a
publication is the reference copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.errors import InvalidIdentifierError
from nlp.identifiers import StandardId, parse_identifier

#: IEC sells the same publication as a redline (RLV) and as a consolidated (CSV) version
_IEC_VARIANT = re.compile(r"\s+(RLV|CSV|EXV|SER|PAC|ISH|CMV)\s*$", re.IGNORECASE)
_ITU_EDITION = re.compile(r"\((\d{2})/(\d{4})\)\s*$")

#: who publishes a document, by the identifier's publisher prefix
_PUBLISHER_BODIES = {
    "GB": ("SAC",),
    "GB/T": ("SAC",),
    "GB/Z": ("SAC",),
    "ITU-T": ("ITU",),
    "ITU-R": ("ITU",),
    "EN": ("CEN-CENELEC",),
    "CISPR": ("IEC",),
}


@dataclass(frozen=True)
class Identity:
    key: str
    work: str
    publisher: str
    publishers: tuple[str, ...]
    year: str | None
    version: str | None
    rank_penalty: int
    #: for an amendment or corrigendum, the key of the publication it modifies
    amends: str | None = None


def publisher_bodies(publisher: str) -> tuple[str, ...]:
    """``ISO/IEC`` -> (``ISO``, ``IEC``); ``ITU-T`` -> (``ITU``,): the Publisher nodes."""
    if publisher in _PUBLISHER_BODIES:
        return _PUBLISHER_BODIES[publisher]
    if publisher.startswith(("DB", "GA", "CJJ", "JGJ", "YD", "SJ")):
        return ("SAC",)
    return tuple(part for part in publisher.split("/") if part) or (publisher,)


def edition_key(parsed: StandardId, written: str = "") -> tuple[str, str | None]:
    """The key of one edition (the normalizer's ``edition_key``: canonical + ETSI version /
    ITU edition date) and its year. ``written`` is the reference as written, used to recover
    ITU's ``(MM/YYYY)`` if the normalizer kept it apart."""
    key = getattr(parsed, "edition_key", None) or parsed.canonical
    year = parsed.year
    if key == parsed.canonical and parsed.version and parsed.version not in key:
        key = f"{key} {parsed.version}"
    edition = _ITU_EDITION.search(written)
    if parsed.publisher.startswith("ITU") and edition:
        month, edition_year = edition.groups()
        if key == parsed.canonical and f"{month}/{edition_year}" not in key:
            key = f"{key} ({month}/{edition_year})"
        year = year or edition_year
    return key, year


def identify(ref: str) -> Identity:
    """Parse ``ref`` with the shared normalizer and derive the Standard key.

    Raises ``InvalidIdentifierError`` when the normalizer cannot read it.
    """
    variant = _IEC_VARIANT.search(ref)
    bare = ref[: variant.start()] if variant else ref
    parsed = parse_identifier(bare)
    key, year = edition_key(parsed, bare)
    if not key.strip():
        raise InvalidIdentifierError(f"empty canonical form for {ref!r}")
    amends = None
    if parsed.supplements:
        last = parsed.canonical.rfind("/" + parsed.supplements[-1])
        amends = parsed.canonical[:last] if last > 0 else None
    return Identity(
        key=key,
        work=parsed.work,
        publisher=parsed.publisher,
        publishers=publisher_bodies(parsed.publisher),
        year=year,
        version=parsed.version,
        rank_penalty=1 if variant or getattr(parsed, "variant", None) else 0,
        amends=amends,
    )
