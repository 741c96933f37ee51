"""Requirement domains from what the topic and its clause mean, not only from the words they share
with the taxonomy.

Why: the requirements component gives a topic the domain its clause heading names, else a domain
whose alias the topic contains ("smart parking" names transport). A plan's headings name the
twelve domains of the action plan; other texts' headings ("Area B - Digital twins", "Article 4")
name none, and most topics ("hurricane shutter performance", "megawatt charging connectors")
contain no alias. On the labelled topics of the older gold sets the rule gets one in three right
(`stdkg eval domains`).

The model is a nearest centroid over sentence embeddings: each domain's centroid is the mean of
the embeddings of its labelled examples (topic plus clause, the two vectors ingestion computes
anyway), shrunk towards the embedding of the domain's description so a domain with few examples
still has a place. The rule's domain, where it gives one, gets a small bonus: a heading that
names a domain is strong evidence. Centroids are data (``corpus/domain_centroids.json``, written
by ``stdkg eval domains --export`` from the gold sets, without the held-out set that measures it)
and belong to one embedding model; with another model the rule's domain stands.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus import corpus_path, load_json

log = logging.getLogger(__name__)

CENTROIDS_FILE = "domain_centroids.json"
#: Added to the cosine of the domain the rules chose (chosen on the older gold sets, leave one
#: set out: 0.05 keeps a heading's domain when the meaning is close, not when it is far).
RULE_BONUS = 0.05
#: How many examples the description weighs when a centroid is built.
DESCRIPTION_WEIGHT = 3.0

Vector = Sequence[float]


def _normalized(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm > 0 else [0.0 for _ in vector]


def combine(topic: Vector, clause: Vector | None) -> list[float]:
    """The text a domain is read from: the topic and its clause, weighed alike."""
    if clause is None:
        return _normalized(topic)
    return _normalized([a + b for a, b in zip(topic, clause, strict=True)])


@dataclass(frozen=True)
class DomainModel:
    """Nearest-centroid domains for one embedding model."""

    model: str
    centroids: dict[str, list[float]]

    def classify(self, topic: Vector, clause: Vector | None, rule_domain: str | None) -> str | None:
        """The best domain for a topic (with its clause), or the rule's when the vectors are
        empty (a stubbed embedder)."""
        if not any(topic):
            return rule_domain
        point = combine(topic, clause)
        best: tuple[float, str] | None = None
        for key, centroid in self.centroids.items():
            score = sum(a * b for a, b in zip(point, centroid, strict=True))
            if key == rule_domain:
                score += RULE_BONUS
            if best is None or score > best[0]:
                best = (score, key)
        return best[1] if best else rule_domain

    @classmethod
    def fit(
        cls,
        model: str,
        examples: Sequence[tuple[Vector, Vector | None, str]],
        descriptions: Mapping[str, Vector],
    ) -> DomainModel:
        """Centroids from labelled (topic vector, clause vector, domain) examples and the
        domains' description vectors."""
        sums = {
            key: [DESCRIPTION_WEIGHT * x for x in vector] for key, vector in descriptions.items()
        }
        for topic, clause, domain in examples:
            if domain not in sums:
                continue
            point = combine(topic, clause)
            sums[domain] = [a + b for a, b in zip(sums[domain], point, strict=True)]
        return cls(model, {key: _normalized(total) for key, total in sums.items()})

    def to_dict(self) -> dict[str, object]:
        return {
            "model": self.model,
            "centroids": {k: [round(x, 6) for x in v] for k, v in self.centroids.items()},
        }


@lru_cache(maxsize=4)
def load_domain_model(model: str) -> DomainModel | None:
    """The shipped centroids when they belong to ``model`` (the embedding model's name)."""
    if not corpus_path(CENTROIDS_FILE).is_file():
        return None
    data = load_json(CENTROIDS_FILE)
    if data.get("model") != model:
        log.info("domain centroids are for %s, not %s: rule domains only", data.get("model"), model)
        return None
    return DomainModel(str(data["model"]), {str(k): list(v) for k, v in data["centroids"].items()})
