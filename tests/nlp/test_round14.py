"""Round 14 mechanisms, each checked on invented sentences: classes of bodies that a text
addresses by function ("pipeline safety authorities", "the Northland harbour councils"), and
the EU act's national authorities when a sentence starts with their function."""

from __future__ import annotations

import functools

from nlp.local_units import classes_of_bodies
from nlp.pipeline import extract_text
from nlp.spacy_model import tags
from stdkg.config import DEFAULT_SPACY_MODEL


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


def _classes(text: str) -> dict[str, str]:
    tagger = functools.partial(tags, DEFAULT_SPACY_MODEL)
    return {f.surface: f.canonical for f in classes_of_bodies(text, 0, len(text), tagger)}


def test_a_class_named_by_function_is_a_body() -> None:
    text = (
        "The pipeline safety authorities shall report each year. Drafts are sent to the "
        "Pacific standardisation organisations and to dam inspection bodies in Borduria.\n"
    )
    found = _organizations(text)
    assert found["pipeline safety authorities"] == "pipeline safety authorities"
    assert found["Pacific standardisation organisations"] == (
        "Pacific standardisation organisations"
    )
    assert found["dam inspection bodies in Borduria"] == "dam inspection bodies in Borduria"


def test_a_capital_that_only_starts_the_sentence_is_dropped_from_the_class() -> None:
    text = "Harbour licensing councils will meet. The harbour licensing councils agree.\n"
    assert _classes(text)["Harbour licensing councils"] == "harbour licensing councils"


def test_a_portfolios_departments_without_a_level_are_its_local_counterparts() -> None:
    text = (
        "Forestry and grassland departments at all levels shall organise trials, and "
        "water conservancy departments shall check the dikes.\n"
    )
    found = _classes(text)
    assert found["Forestry and grassland departments at all levels"] == (
        "local forestry and grassland departments"
    )
    assert found["water conservancy departments"] == "local water conservancy departments"


def test_counted_generic_and_owned_groups_are_no_class() -> None:
    text = (
        "By 2030, 40 harbour licensing councils and 90% of dam inspection bodies apply it. "
        "Relevant departments and public bodies follow. The regional offices of QRSTU help. "
        "Local agencies and state bodies comment.\n"
    )
    assert _classes(text) == {}


def test_a_verb_and_its_object_is_no_class() -> None:
    text = (
        "The ministry must support municipalities. The agency will accredit conformity "
        "assessment bodies for each new rule.\n"
    )
    assert _classes(text) == {}


def test_market_authorities_at_a_sentence_start_are_the_member_states_authorities() -> None:
    text = (
        "Article 7\nHarbour surveillance authorities shall check the Member States' ports; "
        "the harbour surveillance authorities report to the Commission.\n"
    )
    found = _organizations(text)
    assert found["Harbour surveillance authorities"] == (
        "national harbour surveillance authorities"
    )
    assert found["harbour surveillance authorities"] == (
        "national harbour surveillance authorities"
    )
