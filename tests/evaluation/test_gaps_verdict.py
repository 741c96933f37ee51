"""Issue 12, items 3-4: the combined gap verdict (features, model, reason), folding repeated
topics, departments by remit, committee votes, and the evaluation's logistic fit. Pure: no
server, no model."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analysis.gaps import (
    COVERAGE_MODEL,
    FEATURE_NAMES,
    CoverageModel,
    GapThresholds,
    Issuer,
    build_requirement,
    committee_votes,
    content_words,
    explain,
    fold_topics,
    load_remits,
    resolve_departments,
    verdict_features,
)
from analysis.models import DepartmentSource, Verdict
from corpus import corpus_path


def _hit(ref: str, score: float, title: str = "", committee: str | None = None, **extra: Any):
    return {"key": ref, "ref": ref, "work": ref.split(":")[0], "title": title,
            "committee": committee, "score": score, **extra}  # fmt: skip


def test_content_words_drop_boilerplate_and_stem() -> None:
    assert content_words("Urban ecosystem monitoring services") == {"ecosys", "monito"}
    assert content_words("the standard system of cities") == set()


def test_features_from_vector_and_fulltext_evidence() -> None:
    vector = [
        _hit("ISO 37120:2018", 0.71, "Indicators for city services and quality of life"),
        _hit("ISO 37120:2014", 0.70, "older edition, same work"),  # folded into its work
        _hit("ISO 37101:2016", 0.52, "Management system for sustainable development"),
        _hit("ISO 9999:2022", 0.30, "Assistive products"),
    ]
    text = [{"key": "ISO 37120:2018", "ref": "ISO 37120:2018", "work": "ISO 37120"}]
    f = verdict_features("city services indicators", vector, text)
    assert f.max_cosine == pytest.approx(0.71)
    assert f.mean_top2 == pytest.approx((0.71 + 0.52) / 2)  # one vote per work
    assert f.agreement and f.agreeing_ref == "ISO 37120:2018"
    assert f.lexical_coverage == pytest.approx(1.0) and f.topic_words == 1  # "indicators"
    assert f.support == 2  # works at or above 0.45
    assert len(f.vector()) == len(FEATURE_NAMES)


def test_features_without_evidence_are_zero() -> None:
    f = verdict_features("funeral services", [], [])
    assert (f.max_cosine, f.mean_top2, f.agreement, f.support) == (0.0, 0.0, False, 0)
    assert f.best_ref is None


def test_model_is_monotone_in_the_evidence() -> None:
    weak = verdict_features("funeral", [_hit("X 1", 0.36, "Hospital management")])
    strong = verdict_features(
        "fire safety",
        [_hit(f"ISO {i}", 0.68 - 0.01 * i, "Fire safety engineering") for i in range(8)],
        [{"key": "ISO 0", "ref": "ISO 0", "work": "ISO 0"}],
    )
    assert COVERAGE_MODEL.probability(weak) < 0.2 < 0.8 < COVERAGE_MODEL.probability(strong)
    # the cosine features carry the largest weights; all but agreement push towards covered
    assert COVERAGE_MODEL.weights[0] > 0 and COVERAGE_MODEL.weights[1] > 0
    assert CoverageModel(weights=(0.0,) * 5, intercept=0.0).probability(weak) == 0.5


def test_reason_names_the_evidence() -> None:
    covered = verdict_features(
        "fire safety",
        [_hit("ISO 23932-1:2018", 0.68, "Fire safety engineering")] * 1
        + [_hit(f"ISO {i}", 0.5, "Fire") for i in range(3)],
        [{"key": "ISO 23932-1:2018", "ref": "ISO 23932-1:2018", "work": "ISO 23932-1"}],
    )
    text = explain(covered, Verdict.covered, 0.91)
    assert text.startswith("covered (p 0.91): ISO 23932-1:2018 (cos 0.68) also a top full-text")
    assert "shares 2 of 2 topic words" in text and "4 current works above 0.45" in text
    gap = verdict_features(
        "funeral public services",
        [_hit("ISO/PAS 23617:2024", 0.37, "Healthcare")],
        [{"key": "ISO 11367", "ref": "ISO 11367", "work": "ISO 11367"}],
    )
    text = explain(gap, Verdict.gap, 0.04)
    assert text.startswith("gap (p 0.04): nearest ISO/PAS 23617:2024 (cos 0.37)")
    assert "not among the top full-text matches (best: ISO 11367)" in text
    assert "shares 0 of 1 topic words" in text and "0 current works above" in text


def test_build_requirement_uses_the_model_and_explains() -> None:
    row = {"key": "doc#1-5", "doc_id": "doc", "topic": "funeral services", "domain": "x"}
    result = build_requirement(row, [_hit("X 1", 0.36, "Hospitals")], GapThresholds())
    assert result.status is Verdict.gap and result.probability is not None
    assert result.reason.startswith("gap") and result.occurrences[0].start is None


def test_repeated_topics_fold_into_one_row_with_all_clauses() -> None:
    rows = [
        {"key": "d#10-24", "doc_id": "d", "topic": "Smart cities", "clause": "d#1",
         "start": 10, "end": 24, "domain": "smart-city", "departments": []},
        {"key": "d#50-60", "doc_id": "d", "topic": "fire safety", "clause": "d#2",
         "start": 50, "end": 60, "domain": "urban-safety", "departments": ["MEM"]},
        {"key": "d#90-104", "doc_id": "d", "topic": "smart  cities.", "clause": "d#3",
         "start": 90, "end": 104, "domain": "smart-city", "departments": ["MIIT"]},
        {"key": "e#5-19", "doc_id": "e", "topic": "smart cities", "clause": "e#1",
         "start": 5, "end": 19, "domain": "smart-city", "departments": []},
    ]  # fmt: skip
    groups = fold_topics(rows)
    assert [g["key"] for g in groups] == ["d#10-24", "d#50-60", "e#5-19"]  # per document
    smart = groups[0]
    assert [(o.clause, o.start) for o in smart["occurrences"]] == [("d#1", 10), ("d#3", 90)]
    assert smart["departments"] == ["MIIT"]
    result = build_requirement(smart, [], GapThresholds())
    assert len(result.occurrences) == 2 and result.clause == "d#1" and result.start == 10


ISSUERS = [
    Issuer("sac", "Standardization Administration of China"),
    Issuer("mca", "Ministry of Civil Affairs"),
    Issuer("mem", "Ministry of Emergency Management"),
]
REMITS = {"mca": frozenset({"public-services"}), "mem": frozenset({"urban-safety"})}


def test_departments_clause_first_then_remit_then_all_issuers() -> None:
    assert resolve_departments(["B", "A", "A"], ISSUERS, "urban-safety", REMITS) == (
        ["A", "B"],
        DepartmentSource.clause,
    )
    assert resolve_departments([], ISSUERS, "public-services", REMITS) == (
        ["Ministry of Civil Affairs"],
        DepartmentSource.remit,
    )
    names, source = resolve_departments([], ISSUERS, "culture-tourism", REMITS)
    assert source is DepartmentSource.all_issuers and len(names) == 3
    assert resolve_departments([], [], "x", REMITS) == ([], DepartmentSource.none)


def test_remits_file_uses_known_organizations_and_domains() -> None:
    organizations = {o["key"] for o in json.loads(corpus_path("organizations.json").read_text())}
    domains = {d["key"] for d in json.loads(corpus_path("domains.json").read_text())}
    remits = load_remits()
    assert {"mohurd", "sac", "samr", "miit", "mee", "mem", "mca", "ndrc", "mot"} <= set(remits)
    assert set(remits) <= organizations
    assert all(keys and keys <= domains for keys in remits.values())
    assert "urban-safety" in remits["mem"] and "public-services" in remits["mca"]


def test_committee_votes_weight_by_similarity() -> None:
    hits = [
        _hit("ISO 37120", 0.70, committee="ISO/TC 268"),
        _hit("ISO 37101", 0.60, committee="ISO/TC 268"),
        _hit("Y.4900", 0.65, committee="ITU-T SG20"),
        _hit("ISO 1", 0.20, committee="ISO/TC 1"),  # too far to vote
        _hit("ISO 2", 0.50, committee=None),
    ]
    votes = committee_votes(hits, {"ISO/TC 268": "Sustainable cities and communities"})
    assert [v.ref for v in votes] == ["ISO/TC 268", "ITU-T SG20"]
    assert votes[0].title == "Sustainable cities and communities"
    assert votes[0].score == pytest.approx(1.30 / 1.95, abs=1e-4)
    assert votes[0].standards == ["ISO 37120", "ISO 37101"]


def test_fit_logistic_separates_and_cross_validates() -> None:
    from evaluation.gaps import Label, choose_model, fit_logistic

    x = [[0.7, 0.65, 1.0, 1.0, 3.0]] * 10 + [[0.35, 0.3, 0.0, 0.0, 0.0]] * 10
    y = [True] * 10 + [False] * 10
    model = fit_logistic(x, y, l2=1.0)
    assert model.weights[0] > 0
    labels = [Label(f"l{i:02d}", "t", c, None, None, ()) for i, c in enumerate(y)]
    features = [
        verdict_features("t", [_hit("A", row[0]), _hit("B", row[1])]) for row in x
    ]  # fmt: skip
    _, cv = choose_model(features, labels)
    assert cv.accuracy == 1.0 and cv.n == 20


def test_load_labels_reads_both_files_with_splits() -> None:
    from evaluation.gaps import FULLSCALE_LABELS, load_labels

    labels = load_labels(corpus_path(*FULLSCALE_LABELS))
    assert len(labels) == 48 and {label.split for label in labels} == {"dev", "heldout"}
    assert sum(label.split == "heldout" for label in labels) == 16
    assert all(label.split == "dev" for label in load_labels())


def test_two_close_standards_cover_a_topic_in_a_small_catalogue() -> None:
    # a small catalogue: two digital-twin standards, then an unrelated one
    features = verdict_features(
        "urban digital twin",
        [_hit("ISO 1", 0.61, "Digital twin"), _hit("ITU-T Y.1", 0.59), _hit("ISO 2", 0.09)],
    )
    assert COVERAGE_MODEL.probability(features) > 0.5
    # one distant neighbour and nothing near: a gap
    lonely = verdict_features("funeral services", [_hit("X 1", 0.40), _hit("X 2", 0.38)])
    assert COVERAGE_MODEL.probability(lonely) < 0.35


def test_leave_one_set_out_scores_each_set_with_a_verdict_fit_on_the_others() -> None:
    from analysis.gaps import VerdictFeatures
    from evaluation.gaps import Label, leave_one_set_out

    labels, feats = [], []
    for number in range(24):
        covered = number % 2 == 0
        cosine = 0.70 if covered else 0.40
        split = ("dev", "heldout", "heldout2")[number % 3]
        labels.append(Label(f"t{number}", "t", covered, None, None, (), split=split, source="gold"))
        feats.append(VerdictFeatures(cosine, cosine - 0.02, covered, 0.5, 3, best_ref="ISO 1"))
    result = leave_one_set_out(labels, feats)
    assert set(result["neighbourhood"]) == {"gold:dev", "heldout", "heldout2", "mean"}
    # perfectly separable evidence: every verdict fit on two sets is right on the third
    assert result["neighbourhood"]["mean"] == {"accuracy": 1.0, "gap_recall": 1.0}
    assert result["max-cosine"]["heldout2"]["n"] == 8
