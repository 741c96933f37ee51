"""Exact alias matching against the project's gazetteers (organizations, policies, domains).

Why one compiled regular expression per gazetteer: the alternatives are tried longest first, so
"National Standardization Administration Committee" wins over "Standardization Administration",
and one pass over a 25 KB text costs milliseconds. Matchers are built once per process
(``functools.lru_cache``). Rules that keep exact matching exact:

- multi-word or long names match case-insensitively with whitespace and hyphen variants;
- short all-caps abbreviations ("SAC", "MEE", "UN") match case-sensitively, so "mee" in
  "Source:mee" or "un" inside words never fire;
- Latin aliases need word boundaries; CJK aliases do not (Chinese has no spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff《》]")


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    surface: str
    key: str


def normalize_name(name: str) -> str:
    """Lower-case, unify apostrophes/hyphens/ampersands and spaces: the form fuzzy matching and
    alias lookup compare."""
    value = name.replace("’", "'").replace("‘", "'").replace("&", " and ")
    value = re.sub(r"[-‐‑–—_/]+", " ", value.lower())
    value = re.sub(r"[^\w' ]+", " ", value)
    value = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", value).strip())
    return value


def _is_abbreviation(alias: str) -> bool:
    return len(alias) <= 8 and " " not in alias and any(ch.isupper() for ch in alias) and (
        alias.upper() == alias or sum(ch.isupper() for ch in alias) >= 2
    )


def _alias_pattern(alias: str) -> str:
    """Regex for one alias: flexible whitespace, hyphen/space and apostrophe variants."""
    parts = []
    for char in alias:
        if char.isspace():
            parts.append(r"[\s\u00a0]+")
        elif char in "-‐‑–":
            parts.append(r"[-‐‑–\s]?")
        elif char in "'’":
            parts.append(r"['’]")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    if _CJK.search(alias):
        return body
    # Abbreviations must not be glued to a slash either: "EC" in "94/9/EC" is not a body.
    abbreviation = _is_abbreviation(alias)
    left = (r"(?<![\w/])" if abbreviation else r"(?<!\w)") if alias[0].isalnum() else ""
    right = (r"(?![\w/])" if abbreviation else r"(?!\w)") if alias[-1].isalnum() else ""
    return left + body + right


class AliasMatcher:
    """Find every alias of a gazetteer in a text; leftmost, then longest match wins."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.key_of: dict[str, str] = {}
        sensitive: list[str] = []
        insensitive: list[str] = []
        for key, aliases in entries:
            for alias in aliases:
                alias = alias.strip()
                if not alias:
                    continue
                self.key_of.setdefault(normalize_name(alias), key)
                (sensitive if _is_abbreviation(alias) else insensitive).append(alias)
        self._sensitive = self._compile(sensitive, 0)
        self._insensitive = self._compile(insensitive, re.IGNORECASE)

    @staticmethod
    def _compile(aliases: list[str], flags: int) -> re.Pattern[str] | None:
        if not aliases:
            return None
        unique = sorted(set(aliases), key=lambda alias: (-len(alias), alias))
        # A lookahead finds a match at every position, so a short alias that starts earlier
        # ("THE COUNCIL") cannot hide a longer one inside it ("COUNCIL OF THE EUROPEAN UNION");
        # overlaps are settled afterwards, longest first.
        body = "|".join(_alias_pattern(alias) for alias in unique)
        return re.compile(f"(?=(?P<alias>{body}))", flags)

    def lookup(self, surface: str) -> str | None:
        """The key of an exact alias (after normalization), else None."""
        return self.key_of.get(normalize_name(surface))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[GazetteerMatch]:
        stop = len(text) if end is None else end
        found: list[GazetteerMatch] = []
        for pattern in (self._insensitive, self._sensitive):
            if pattern is None:
                continue
            for match in pattern.finditer(text, start, stop):
                surface = match.group("alias")
                m_start, m_end = match.start("alias"), match.end("alias")
                if m_end > stop:
                    continue
                key = self.lookup(surface)
                if key is None:
                    continue
                article = re.match(r"(?i)the\s+", surface)
                if article and len(surface) - article.end() >= 3:  # the span leaves out "the"
                    m_start += article.end()
                    surface = surface[article.end() :]
                found.append(GazetteerMatch(m_start, m_end, surface, key))
        yield from remove_overlaps(found)


def remove_overlaps(matches: list[GazetteerMatch]) -> list[GazetteerMatch]:
    """Keep the longest of overlapping matches (then the leftmost)."""
    chosen: list[GazetteerMatch] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= other.start or match.start >= other.end for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
