"""The value object of the identifier normalizer and how it is written back as text.

Split from ``nlp.identifiers`` (which re-exports ``StandardId`` and ``IdentifierMatch``) so the
rendering rules of each family sit in one readable place: ``canonical``, ``work`` and
``edition_key`` are all produced here. The forms are documented in ``docs/identifiers.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

# --------------------------------------------------------------------------------------------
# The value object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardId:
    """A parsed standard identifier.

    The first seven fields are the contract of ``docs/architecture.md``. The extra fields
    (``stage``, ``variant``, ``alternates``, ``family``) carry what some families need so that
    ``canonical`` and ``edition_key`` can be rendered without re-parsing; they all have defaults.
    """

    publisher: str
    doctype: str | None
    number: str
    part: str | None = None
    year: str | None = None
    supplements: tuple[str, ...] = ()
    version: str | None = None
    #: ISO/IEC project stage of a draft: "DIS", "FDIS", "CD", "AWI", "DTS"...
    stage: str | None = None
    #: IEC publication variant that does not change the content: "RLV", "CSV", "SER", "EXV"...
    variant: str | None = None
    #: Other designations of the same ITU Recommendation ("L.1603" for Y.4903/L.1603).
    alternates: tuple[str, ...] = ()
    #: Rendering family: "iso", "itu", "etsi", "en", "bs", "bsi", "ieee", "astm", "nist", "cn",
    #: "ietf", "us", "onem2m", "india", "national", "found" (a family the text shows to be one).
    family: str = "iso"
    #: The year's separator as the text wrote it, for families with no catalogue of their own
    #: to set one ("AS 5488.1-2019", "SAE J3016:2021"); None is the family's usual one.
    year_sep: str | None = None
    #: What joins publisher and number in a "found" family ("NOM-008-ENER-2001").
    joint: str = " "
    #: A designation's tail after the year, the issuing ministry ("QCVN 06:2022/BXD").
    suffix: str | None = None

    # -- renderings ---------------------------------------------------------------------------

    @property
    def canonical(self) -> str:
        """The publication: work + year + supplements (never the ETSI/ITU/NIST version)."""
        return _render(self, with_year=True, with_supplements=True)

    @property
    def work(self) -> str:
        """The work across editions: no stage, year, supplements or version."""
        return _render(replace(self, stage=None), with_year=False, with_supplements=False)

    @property
    def versioned(self) -> str:
        """``canonical`` plus the version label, e.g. ``ETSI EN 303 645 V2.1.1``."""
        return _render_versioned(self)

    @property
    def edition_key(self) -> str:
        """Key of one catalogue row (one edition): ``versioned`` for families that publish
        versions (ETSI, ITU, NIST revisions), ``canonical`` for the others, where the year is
        already the edition."""
        return self.versioned


@dataclass(frozen=True)
class IdentifierMatch:
    """One identifier found in a text; ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    id: StandardId


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

# Draft stages whose name already contains the deliverable type.
STAGE_IMPLIES_DOCTYPE = {
    "DTR": "TR",
    "DTS": "TS",
    "DPAS": "PAS",
    "DGuide": "Guide",
    "PDTR": "TR",
    "PDTS": "TS",
    "FDTR": "TR",
    "FDTS": "TS",
}


def _render(sid: StandardId, *, with_year: bool, with_supplements: bool) -> str:
    renderer = _RENDERERS.get(sid.family, _render_iso)
    return renderer(sid, with_year, with_supplements)


def _iso_supplement_tail(supplements: tuple[str, ...]) -> str:
    """ISO writes ``/Amd 1:2024``; IEC consolidated versions are ``+Amd 1:2019`` (kept)."""
    return "".join(s if s.startswith("+") else "/" + s for s in supplements)


def _render_iso(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    qualifiers: list[str] = []
    if sid.stage:
        qualifiers.append(sid.stage)
    implied = STAGE_IMPLIES_DOCTYPE.get(sid.stage or "")
    if sid.doctype and sid.doctype != implied:
        qualifiers.append(sid.doctype)
    head = sid.publisher
    if qualifiers:
        # ISO alone writes its qualifiers after a slash ("ISO/TR 10013", "EN ISO/TR 16922"),
        # joint and IEC publications after a space ("ISO/IEC TR 10023", "IEC TR 60083").
        lone_iso = sid.publisher.split()[-1] == "ISO" and qualifiers[0] != "Guide"
        head += ("/" if lone_iso else " ") + " ".join(qualifiers)
    text = f"{head} {sid.number}"
    if sid.part:
        text += f"-{sid.part}"
    if with_year and sid.version:
        # Draft iteration: ISO/CD 10993-1.2 is the second committee draft, its own record.
        text += f".{sid.version}"
    if with_year and sid.year:
        text += f"{sid.year_sep or ':'}{sid.year}"
    if with_supplements:
        text += _iso_supplement_tail(sid.supplements)
    return text


def _render_found(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    """A family the grammar does not know, kept as the text writes it ("SIA 380/1:2016",
    "QCVN 06:2022/BXD", "NOM-008-ENER-2001")."""
    text = f"{sid.publisher}{sid.joint}{sid.number}"
    if with_year and sid.year:
        text += f"{sid.year_sep or ':'}{sid.year}{sid.suffix or ''}"
    return text


def _render_cn(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    text = f"{sid.publisher} {sid.number}"
    if sid.part:
        text += f".{sid.part}"
    if with_year and sid.year:
        text += f"-{sid.year}"
    return text


def _render_hyphen_year(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    """IEEE ("IEEE 2030-2011") and BSI PAS / BS ("BS 8904:2011") share the simple layout."""
    head = sid.publisher if not sid.doctype else f"{sid.publisher} {sid.doctype}"
    text = f"{head} {sid.number}"
    if sid.part:
        text += f"-{sid.part}"
    if with_year and sid.year:
        text += ("-" if sid.family in ("ieee", "astm") else ":") + sid.year
    if with_supplements:
        text += "".join(s if s.startswith("+") else "/" + s for s in sid.supplements)
    return text


def _render_nist(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    if sid.doctype == "FIPS":
        return f"FIPS {sid.number}"  # cited and catalogued as "FIPS 140-3", not "NIST FIPS"
    head = sid.publisher if not sid.doctype else f"{sid.publisher} {sid.doctype}"
    return f"{head} {sid.number}"


def _render_plain(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    """IETF ("IETF RFC 8446"), US bodies ("ANSI/UL 2900-2-3", "SAE J2735"), oneM2M
    ("oneM2M TS-0001") and Indian Standards ("IS 18000-1:2022", "IS/ISO 37120:2018")."""
    if sid.family == "onem2m":
        return f"oneM2M {sid.doctype}-{sid.number}"
    head = sid.publisher if not sid.doctype else f"{sid.publisher} {sid.doctype}"
    text = f"{head} {sid.number}"
    if sid.part:
        text += f"-{sid.part}"
    if with_year and sid.year:
        text += (sid.year_sep or ("-" if sid.family == "us" else ":")) + sid.year
    return text


def _render_etsi(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    text = f"ETSI {sid.doctype} {sid.number}"
    if sid.part:
        text += f"-{sid.part}"
    if with_supplements:
        text += "".join("/" + s for s in sid.supplements)
    return text


def _render_itu(sid: StandardId, with_year: bool, with_supplements: bool) -> str:
    if sid.doctype == "Question":
        return f"{sid.publisher} Question {sid.number}"
    if sid.doctype == "Handbook":
        return f"{sid.publisher} Handbook {sid.number}"
    text = f"{sid.publisher} {sid.number}"
    if sid.part:
        text += f" {sid.part}"
    if with_supplements and sid.supplements:
        text += " " + " ".join(sid.supplements)
    return text


_RENDERERS: dict[str, Callable[[StandardId, bool, bool], str]] = {
    "iso": _render_iso,
    "en": _render_iso,
    "cn": _render_cn,
    "ieee": _render_hyphen_year,
    "astm": _render_hyphen_year,
    "bs": _render_hyphen_year,
    "bsi": _render_hyphen_year,
    "nist": _render_nist,
    "etsi": _render_etsi,
    "itu": _render_itu,
    "ietf": _render_plain,
    "us": _render_plain,
    "onem2m": _render_plain,
    "india": _render_plain,
    "found": _render_found,
}


def _render_versioned(sid: StandardId) -> str:
    canonical = sid.canonical
    if not sid.version:
        return canonical
    if sid.family == "itu":
        if sid.doctype == "Question":
            number, _, group = sid.number.partition("/")
            return f"{sid.publisher} Question {number}-{sid.version}/{group}"
        if sid.publisher == "ITU-R" and sid.version.isdigit():
            return f"{_render_itu(sid, False, False)}-{sid.version}" + (
                " " + " ".join(sid.supplements) if sid.supplements else ""
            )
        base = f" ({sid.year})" if sid.supplements and sid.year else ""
        tail = " " + " ".join(sid.supplements) if sid.supplements else ""
        return f"{_render_itu(sid, False, False)}{base}{tail} ({sid.version})"
    if sid.family in ("iso", "en"):
        return canonical  # the draft iteration is already in canonical
    return f"{canonical} {sid.version}"
