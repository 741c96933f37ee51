"""Pure ranking helpers of analysis/search.py and analysis/lucene.py (no server)."""

from __future__ import annotations

from analysis.lucene import build_fulltext_query, topic_terms
from analysis.search import (
    Candidate,
    first_per_work,
    group_candidates,
)


def _standard(key: str, work: str, status: str = "current", year: int = 2020) -> Candidate:
    row = {"key": key, "work": work, "status": status, "year": year}
    return Candidate(key=key, kind="standard", row=row)


def test_editions_amendments_and_versions_fold_into_their_work() -> None:
    base = _standard("ISO 22301:2019", "ISO 22301", year=2019)
    base.rankings["vector"] = (4, 0.8)
    amendment = _standard("ISO 22301:2019/Amd 1:2024", "ISO 22301", year=2024)
    amendment.rankings["fulltext"] = (1, 9.0)
    old = _standard("ISO 22301:2012", "ISO 22301", status="withdrawn", year=2012)
    old.rankings["vector"] = (2, 0.9)
    other = _standard("ISO 22313:2020", "ISO 22313")
    clause = Candidate(key="doc#1", kind="clause", row={"work": None})
    groups = group_candidates([base, amendment, old, other, clause])
    assert groups.group_of[amendment.key] == groups.group_of[base.key] == "work:ISO 22301"
    assert groups.group_of[clause.key] == "doc#1"
    shown = groups.shown("work:ISO 22301")
    # the current base edition speaks for the work, with the best rank any member earned
    assert shown.key == "ISO 22301:2019"
    assert shown.rankings == {"vector": (2, 0.9), "fulltext": (1, 9.0)}


def test_grouping_can_be_switched_off() -> None:
    a, b = _standard("ISO 1:2000", "ISO 1"), _standard("ISO 1:2010", "ISO 1")
    assert len(group_candidates([a, b], by_work=False).members) == 2


def test_first_per_work_keeps_order_and_drops_later_editions() -> None:
    series = [_standard("IEC 61850:2026", "IEC 61850"), _standard("IEC 61850:2025", "IEC 61850")]
    kept = first_per_work([*series, _standard("IEC 61850-5:2013", "IEC 61850-5")])
    assert [c.key for c in kept] == ["IEC 61850:2026", "IEC 61850-5:2013"]


def test_question_words_leave_the_topic() -> None:
    assert topic_terms("which standards cover smart street lighting") == [
        "smart",
        "street",
        "lighting",
    ]
    # a query made only of question words keeps them rather than becoming empty
    assert topic_terms("which standards") == ["which", "standards"]


def test_title_boost_repeats_the_words_in_the_title_field() -> None:
    query = build_fulltext_query(
        "which standards cover city resilience",
        field_boosts={"title": 2.0},
        drop_question_words=True,
    )
    assert query == 'city resilience "city resilience"^2 title:(city resilience)^2'
    assert build_fulltext_query("a:b (c)") == 'a b c "a b c"^2'  # syntax never passes
