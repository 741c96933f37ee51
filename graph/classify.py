"""Place standards in the project's domains (``corpus/domains.json``).

Why three signals: ICS codes are the publishers' own subject classification but coarse (a
smart-city data model and a tax form share 35.240); committees say who wrote it, which is
precise for TC 268 or TC 292 but silent for generic committees; title words catch what both
miss. ``IN_DOMAIN.via`` records which signals fired and ``score`` sums their weights, so gap
analysis can choose how strict to be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

VIA_WEIGHTS = {"ics": 0.5, "committee": 0.4, "text": 0.3}


@dataclass(frozen=True)
class Domain:
    key: str
    ics: tuple[str, ...]
    committees: tuple[str, ...]
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class DomainHit:
    domain: str
    via: tuple[str, ...]
    score: float


def compile_domains(entries: Iterable[dict[str, Any]]) -> list[Domain]:
    """Domains from the corpus JSON; the aliases (and the name) become one word-bounded,
    case-insensitive pattern per domain."""
    domains = []
    for entry in entries:
        phrases = [entry.get("name", ""), *entry.get("aliases", [])]
        words = sorted(
            {phrase.strip().lower() for phrase in phrases if phrase and len(phrase.strip()) >= 4},
            key=len,
            reverse=True,
        )
        pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
            if words
            else None
        )
        domains.append(
            Domain(
                entry["key"],
                tuple(entry.get("ics", ())),
                tuple(entry.get("committees", ())),
                pattern,
            )
        )
    return domains


def _ics_match(codes: Sequence[str], domain_codes: Sequence[str]) -> bool:
    """A standard's code is in a domain when it equals or lies under one of its codes."""
    return any(
        code == wanted or code.startswith(wanted + ".") for code in codes for wanted in domain_codes
    )


def _committee_match(committee: str | None, domain_committees: Sequence[str]) -> bool:
    if not committee:
        return False
    return any(
        committee == wanted or committee.startswith(wanted + "/") for wanted in domain_committees
    )


def classify(
    *,
    ics: Sequence[str],
    committee: str | None,
    title: str | None,
    keywords: Sequence[str],
    domains: Sequence[Domain],
) -> list[DomainHit]:
    """The domains a standard belongs to, with the signals that put it there."""
    text = " ".join([title or "", *keywords])
    hits = []
    for domain in domains:
        via = []
        if _ics_match(ics, domain.ics):
            via.append("ics")
        if _committee_match(committee, domain.committees):
            via.append("committee")
        if domain.pattern is not None and text.strip() and domain.pattern.search(text):
            via.append("text")
        if via:
            score = min(1.0, sum(VIA_WEIGHTS[name] for name in via))
            hits.append(DomainHit(domain.key, tuple(via), round(score, 2)))
    return hits
