"""Presentation helpers of the HTML pages: the neighbourhood picture of a standard, badges,
anchors. Pure functions over the API's own models, so they are tested without a server.

Why the picture is laid out here (server-side SVG) rather than by a JavaScript graph library:
a standard's neighbourhood is small (editions, citations, committee, domains, policies), a
fixed radial layout reads well at that size, and the page then needs no script and no
download to show it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import quote

from api.schemas import StandardDetail, StandardSummary

#: Relation groups of the neighbourhood picture: (group, label, colour). The colours are the
#: Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); every edge
#: also carries its label, so colour is never the only cue.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("replaces", "replaces", "#0072B2"),
    ("replaced_by", "replaced by", "#0072B2"),
    ("amends", "amends", "#56B4E9"),
    ("amended_by", "amended by", "#56B4E9"),
    ("part_of", "part of", "#009E73"),
    ("parts", "has part", "#009E73"),
    ("cites", "cites", "#E69F00"),
    ("cited_by", "cited by", "#D55E00"),
    ("committee", "committee", "#555555"),
    ("domain", "domain", "#CC79A7"),
    ("policy", "mentioned in", "#000000"),
)
GROUP_COLOURS = {group: colour for group, _, colour in GROUPS}
GROUP_LABELS = {group: label for group, label, _ in GROUPS}
MAX_NEIGHBOURS = 22
WIDTH, HEIGHT = 760, 420


@dataclass(frozen=True)
class Node:
    group: str
    label: str
    title: str
    href: str | None
    x: float = 0.0
    y: float = 0.0

    @property
    def colour(self) -> str:
        return GROUP_COLOURS.get(self.group, "#555555")

    @property
    def relation(self) -> str:
        return GROUP_LABELS.get(self.group, self.group)

    @property
    def anchor(self) -> str:
        """SVG text-anchor that keeps the label away from the centre."""
        return "start" if self.x >= WIDTH / 2 else "end"

    @property
    def label_dx(self) -> float:
        return 10.0 if self.anchor == "start" else -10.0

    @property
    def label_dy(self) -> float:
        """Offset of the first of the label's two lines (relation, then name)."""
        return -3.0


@dataclass(frozen=True)
class Neighbourhood:
    centre: Node
    nodes: list[Node]
    omitted: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def legend(self) -> list[tuple[str, str]]:
        seen = dict.fromkeys(node.group for node in self.nodes)
        return [(GROUP_LABELS[g], GROUP_COLOURS[g]) for g in seen]


def standard_href(ref: str | None) -> str | None:
    return None if not ref else "/ui/standards/" + quote(ref, safe="")


def document_href(doc_id: str | None) -> str | None:
    return None if not doc_id else "/ui/documents/" + quote(doc_id, safe="")


def short(text: str | None, limit: int = 28) -> str:
    value = " ".join((text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def neighbourhood(detail: StandardDetail) -> Neighbourhood:
    """The standard in the middle, its neighbours on an ellipse grouped by relation (at most
    ``MAX_NEIGHBOURS``; the rest are counted, and listed in the page's tables)."""
    candidates: list[Node] = []

    def add_standards(group: str, items: list[StandardSummary]) -> None:
        for item in items:
            if item.key == detail.key:
                continue
            candidates.append(
                Node(
                    group,
                    short(item.ref or item.key, 22),
                    item.title or ("series" if item.family else "not in the catalogue"),
                    standard_href(item.key) if item.in_catalogue and not item.family else None,
                )
            )

    add_standards("replaces", detail.replaces)
    add_standards("replaced_by", detail.replaced_by)
    add_standards("amends", detail.amends)
    add_standards("amended_by", detail.amended_by)
    add_standards("part_of", detail.part_of)
    add_standards("parts", detail.parts)
    if detail.committee is not None:
        candidates.append(
            Node(
                "committee",
                detail.committee.ref,
                detail.committee.title or "",
                "/?q="
                + quote(detail.committee.title or detail.committee.ref)
                + "&kind=standard&committee="
                + quote(detail.committee.ref),
            )
        )
    for domain in detail.domains:
        candidates.append(
            Node(
                "domain", short(domain.name or domain.key, 22), domain.key, _domain_href(domain.key)
            )
        )
    policies: dict[str, str] = {}
    for mention in detail.mentioned_in:
        if mention.doc_id and mention.doc_id not in policies:
            policies[mention.doc_id] = mention.doc_title or mention.doc_id
    for doc_id, title in policies.items():
        candidates.append(Node("policy", short(title, 22), title, document_href(doc_id)))
    add_standards("cites", detail.cites)
    add_standards("cited_by", detail.cited_by)

    shown = _balanced(candidates, MAX_NEIGHBOURS)
    placed = _place(shown)
    centre = Node(
        "centre",
        short(detail.ref or detail.key, 30),
        detail.title or "",
        None,
        WIDTH / 2,
        HEIGHT / 2,
    )
    return Neighbourhood(centre=centre, nodes=placed, omitted=len(candidates) - len(shown))


def _domain_href(key: str) -> str:
    return "/ui/gaps?domain=" + quote(key)


def _balanced(candidates: list[Node], limit: int) -> list[Node]:
    """At most ``limit`` nodes, taken round-robin over the groups so one long list (cited by)
    cannot crowd out the revision chain or the policies; group order is kept."""
    if len(candidates) <= limit:
        return candidates
    by_group: dict[str, list[Node]] = {}
    for node in candidates:
        by_group.setdefault(node.group, []).append(node)
    chosen: set[int] = set()
    while len(chosen) < limit:
        progressed = False
        for nodes in by_group.values():
            for node in nodes:
                if id(node) not in chosen:
                    chosen.add(id(node))
                    progressed = True
                    break
            if len(chosen) >= limit:
                break
        if not progressed:
            break
    return [node for node in candidates if id(node) in chosen]


def _place(nodes: list[Node]) -> list[Node]:
    """Two columns on a flattened ellipse around the centre: the first half of the nodes on
    the right, top to bottom, the rest on the left, evenly spaced so two-line labels never
    collide; labels point outwards."""
    if not nodes:
        return []
    right = (len(nodes) + 1) // 2
    sides = [(nodes[:right], 1), (nodes[right:], -1)]
    centre_x, centre_y = WIDTH / 2, HEIGHT / 2
    inner, outer, margin = 115.0, 185.0, 26.0
    placed = []
    for side_nodes, direction in sides:
        count = len(side_nodes)
        for index, node in enumerate(side_nodes):
            y = margin + (index + 0.5) * (HEIGHT - 2 * margin) / count
            spread = (y - centre_y) / (HEIGHT / 2 - margin)
            x = centre_x + direction * (
                inner + (outer - inner) * math.sqrt(max(0.0, 1 - spread * spread))
            )
            placed.append(
                Node(node.group, node.label, node.title, node.href, round(x, 1), round(y, 1))
            )
    return placed


_NOT_ANCHOR = re.compile(r"[^A-Za-z0-9_-]+")


def clause_anchor(key: str) -> str:
    """An HTML id for a clause key (``<doc id>#<clause id>``)."""
    return "clause-" + _NOT_ANCHOR.sub("-", key.split("#", 1)[-1]).strip("-")


def status_class(status: str | None) -> str:
    return {
        "current": "current",
        "withdrawn": "withdrawn",
        "development": "development",
        "covered": "covered",
        "partial": "partial",
        "gap": "gap",
    }.get((status or "").lower(), "unknown")


#: The heatmap's diverging scale: light vermillion (all gaps) through white (half covered) to
#: light blue (all covered). Blue/orange stays distinguishable with red-green colour-vision
#: deficiencies, and the cells print their shares as text as well.
HEAT_GAP, HEAT_MID, HEAT_COVERED = (244, 177, 131), (247, 247, 247), (143, 193, 227)


def heat_colour(covered_share: float, partial_share: float) -> str:
    """Background of a heatmap cell; a partial requirement counts half."""
    t = max(0.0, min(1.0, covered_share + partial_share / 2))
    low, high, f = (
        (HEAT_GAP, HEAT_MID, t / 0.5) if t < 0.5 else (HEAT_MID, HEAT_COVERED, (t - 0.5) / 0.5)
    )
    return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(low, high, strict=True))
