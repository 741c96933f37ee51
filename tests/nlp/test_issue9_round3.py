"""Issue 9, third round: requirement and target mechanisms, each on a hand-written text.

The strings are written for the purpose (not sentences of a gold document); each test checks one
general mechanism of nlp/requirements.py or nlp/targets.py.
"""

from __future__ import annotations

from nlp.pipeline import extract_text
from nlp.requirements import find_topics


def _topics(text: str) -> list[str]:
    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def _targets(text: str) -> list[dict]:
    return extract_text(text).to_dict()["targets"]


# --- requirements ------------------------------------------------------------------------------
def test_an_abbreviation_in_brackets_stays_inside_the_topic() -> None:
    text = "Develop standards for harbour asset model (HAM) registries and tide gauges."
    topics = _topics(text)
    assert "harbour asset model (HAM) registries" in topics
    assert "tide gauges" in topics
    # any other bracket still ends the topic
    assert _topics("Develop standards for tide gauges (see below).") == ["tide gauges"]


def test_and_the_splits_two_noun_phrases_before_a_later_and() -> None:
    text = (
        "Formulate standards for the sizing of ferry ramps and the cleaning and reuse of ballast."
    )
    assert _topics(text) == ["sizing of ferry ramps", "cleaning and reuse of ballast"]


def test_a_short_conjunct_inside_a_prepositional_object_is_not_split() -> None:
    text = "Develop standards for the rating of kilns in dry-season and wet-season regions."
    assert _topics(text) == ["rating of kilns in dry-season and wet-season regions"]


def test_area_word_after_a_preposition_belongs_to_the_topic() -> None:
    text = "Revise the standard on the layout of tracks in coastal areas."
    assert _topics(text) == ["layout of tracks in coastal areas"]


def test_relative_clause_conformity_purpose_time_and_place_end_the_topic() -> None:
    assert _topics("Develop standards for ferry ramps that suit steep shores.") == ["ferry ramps"]
    assert _topics("Develop standards for ferry ramps, in line with the port code.") == [
        "ferry ramps"
    ]
    assert _topics("Develop standards for ferry ramps for reference in the port code.") == [
        "ferry ramps"
    ]
    assert _topics("Develop standards for ferry ramps over the next three years.") == [
        "ferry ramps"
    ]
    assert _topics("Develop standards for ferry ramps in the Baltic region.") == ["ferry ramps"]


def test_later_items_that_are_not_topics_keep_the_list_together() -> None:
    text = "A standard system for harbour construction, management and services will be built."
    assert _topics(text) == ["harbour construction, management and services"]


def test_capitalised_standards_before_a_name_is_a_body_not_a_call() -> None:
    text = (
        "The Office of Ports, Harbours and Regional Development, Standards Utopia and the "
        "Utopian Telecommunications Standards Institute will meet."
    )
    assert _topics(text) == []


def test_nationality_and_existing_are_not_topics() -> None:
    assert _topics("The ministry will develop Utopian standards for ferry ramps.") == [
        "ferry ramps"
    ]
    assert _topics("Revise existing national standards.") == []


def test_applying_standards_is_no_call_for_them() -> None:
    assert _topics("Study and apply the harbour indicator standards in selected ports.") == []


def test_standardisation_deliverables_introduce_a_topic() -> None:
    text = "The bodies shall draft European standardisation deliverables on ferry ramp safety."
    assert _topics(text) == ["ferry ramp safety"]


def test_revision_of_a_named_standard_to_cover_a_topic() -> None:
    text = "Support the revision of XS/YZ 1234.5:2020 to address tide gauges."
    topics = find_topics(text, 0, len(text))
    assert [text[t.start : t.end] for t in topics] == ["tide gauges"]
    assert topics[0].action == "revise"


def test_a_letter_digit_name_is_a_topic_but_a_count_is_not() -> None:
    assert _topics("Develop standards for the Q7 beacon.") == ["Q7 beacon"]
    assert _topics("Develop standards for 40 ramps.") == []


def test_standards_bodies_work_on_a_topic_is_standard_setting() -> None:
    text = "Experts will take part in ABC, DEF and GHI work on ferry ramp safety."
    assert _topics(text) == ["ferry ramp safety"]


def test_table_rows_drop_the_kind_of_deliverable_and_the_revision_frame() -> None:
    text = (
        "No | Deliverable | Deadline\n"
        "1 | European standard on test methods for tide gauges | 30 June 2028\n"
        "2 | Revision of EN 12345 to cover the Q7 beacon | 31 March 2028\n"
    )
    topics = find_topics(text, 0, len(text))
    assert [(text[t.start : t.end], t.action) for t in topics] == [
        ("test methods for tide gauges", "develop"),
        ("Q7 beacon", "revise"),
    ]


def test_building_as_a_noun_does_not_end_the_list() -> None:
    text = "Formulate data standards for port components, building addresses and berth coding."
    assert _topics(text)[-2:] == ["building addresses", "berth coding"]


def test_supporting_introduces_the_topics_of_a_standard_system() -> None:
    text = "By 2030, the standard system supporting harbour renewal will be basically established."
    assert _topics(text) == ["harbour renewal"]


# --- targets -----------------------------------------------------------------------------------
def test_the_number_of_a_plans_item_label_is_no_quantity() -> None:
    text = "Action 2.1 Through the council, the office will lead work by 2028.\n"
    assert _targets(text) == []


def test_a_figure_dated_in_the_past_is_a_baseline_not_a_target() -> None:
    text = "Cut the waiting time to 10 days or less by 2028 (30 days in 2025).\n"
    targets = _targets(text)
    assert [(t["value"], t["comparator"], t["year"]) for t in targets] == [(10.0, "<=", 2028)]


def test_a_share_of_a_counted_set_takes_the_counted_noun() -> None:
    text = "The bodies shall aim to have at least 4 of the 9 guides adopted by 31 May 2029.\n"
    targets = _targets(text)
    assert len(targets) == 1
    target = targets[0]
    assert (target["value"], target["comparator"], target["unit"], target["year"]) == (
        4.0,
        ">=",
        "guides",
        2029,
    )
    assert target["surface"] == "at least 4 of the 9 guides"
