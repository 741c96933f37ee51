"""The deliverable discount of search answers (pure logic, no server)."""

from __future__ import annotations

import pytest

from analysis.deliverable_prior import DEFAULT_PRIOR, NO_PRIOR, DeliverablePrior
from analysis.search import Candidate, discounted, explain


@pytest.mark.parametrize(
    ("reference", "title", "expected"),
    [
        ("ISO 17842-1:2023", "Safety of amusement rides - Part 1: Design", 1.0),
        ("ISO/TR 16340:2023", "Application of blockchain-based traceability", 0.9),
        ("IEC TR 62691:2016", "Optical fibre cables - Guidelines to installation", 0.9),
        ("ETSI TR 102 476 V1.1.1 (2008-07)", "Emergency calls and VoIP", 0.9),
        ("ETSI GR PDL 019 V1.1.1 (2023-03)", "PDL Services for Decentralized Identity", 0.9),
        ("ITU-T L Suppl. 4 (04/2016)", "Guidelines for a sustainable e-waste system", 0.9),
        ("ETSI TS 102 940 V2.1.1 (2021-07)", "ITS; Security; ITS communications security", 1.0),
        (
            "ETSI EN 300 394-4-5 V1.1.1 (2001-09)",
            "TETRA; Conformance testing specification; Part 4: Protocol testing",
            0.7,
        ),
        ("ITU-T H.843 (08/2018)", "Conformance of ITU-T H.810 personal health system", 0.7),
        ("ETSI TR 103 999 V1.1.1", "Interoperability test descriptions for X", pytest.approx(0.63)),
    ],
)
def test_reports_and_test_documents_count_less(reference: str, title: str, expected: float) -> None:
    assert DEFAULT_PRIOR.factor(reference, title, "emergency calls from vehicles") == expected


def test_a_query_about_testing_keeps_test_documents_whole() -> None:
    title = "TETRA; Conformance testing specification"
    assert DEFAULT_PRIOR.factor("ETSI EN 300 394-4-5", title, "TETRA conformance tests") == 1.0
    assert DEFAULT_PRIOR.label("ETSI EN 300 394-4-5", title, "TETRA conformance tests") is None


def test_the_label_says_what_was_discounted_and_by_how_much() -> None:
    label = DEFAULT_PRIOR.label("ISO/TR 16340:2023", "Blockchain traceability", "traceability")
    assert label == "an informative report (x0.90)"


def _hit(key: str, fused: float, title: str = "A title", kind: str = "standard") -> Candidate:
    candidate = Candidate(key=key, kind=kind, row={"ref": key, "title": title})
    candidate.fused = fused
    return candidate


def test_discounting_reorders_the_fused_list_and_explains_itself() -> None:
    report = _hit("ISO/TR 1:2020", 0.050)
    standard = _hit("ISO 2:2020", 0.048)
    clause = _hit("doc#3", 0.049, kind="clause", title="ISO/TR 1")
    ordered = discounted([report, clause, standard], "anything", DEFAULT_PRIOR)
    assert [c.key for c in ordered] == ["doc#3", "ISO 2:2020", "ISO/TR 1:2020"]
    assert report.fused == pytest.approx(0.045)
    assert "informative report" in explain(report)
    assert standard.discount is None and clause.fused == 0.049


def test_no_prior_changes_nothing() -> None:
    hits = [_hit("ISO/TR 1:2020", 0.05), _hit("ISO 2:2020", 0.04)]
    assert [c.key for c in discounted(hits, "q", NO_PRIOR)] == ["ISO/TR 1:2020", "ISO 2:2020"]
    assert DeliverablePrior(test_document=1.0, report=1.0) == NO_PRIOR
