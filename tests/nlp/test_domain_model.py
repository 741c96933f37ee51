"""The nearest-centroid domain model on hand-made vectors (no embedding model loaded), and the
shipped centroids file."""

from __future__ import annotations

import math

from corpus import load_json
from nlp.domain_model import RULE_BONUS, DomainModel, combine, load_domain_model
from stdkg.config import DEFAULT_EMBEDDING_MODEL


def _unit(*values: float) -> list[float]:
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values]


DESCRIPTIONS = {"transport": _unit(1, 0, 0), "energy": _unit(0, 1, 0), "water": _unit(0, 0, 1)}


def test_examples_pull_a_centroid_towards_them() -> None:
    # labelled examples of "energy" lie between energy and water: the centroid moves there
    examples = [(_unit(0, 1, 1), None, "energy")] * 6
    model = DomainModel.fit("m", examples, DESCRIPTIONS)
    assert model.centroids["energy"][2] > 0.5
    assert model.classify(_unit(0, 0.8, 1), None, None) == "energy"
    # without examples the description alone places the domain
    assert model.classify(_unit(1, 0.1, 0), None, None) == "transport"


def test_the_topic_and_its_clause_weigh_alike() -> None:
    assert combine(_unit(1, 0, 0), _unit(0, 1, 0)) == _unit(1, 1, 0)
    model = DomainModel.fit("m", [], DESCRIPTIONS)
    # a topic between two domains goes where its clause points
    assert model.classify(_unit(1, 1, 0), _unit(0, 1, 0), None) == "energy"


def test_the_rules_domain_wins_a_near_tie_not_a_clear_loss() -> None:
    model = DomainModel.fit("m", [], DESCRIPTIONS)
    near = _unit(1, 1 - RULE_BONUS, 0)
    assert model.classify(near, None, None) == "transport"
    assert model.classify(near, None, "energy") == "energy"
    assert model.classify(_unit(1, 0.1, 0), None, "energy") == "transport"


def test_empty_vectors_keep_the_rules_domain() -> None:
    model = DomainModel.fit("m", [], DESCRIPTIONS)
    assert model.classify([0.0, 0.0, 0.0], None, "water") == "water"


def test_the_shipped_centroids_cover_every_domain_of_the_default_model() -> None:
    model = load_domain_model(DEFAULT_EMBEDDING_MODEL)
    assert model is not None
    assert set(model.centroids) == {d["key"] for d in load_json("domains.json")}
    for centroid in model.centroids.values():
        assert abs(math.sqrt(sum(x * x for x in centroid)) - 1) < 1e-3
    assert load_domain_model("some-other-model") is None
