"""Round 6 mechanisms (from the errors of heldout4's second half, after its one scoring),
each checked on invented sentences."""

from __future__ import annotations

from nlp.policy_titles import find_policy_refs
from nlp.requirements import find_topics


def _topics(text: str) -> list[str]:
    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def _refs(text: str) -> list[tuple[str, str]]:
    return [(r.canonical, text[r.start : r.end]) for r in find_policy_refs(text, 0, len(text))]


# --- requirements ------------------------------------------------------------------------------
def test_proposing_a_standard_is_a_call() -> None:
    assert _topics(
        "With the national body, the agency will propose a Fooish standard for canal locks."
    ) == ["canal locks"]


def test_setting_standards_is_writing_them() -> None:
    text = "The office will set municipal standards for kiosk signage."
    topics = find_topics(text, 0, len(text))
    assert [(text[t.start : t.end], t.action) for t in topics] == [("kiosk signage", "formulate")]


def test_standardization_that_is_a_priority() -> None:
    assert _topics(
        "Standardization of pier lighting and of dock fenders is a priority for 2028."
    ) == [
        "pier lighting",
        "dock fenders",
    ]


def test_work_with_a_committee_whose_name_has_a_slash() -> None:
    assert _topics(
        "The office will work with the ABC/CB-12 committee on a standard for bell towers."
    ) == ["bell towers"]


def test_the_topics_follow_a_colon_that_announces_them() -> None:
    assert _topics(
        "Standards are needed for three kinds of harbour data: tide heights, berth usage and "
        "crane loads."
    ) == ["tide heights", "berth usage", "crane loads"]


# --- policy references ----------------------------------------------------------------------
def test_eu_acts_get_their_official_names() -> None:
    text = "It applies Regulation (EU) 2020/123 and Regulation (EU) No 456/2012."
    assert [canonical for canonical, _ in _refs(text)] == [
        "Regulation (EU) 2020/123",
        "Regulation (EU) No 456/2012",
    ]


def test_laws_numbered_with_thousands_separators_are_whole() -> None:
    text = "It follows Federal Law No. 10.257/2001, Law No. 13,709/2018 and Decree No. 11.129/2022."
    assert [surface for _, surface in _refs(text)] == [
        "Federal Law No. 10.257/2001",
        "Law No. 13,709/2018",
        "Decree No. 11.129/2022",
    ]


def test_blueprints_charters_and_statutes_are_titles() -> None:
    text = (
        "This follows the Barland Digital Economy Blueprint, the Barland Charter for Smart Towns "
        "and the Town Statute."
    )
    assert [surface for _, surface in _refs(text)] == [
        "Barland Digital Economy Blueprint",
        "Barland Charter for Smart Towns",
        "Town Statute",
    ]


def test_a_period_or_version_after_a_name_is_part_of_it() -> None:
    text = (
        "It supports the Fooland Cyber Resilience Strategy 2022 to 2030, the Standards Action "
        "Plan 2022-27 and the Harbour Security Framework 2.0."
    )
    assert [surface for _, surface in _refs(text)] == [
        "Fooland Cyber Resilience Strategy 2022 to 2030",
        "Standards Action Plan 2022-27",
        "Harbour Security Framework 2.0",
    ]


def test_bounds_past_the_text_are_clamped() -> None:
    text = "Standards are needed for canal locks."
    assert [text[t.start : t.end] for t in find_topics(text, 0, len(text) + 50)] == ["canal locks"]


# --- organizations ----------------------------------------------------------------------------
def _orgs(text: str) -> list[tuple[str, str]]:
    from nlp.pipeline import extract_text

    return [(o["canonical"], o["surface"]) for o in extract_text(text).to_dict()["organizations"]]


def test_a_defined_name_that_starts_with_a_known_body_is_a_body_of_its_own() -> None:
    text = (
        "The office sits on the ASEAN Working Group for Harbour Safety (AWGHS) and will report "
        "to ASEAN ministers."
    )
    orgs = _orgs(text)
    assert (
        "ASEAN Working Group for Harbour Safety",
        "ASEAN Working Group for Harbour Safety",
    ) in orgs
    assert ("Association of Southeast Asian Nations", "ASEAN") in orgs  # the later mention


def test_companies_named_by_their_legal_form() -> None:
    orgs = _orgs("Drafting is done by ACME Berhad and Northwind Pty Ltd for the agency.")
    assert [canonical for canonical, _ in orgs] == ["ACME Berhad", "Northwind Pty Ltd"]
