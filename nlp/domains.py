"""Domains: which part of the taxonomy (``corpus/domains.json``) each clause is about.

Why alias matching plus inheritance: the action plan's sections name their domain in the
heading ("(3) ... in the field of smart cities") and then enumerate sub-topics that rarely repeat
the domain's name, so a clause inherits the domains of its heading and its parents; alias hits in
the body add further domains with a lower score. The same taxonomy maps to ICS codes and ISO/IEC
committees, so catalogue standards can be classified with ``domains_for_ics`` /
``domains_for_committee`` / ``classify_text``.
"""

from __future__ import annotations

from collections import defaultdict

from nlp.gazetteers import domain_taxonomy
from nlp.spans import Clause, Component, Context, DomainMention

HEADING_SCORE = 1.0
BODY_SCORE = 0.6
INHERITED_FACTOR = 0.8


def detect_domains(ctx: Context) -> None:
    """Pipeline component: alias hits per clause plus the headings' domains inherited downwards."""
    taxonomy = domain_taxonomy()
    content_start, content_end = ctx.content
    heading_hits: dict[str, list[DomainMention]] = defaultdict(list)
    for match in taxonomy.matcher.finditer(ctx.text, content_start, content_end):
        clause = ctx.clause_at(match.start)
        in_heading = clause is not None and clause.start <= match.start < clause.end
        mention = DomainMention(
            surface=match.surface,
            start=match.start,
            end=match.end,
            canonical=match.key,
            clause=clause.id if clause else None,
            score=HEADING_SCORE if in_heading else BODY_SCORE,
        )
        ctx.domains.append(mention)
        if in_heading and clause is not None:
            heading_hits[clause.id].append(mention)
    by_id = {clause.id: clause for clause in ctx.clauses}
    for clause in ctx.clauses:
        if clause.id in heading_hits:
            continue
        inherited = _nearest_heading_hits(clause, by_id, heading_hits)
        seen: set[str] = set()
        for depth, mention in inherited:
            if mention.canonical in seen:
                continue
            seen.add(mention.canonical)
            ctx.domains.append(
                DomainMention(
                    surface=mention.surface,
                    start=mention.start,
                    end=mention.end,
                    canonical=mention.canonical,
                    clause=clause.id,
                    score=round(mention.score * INHERITED_FACTOR**depth, 3),
                )
            )
    ctx.domains.sort(key=lambda m: (m.start, m.clause or ""))


def _nearest_heading_hits(
    clause: Clause, by_id: dict[str, Clause], heading_hits: dict[str, list[DomainMention]]
) -> list[tuple[int, DomainMention]]:
    depth, parent_id = 1, clause.parent
    while parent_id is not None:
        if parent_id in heading_hits:
            return [(depth, mention) for mention in heading_hits[parent_id]]
        parent = by_id.get(parent_id)
        parent_id = parent.parent if parent else None
        depth += 1
    return []


COMPONENT = Component(
    name="domains",
    run=detect_domains,
    reads=("text", "document.content", "clauses"),
    writes=("domains",),
)
