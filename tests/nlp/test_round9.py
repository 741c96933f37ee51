"""Round 9 mechanisms (from the errors of heldout7/dev, read after the set's first scoring),
each checked on invented sentences: gap statements that name what is missing without a
standards verb, wishes for specifications, and standardization projects."""

from __future__ import annotations

from nlp.requirements import find_topics


def _topics(text: str) -> list[str]:
    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def test_there_is_no_agreed_method_needs_no_standards_word() -> None:
    text = "(b) there is no agreed method for assessing glare from floodlit sports pitches;"
    assert _topics(text) == ["glare from floodlit sports pitches"]


def test_we_lack_a_common_method() -> None:
    text = "Our inspectors lack a common method for calculating the noise of pile driving."
    assert _topics(text) == ["noise of pile driving"]


def test_a_national_adjective_names_whose_standard_is_missing() -> None:
    text = "There is no Canadian Standard for the tethering of delivery drones to balconies."
    assert _topics(text) == ["tethering of delivery drones to balconies"]


def test_guidance_is_lacking_on_a_list() -> None:
    text = (
        "Guidance is also lacking on:\n"
        "- the frost resistance of permeable paving;\n"
        "- labelling of reclaimed bricks.\n"
    )
    assert _topics(text) == [
        "frost resistance of permeable paving",
        "labelling of reclaimed bricks",
    ]


def test_lacking_on_how_something_should_be_measured() -> None:
    text = "Guidance is lacking on how odour from composting sites should be measured."
    assert _topics(text) == ["odour from composting sites"]


def test_no_standard_describes_how() -> None:
    text = "No standard describes how tree canopy cover should be mapped for planning."
    assert _topics(text) == ["tree canopy cover"]


def test_a_wish_for_common_specifications_lists_its_topics() -> None:
    text = (
        "We also want common specifications for:\n"
        "1. booking of shared cargo bikes;\n"
        "2. signage of cool refuges.\n"
    )
    assert _topics(text) == ["booking of shared cargo bikes", "signage of cool refuges"]


def test_a_standardization_project_on_a_topic() -> None:
    text = (
        "The city will ask the national standards body to start a standardisation project "
        "on acoustic comfort in school canteens."
    )
    assert _topics(text) == ["acoustic comfort in school canteens"]


def test_starting_something_else_is_not_a_call() -> None:
    text = "Initiate the verification of national standards in the fields of public services."
    assert _topics(text) == []


def test_past_gaps_without_a_missing_thing_are_not_topics() -> None:
    assert _topics("Nothing is missing from the annual report on street lighting.") == []
