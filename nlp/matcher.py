"""Exact alias matching against the project's gazetteers (organizations, policies, domains).

Why longest match: "National Standardization Administration Committee" must win over
"Standardization Administration" inside it. Matchers are built once per process (the callers
cache them). Rules that keep exact matching exact:

- names match case-insensitively, word by word, with any spaces or hyphens between words;
- short all-caps abbreviations ("SAC", "MEE", "UN") match case-sensitively, so "mee" in
  "Source:mee" never fires, and never when glued to a slash ("EC" in "94/9/EC");
- Latin aliases match whole words; CJK aliases match anywhere (Chinese has no spaces).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nlp.text import normalize_name

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff《》]")
# Latin words (with an inner apostrophe: "People's"), "&" which reads as "and", and a comma, so
# that a name with a list inside ("Department for Science, Innovation and Technology") matches
# only where the text has the comma too ("CEN, CENELEC" is not the alias "CEN-CENELEC").
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&|,")
# What may stand between two words of one name: spaces, hyphens and a slash ("UN/CEFACT").
_JOINER = re.compile(r"[\s\u00a0\-‐‑–/]*")


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    surface: str
    key: str


def _is_abbreviation(alias: str) -> bool:
    return (
        len(alias) <= 8
        and " " not in alias
        and any(ch.isupper() for ch in alias)
        and (alias.upper() == alias or sum(ch.isupper() for ch in alias) >= 2)
    )


def _possessive_stem(word: str) -> str:
    """ "CPC's" -> "CPC"; a word without a possessive ending is returned unchanged."""
    return word[:-2] if len(word) > 3 and word[-2:] in ("'s", "’s") else word


def _token_key(words: Iterable[str]) -> str:
    return " ".join(_word_key(w) for w in words)


def _word_key(word: str) -> str:
    """The lookup key of one word: "&" is "and", case and curly apostrophes folded."""
    if word == "&":
        return "and"
    folded = word.lower()
    return folded.replace("’", "'") if "’" in folded else folded


@functools.lru_cache(maxsize=2048)
def _tokens(text: str, start: int, stop: int) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The words of ``text[start:stop]`` with offsets, and their lookup keys. Cached: every
    gazetteer's matcher, and several components, ask for the same span in turn (on a 1 MB text
    tokenizing was a fifth of the extraction); 2,048 spans hold every clause of a 1 MB text
    between the components that ask. Callers must not modify the lists."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]
    return tokens, [_word_key(word) for _, _, word in tokens]


class AliasMatcher:
    """Find every alias of a gazetteer in a text; overlaps are settled longest first.

    Why word n-grams and not one big regular expression: a regex alternation of a few hundred
    names is tried at every character and costs most of a second on a 25 KB text; looking up
    the n-grams that start at each word in a dict costs milliseconds. CJK names (no spaces) are
    found with ``str.find``.
    """

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.key_of: dict[str, str] = {}
        self._words: dict[str, str] = {}  # case-insensitive, word-joined key -> gazetteer key
        self._exact: dict[str, str] = {}  # abbreviations, matched with their case
        self._cjk: dict[str, str] = {}
        self._prefixes: set[str] = set()  # every word-joined prefix of an alias: stop early
        self._max_words = 1
        for key, aliases in entries:
            for alias in aliases:
                alias = alias.strip()
                if not alias:
                    continue
                self.key_of.setdefault(normalize_name(alias), key)
                if _CJK.search(alias):
                    self._cjk.setdefault(alias, key)
                elif _is_abbreviation(alias):
                    self._exact.setdefault(alias, key)
                else:
                    words = _TOKEN.findall(alias)
                    if words:
                        self._words.setdefault(_token_key(words), key)
                        self._max_words = max(self._max_words, len(words))
                        for size in range(1, len(words)):
                            self._prefixes.add(_token_key(words[:size]))

    def lookup(self, surface: str) -> str | None:
        """The key of an exact alias (after normalization), else None."""
        return self.key_of.get(normalize_name(surface))

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[GazetteerMatch]:
        stop = len(text) if end is None else end
        found: list[GazetteerMatch] = []
        tokens, folded = _tokens(text, start, stop)
        exact, words, prefixes = self._exact, self._words, self._prefixes
        count = len(tokens)
        for index in range(count):
            t_start, t_end, word = tokens[index]
            if word in exact:
                if self._free(text, t_start, t_end):
                    found.append(GazetteerMatch(t_start, t_end, word, exact[word]))
            elif word[-2:] in ("'s", "’s"):
                stem = _possessive_stem(word)
                if stem in exact and self._free(text, t_start, t_end):
                    found.append(GazetteerMatch(t_start, t_start + len(stem), stem, exact[stem]))
            # the word n-grams starting here, longest alias first is settled later; stop as
            # soon as the words so far begin no alias (most words begin none)
            joined = ""
            for last in range(index, min(count, index + self._max_words)):
                if last > index:
                    if joined not in prefixes or not _JOINER.fullmatch(
                        text, tokens[last - 1][1], tokens[last][0]
                    ):
                        break
                    joined += " " + folded[last]
                else:
                    joined = folded[last]
                key = words.get(joined)
                if (
                    key is not None
                    and last == index + 1
                    and folded[index] == "the"
                    and not text[tokens[last][0]].isupper()
                ):
                    key = None  # "the Council" names a body, "the council" is any council
                if key is not None:
                    found.append(self._match(text, t_start, tokens[last][1], key))
                elif joined[-2:] == "'s":
                    # "the CPC's Recommendations": the name is the word without its possessive
                    key = words.get(joined[:-2])
                    if key is not None:
                        found.append(self._match(text, t_start, tokens[last][1] - 2, key))
        # CJK names only where the span has a CJK character (most English spans have none)
        cjk = self._cjk if _CJK.search(text, start, stop) else {}
        for alias, key in cjk.items():
            position = text.find(alias, start, stop)
            while position >= 0:
                found.append(GazetteerMatch(position, position + len(alias), alias, key))
                position = text.find(alias, position + 1, stop)
        yield from remove_overlaps(found)

    @staticmethod
    def _free(text: str, start: int, end: int) -> bool:
        """An abbreviation is not the tail of a number ("EC" in "94/9/EC"); "IETF/IAB" is fine."""
        before = text[max(0, start - 2) : start]
        return not (before.endswith("/") and before[:1].isdigit())

    @staticmethod
    def _match(text: str, start: int, end: int, key: str) -> GazetteerMatch:
        surface = text[start:end]
        article = re.match(r"(?i)the\s+", surface)
        if article and len(surface) - article.end() >= 3:  # the span leaves out "the"
            start += article.end()
            surface = surface[article.end() :]
        return GazetteerMatch(start, end, surface, key)


def remove_overlaps(matches: list[GazetteerMatch]) -> list[GazetteerMatch]:
    """Keep the longest of overlapping matches (then the leftmost).

    The kept matches never overlap, so a candidate only needs checking against its neighbours
    in start order (bisect): n log n, where comparing with every kept match was quadratic
    (27 s on a 1 MB text with 7,000 domain hits)."""
    starts: list[int] = []
    chosen: list[GazetteerMatch] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        index = bisect.bisect_right(starts, match.start)
        if index > 0 and chosen[index - 1].end > match.start:
            continue
        if index < len(chosen) and chosen[index].start < match.end:
            continue
        starts.insert(index, match.start)
        chosen.insert(index, match)
    return chosen
