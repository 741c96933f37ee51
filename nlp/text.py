"""Text helpers every part of stdkg agrees on: slugs (ids and keys), checksums, name folding.

Why one module: an id made from a title, the checksum that says "this text is unchanged" and
the folded form names are compared in must be computed the same way by extraction, ingestion
and evaluation, or the same document gets two ids and the same name two keys. Components of the
pipeline import these helpers; nothing here imports a component.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

#: Length of the hash suffix that keeps ASCII slugs of non-Latin titles apart.
SLUG_HASH_CHARS = 10
_NOT_WORD = re.compile(r"[^\w]+")


def _latin(value: str) -> tuple[str, bool]:
    """``value`` reduced to ASCII (accents dropped: "Stratégie" -> "Strategie"), and whether a
    letter or digit was lost on the way (Chinese, Arabic, Cyrillic... have no ASCII form)."""
    kept: list[str] = []
    lost = False
    for char in value:
        if char.isascii():
            kept.append(char)
            continue
        ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        if ascii_form:
            kept.append(ascii_form)
        elif char.isalnum():
            lost = True
        else:
            kept.append(" ")
    return "".join(kept), lost


def slugify(
    value: str, *, max_length: int = 80, fallback: str = "document", ascii_only: bool = False
) -> str:
    """A stable slug: NFKC, lower case, runs of anything but letters, digits and ``_`` turned
    into one hyphen ("Smart City Plan" -> "smart-city-plan").

    Keys (organizations, policies) keep every script's letters: "济宁市人民代表大会常务委员会"
    stays as it is. ``ascii_only`` is for document ids, which go into URLs and must match
    ``graph.policy_rows.DOC_ID_PATTERN``: accents are dropped ("Stratégie" -> "strategie"), and a
    title in a script without an ASCII form keeps whatever Latin part it has plus a short hash
    of the whole title, so two such titles never share an id ("城市标准化行动方案" ->
    "550f3c2aed", "GB/T 37043 智慧城市" -> "gb-t-37043-cfdd1e50d8"). ``fallback`` is only for
    a value with no letters or digits at all.
    """
    normal = unicodedata.normalize("NFKC", value).strip()
    if not ascii_only:
        slug = _NOT_WORD.sub("-", normal.lower()).strip("-_")
        return slug[:max_length].rstrip("-") or fallback
    latin, lost = _latin(normal)
    slug = _NOT_WORD.sub("-", latin.lower()).strip("-_")
    if lost:
        digest = hashlib.sha256(normal.casefold().encode("utf-8")).hexdigest()[:SLUG_HASH_CHARS]
        head = slug[: max_length - SLUG_HASH_CHARS - 1].rstrip("-_")
        return f"{head}-{digest}" if head else digest
    return slug[:max_length].rstrip("-_") or fallback


def document_id(value: str) -> str:
    """The id of a document named ``value`` (a file stem, a title): ``slugify`` in its ASCII
    form, which every script gets a distinct id from."""
    return slugify(value, ascii_only=True)


def text_digest(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 text: what makes a re-ingest of the same content a no-op, and
    what a gold file records to say which version of a text it labels."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checksum(text: str) -> str:
    """The checksum an extraction reports: ``"sha256:<text_digest>"``."""
    return "sha256:" + text_digest(text)


def normalize_name(name: str) -> str:
    """The form names are compared in (gazetteer aliases, fuzzy matching, policy titles, gold
    labels): NFKC, lower case, apostrophes unified, "&" read as "and", hyphens, slashes and other
    punctuation as spaces, single spaces, no leading "the"."""
    value = unicodedata.normalize("NFKC", name)
    value = value.replace("’", "'").replace("‘", "'").replace("&", " and ")
    value = re.sub(r"[-‐‑–—_/]+", " ", value.lower())
    value = re.sub(r"[^\w' ]+", " ", value)
    value = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", value).strip())
    return value


# A run of two or more words in capitals: letterheads and seals ("MINISTRY OF CONSTRUCTION").
# A capital letter of the Latin alphabets, accented ones included ("Ōtautahi", "Łódź",
# "Île-de-France"): a name's first letter in a character class (``re`` has no \p{Lu}).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
CAPS_RUN = re.compile(r"(?<![\w-])[A-Z][A-Z'’&-]+(?:[ \t]+[A-Z][A-Z'’&-]*){1,14}(?![\w-])")
_SMALL_WORDS = frozenset({"OF", "THE", "AND", "FOR", "ON", "IN", "TO"})


def readable_name(name: str) -> str:
    """A name written in capitals as a name is written in running text ("MINISTRY OF ECONOMY"
    -> "Ministry of Economy"); any other name unchanged."""
    if not name.isupper() or " " not in name.strip():
        return name
    words = name.split(" ")
    return " ".join(
        word.lower() if index and word in _SMALL_WORDS else word[:1] + word[1:].lower()
        for index, word in enumerate(words)
    )


def recased_capitals(text: str, runs: Iterable[re.Match[str]] | None = None) -> str:
    """``text`` with every run of words in capitals (or only ``runs``, matches of
    ``CAPS_RUN``) written as a name ("CITY OF HARLAN CREEK" -> "City of Harlan Creek"); same
    length, so offsets hold. For rules that read names by their capitalised words and joints."""
    pieces: list[str] = []
    last = 0
    for run in CAPS_RUN.finditer(text) if runs is None else runs:
        pieces += [text[last : run.start()], readable_name(run.group())]
        last = run.end()
    return "".join([*pieces, text[last:]])


def line_above(text: str, position: int, start: int = 0, window: int = 300) -> str:
    """The last non-empty line before ``position`` within ``window`` characters and not before
    ``start``: the title of a table or list that starts at ``position``."""
    for line in reversed(text[max(start, position - window) : position].splitlines()):
        if line.strip():
            return line
    return ""
