"""The project's gazetteers, loaded once from ``corpus/``: organizations, policies, domains.

Why a module of their own: several components look names up in the same lists (the title
finder asks whether a line is only an organization, the issuer finder whether a line names
bodies, the requirement finder which domain a topic is in). They all import the gazetteers from
here, so no component imports another. Matching machinery is in ``nlp.matcher``; the folded
form of names in ``nlp.text.normalize_name``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from corpus import load_json
from nlp.intervals import span_index
from nlp.matcher import AliasMatcher, GazetteerMatch, remove_overlaps
from nlp.text import normalize_name

# --- organizations (corpus/organizations.json) -------------------------------------------------
ORGANIZATION_FUZZY_THRESHOLD = 92.0
_ORG_HEAD = (
    r"(?:Ministry|Commission|Committee|Administration|Bureau|Office|Agency|Council|"
    r"Department|Institute|Institution|Organi[sz]ation|Association|Authority|Federation|"
    r"Academy|Service)"
)
_CAP = r"(?:[A-Z][\w'’-]*)"
_LINK = r"(?:of|and|for|on|the|&)"
# Capitalised phrases built around an organization head noun: fuzzy-match candidates.
_CANDIDATE = re.compile(
    rf"(?<![\w-])(?:{_CAP}\s+(?:(?:{_CAP}|{_LINK})\s+){{0,6}})?{_ORG_HEAD}"
    rf"(?:\s+(?:of|for|on)(?:\s+(?:the|and|&|{_CAP})){{1,8}})?"
)
_GENERIC_HEAD = re.compile(
    r"^(?:the\s+)?(?:ministry|department|bureau|office|commission|"
    r"committee|administration)\s+(?:of|for)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Organization:
    key: str
    name: str
    abbreviation: str | None
    kind: str
    country: str | None


class OrganizationGazetteer:
    """The organizations of ``corpus/organizations.json``, with their matchers."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.by_key: dict[str, Organization] = {}
        alias_entries: list[tuple[str, list[str]]] = []
        self.portfolio: dict[str, str] = {}
        self._portfolios_by_key: dict[str, list[str]] = {}
        self._fuzzy_names: list[str] = []
        self._fuzzy_keys: list[str] = []
        for entry in entries:
            key = entry["key"]
            self.by_key[key] = Organization(
                key,
                entry["name"],
                entry.get("abbreviation"),
                entry.get("kind", "organization"),
                entry.get("country"),
            )
            names = [entry["name"], *entry.get("aliases", [])]
            if entry.get("abbreviation"):
                names.append(entry["abbreviation"])
            alias_entries.append((key, names))
            for name in names:
                if len(name) > 12 and " " in name:  # full names only: abbreviations never fuzzy
                    self._fuzzy_names.append(normalize_name(name))
                    self._fuzzy_keys.append(key)
            for short in entry.get("portfolio", []):
                self.portfolio.setdefault(normalize_name(short), key)
            self._portfolios_by_key[key] = list(entry.get("portfolio", []))
        self.matcher = AliasMatcher(alias_entries)

    def portfolios_of(self, key: str) -> list[str]:
        """The portfolios a ministry is named by, its usual one first ("Market Regulation")."""
        return self._portfolios_by_key.get(key, [])

    def fuzzy_key(self, surface: str) -> str | None:
        """The key of the known name closest to ``surface`` if it is close enough."""
        name = normalize_name(surface)
        if len(name) < 10:
            return None
        best = process.extractOne(
            name, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=ORGANIZATION_FUZZY_THRESHOLD
        )
        if best is None:
            return None
        if fuzz.token_sort_ratio(name, best[0]) < ORGANIZATION_FUZZY_THRESHOLD:
            return None
        return self._fuzzy_keys[best[2]]

    def resolve(self, surface: str, *, allow_portfolio: bool = False) -> str | None:
        """Key for a name: exact alias, then (in signatory lists) the bare portfolio
        ("Civil affairs", "Department of Emergency Management"), then fuzzy."""
        key = self.matcher.lookup(surface)
        if key:
            return key
        if allow_portfolio:
            portfolio = normalize_name(_GENERIC_HEAD.sub("", surface.strip()))
            if portfolio in self.portfolio:
                return self.portfolio[portfolio]
        return self.fuzzy_key(surface)

    def find(self, text: str, start: int, end: int) -> list[GazetteerMatch]:
        """Exact alias matches plus fuzzy matches of organization-like phrases in between."""
        exact = list(self.matcher.finditer(text, start, end))
        found = list(exact)
        exact_spans = span_index((m.start, m.end) for m in exact)
        for candidate in _CANDIDATE.finditer(text, start, end):
            c_start, c_end = candidate.span()
            if text[c_start : c_start + 4].lower() == "the ":
                c_start += 4
            overlapping = [s for s, _, _ in exact_spans.overlapping(c_start, c_end)]
            if overlapping:
                # keep only the part before a known name: "Ministry of X and the <known>"
                c_end = min(overlapping)
                tail = re.search(r"(?:[\s,]+(?:and|the|of|&))*[\s,]*$", text[c_start:c_end])
                c_end = c_start + (tail.start() if tail else c_end - c_start)
                if c_end - c_start < 10 or not re.search(_ORG_HEAD, text[c_start:c_end]):
                    continue
            surface = text[c_start:c_end]
            key = self.fuzzy_key(surface)
            if key:
                found.append(GazetteerMatch(c_start, c_end, surface, key))
        return remove_overlaps(found)


@lru_cache(maxsize=1)
def organization_gazetteer() -> OrganizationGazetteer:
    return OrganizationGazetteer(load_json("organizations.json"))


# --- policies (corpus/policies.json) ----------------------------------------------------------
POLICY_FUZZY_THRESHOLD = 90.0
_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True)
class Policy:
    key: str
    title: str
    type: str


# The year written after a title: "... Act of 1995", "... Act, 2005", "... Act 2019".
TITLE_YEAR = re.compile(r"(?:,|[ \t]+of)?[ \t]+(?:19|20)\d\d$")


class PolicyGazetteer:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.by_key = {e["key"]: Policy(e["key"], e["title"], e["type"]) for e in entries}
        self.matcher = AliasMatcher(
            (e["key"], [e["title"], *e.get("aliases", [])]) for e in entries
        )
        self._names: list[str] = []
        self._keys: list[str] = []
        for entry in entries:
            for alias in [entry["title"], *entry.get("aliases", [])]:
                if len(alias) >= 15:
                    self._names.append(normalize_name(alias))
                    self._keys.append(entry["key"])

    def resolve(self, title: str) -> str | None:
        # "the Americans with Disabilities Act of 1990" is the act the gazetteer names without
        # its year
        key = self.matcher.lookup(title) or self.matcher.lookup(TITLE_YEAR.sub("", title))
        if key:
            return key
        name = normalize_name(title)
        if len(name) < 15:
            return None
        best = process.extractOne(
            name, self._names, scorer=fuzz.ratio, score_cutoff=POLICY_FUZZY_THRESHOLD
        )
        if not best or _NUMBERS.findall(name) != _NUMBERS.findall(best[0]):
            return None  # "Regulation 305/2011" is one digit edit from "1025/2012", not it
        return self._keys[best[2]]


@lru_cache(maxsize=1)
def policy_gazetteer() -> PolicyGazetteer:
    return PolicyGazetteer(load_json("policies.json"))


# --- domains (corpus/domains.json) ------------------------------------------------------------
@dataclass(frozen=True)
class Domain:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...]
    ics: tuple[str, ...]
    committees: tuple[str, ...]


class DomainTaxonomy:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.by_key = {
            e["key"]: Domain(
                e["key"],
                e["name"],
                e.get("description", ""),
                tuple(e.get("aliases", [])),
                tuple(e.get("ics", [])),
                tuple(e.get("committees", [])),
            )
            for e in entries
        }
        self.matcher = AliasMatcher((d.key, [d.name, *d.aliases]) for d in self.by_key.values())

    def classify_text(self, text: str) -> list[tuple[str, float]]:
        """Domains named in a short text (a title, a topic), best first, by alias length."""
        scores: dict[str, float] = defaultdict(float)
        for match in self.matcher.finditer(text):
            scores[match.key] += len(match.surface)
        total = sum(scores.values()) or 1.0
        return sorted(
            ((k, round(v / total, 3)) for k, v in scores.items()), key=lambda item: -item[1]
        )

    def domains_for_ics(self, code: str) -> list[str]:
        """Domains whose ICS codes equal ``code`` or are a broader code of it."""
        return [
            d.key
            for d in self.by_key.values()
            if any(code == c or code.startswith(c + ".") for c in d.ics)
        ]

    def domains_for_committee(self, reference: str) -> list[str]:
        """Domains served by a committee or any of its parents ("ISO/TC 268/SC 1")."""
        return [
            d.key
            for d in self.by_key.values()
            if any(reference == c or reference.startswith(c + "/") for c in d.committees)
        ]


@lru_cache(maxsize=1)
def domain_taxonomy() -> DomainTaxonomy:
    return DomainTaxonomy(load_json("domains.json"))
