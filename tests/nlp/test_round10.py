"""Round 10 organization mechanisms, each checked on invented sentences: more organization
nouns (tribunals, task forces, municipalities...), names that list their fields with commas,
and a function-named body qualified by its place ("Utah Department of Transportation")."""

from __future__ import annotations

import pytest

from nlp.pipeline import extract_text


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


@pytest.mark.parametrize(
    "name",
    [
        "Harbour Safety Tribunal",
        "Coastal Resilience Task Force",
        "Riverside Municipality",
        "Lake District Observatory",
        "Northern Grid Partnership",
        "Water Services Ombudsman",
    ],
)
def test_more_organization_nouns_end_a_name(name: str) -> None:
    text = f"Heat Plan 2028\n\nThe {name} will review the draft standards by June 2028.\n"
    assert name in _organizations(text)


def test_two_bodies_joined_by_and_the_stay_two() -> None:
    text = (
        "Heat Plan 2028\n\nThe Office of the Mayor of Lisbon and the Harbour Safety Tribunal "
        "will review the plan.\n"
    )
    found = _organizations(text)
    assert "Office of the Mayor of Lisbon" in found
    assert "Harbour Safety Tribunal" in found


def test_a_name_may_list_its_fields_with_commas() -> None:
    text = (
        "Heat Plan 2028\n\nThe Omani Standards, Metrology and Quality Organization shall "
        "publish the guidance.\n"
    )
    assert "Omani Standards, Metrology and Quality Organization" in _organizations(text)


def test_a_title_before_a_comma_is_not_part_of_the_name() -> None:
    text = (
        "Heat Plan 2028\n\nSigned by the Chief Executive Officer, Coastal Transport and Ports "
        "Commission.\n"
    )
    found = _organizations(text)
    assert "Coastal Transport and Ports Commission" in found
    assert not any(surface.startswith("Chief") for surface in found)


def test_a_place_before_a_function_name_makes_a_body_of_its_own() -> None:
    text = (
        "Heat Plan 2028\n\nThe Utah Department of Transportation and the Alberta Ministry of "
        "Transportation will test the method.\n"
    )
    found = _organizations(text)
    assert found["Utah Department of Transportation"] == "Utah Department of Transportation"
    assert found["Alberta Ministry of Transportation"] == "Alberta Ministry of Transportation"


def test_the_gazetteer_body_keeps_its_name_when_its_own_country_qualifies_it() -> None:
    text = (
        "Heat Plan 2028\n\nThe Chinese Ministry of Transport will test the method with the "
        "State Council.\n"
    )
    found = _organizations(text)
    assert "Chinese Ministry of Transport" not in found
    assert "Ministry of Transport" in found


def _topics(text: str) -> list[str]:
    from nlp.requirements import find_topics

    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def test_a_table_of_deliverables_without_a_subject_column_header() -> None:
    text = (
        "| No | Reference information | Deadline |\n"
        "|---|---|---|\n"
        "| 1 | European standard on the durability of timber bridge decks | 30.6.2029 |\n"
        "| 2 | CEN TS on the labelling of recycled aggregates, revising EN 12620 | 31.12.2029 |\n"
        "| 3 | Acceptance of the work programme | 31.3.2028 |\n"
    )
    assert _topics(text) == [
        "durability of timber bridge decks",
        "labelling of recycled aggregates",
    ]


def test_no_national_standard_exists_for() -> None:
    text = "No DIN or international standard exists for testing the grip of playground ropes."
    assert _topics(text) == ["testing the grip of playground ropes"]


def test_no_european_standard_currently_addresses() -> None:
    text = "No European standard currently addresses the ventilation of bicycle storage rooms."
    assert _topics(text) == ["ventilation of bicycle storage rooms"]


def test_there_is_also_no_common_method() -> None:
    text = "There is also no common method for sampling dust on school playgrounds."
    assert _topics(text) == ["sampling dust on school playgrounds"]


def test_a_state_plan_names_its_own_ministries_after_the_state() -> None:
    text = (
        "Kano State Government | Ministry of Works and Housing\n\n"
        "Road Standards Plan 2028\n\n"
        "The Ministry of Works and Housing will lead, with the approval of the State Executive "
        "Council. The Kano State Government will fund the pilots.\n"
    )
    names = set(_organizations(text).values())
    assert "Kano State Ministry of Works and Housing" in names
    assert "Kano State Executive Council" in names


def test_a_commonwealth_that_is_a_country_is_no_state() -> None:
    from nlp.org_resolution import document_state

    text = "Commonwealth of Australia. The Commonwealth of Australia funds the Department of X."
    assert document_state(text) is None
    assert document_state("Governor of Vermont ... the Governor of Vermont signed.") == "Vermont"


def test_a_national_government_is_no_state() -> None:
    from nlp.org_resolution import document_state

    assert document_state("The Government of Japan and the Government of Japan agree.") is None


def test_a_head_first_title_runs_over_to() -> None:
    text = "Heat Plan 2028\n\nThe Oceanic Strategy on Adaptation to Sea Level Rise applies.\n"
    extraction = extract_text(text)
    names = [text[p.start : p.end] for p in extraction.policy_refs]
    assert "Oceanic Strategy on Adaptation to Sea Level Rise" in names


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("CSA C22.1:24", "CSA C22.1:24"),  # Canadian two-digit years
        ("CSA W204:19", "CSA W204:19"),
        ("CSA/ICC B805-18", "CSA/ICC B805-18"),
        ("BNQ 3019-190", "BNQ 3019-190"),  # Quebec
    ],
)
def test_canadian_and_quebec_identifiers(written: str, canonical: str) -> None:
    from nlp.identifiers import find_identifiers

    assert [m.id.canonical for m in find_identifiers(f"Apply {written} to new works.")] == [
        canonical
    ]


def test_a_capitalised_word_and_a_number_are_no_quebec_standard() -> None:
    from nlp.identifiers import find_identifiers

    assert find_identifiers("The Bureau 123 office and Block 4567 are closed.") == []


def test_a_state_decree_names_its_secretariats_after_the_state() -> None:
    text = (
        "STATE OF SANTA AURÉLIA\n\nDecree on Connected Roads 2028\n\n"
        "The Government of the State of Santa Aurélia decrees: the Secretariat of Roads and "
        "Logistics will publish the method, and Santa Aurélia municipalities will apply it "
        "across Santa Aurélia.\n"
    )
    names = set(_organizations(text).values())
    assert "Santa Aurélia State Secretariat of Roads and Logistics" in names


def test_numbered_acts_with_thousands_separators_and_us_code_citations() -> None:
    text = (
        "Programme 2028\n\n(1) Decree No. 71,204 and State Law No. 18,016 apply.\n"
        "(2) Under 42 U.S.C. 7401 the agency acts. Decree No. 12 also applies.\n"
    )
    names = [text[p.start : p.end] for p in extract_text(text).policy_refs]
    assert "Decree No. 71,204" in names
    assert "State Law No. 18,016" in names
    assert "42 U.S.C. 7401" in names
    assert "Decree No. 12" in names
