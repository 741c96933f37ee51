"""Round 17 mechanisms, each checked on invented text: policy titles keep their own words
(a date after the name, "with", a possessive owner, a polity, a bracketed number in Gulf
drafting), titles joined by "and" are split only where both sides are titles, and a document's
own approval or short title is no reference to another policy."""

from __future__ import annotations

from nlp.pipeline import extract_text


def _policies(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[p.start : p.end]: p.canonical for p in extraction.policy_refs}


def _policy_keys(text: str) -> list[tuple[str, str]]:
    extraction = extract_text(text)
    return [(text[p.start : p.end], p.key) for p in extraction.policy_refs]


def test_a_dated_act_keeps_the_words_before_act() -> None:
    found = _policies(
        "Works follow the Harbour Safety Act of 12 March 2019 (HSA). The HSA applies to piers.\n"
    )
    assert found == {
        "Harbour Safety Act of 12 March 2019": "Harbour Safety Act",
        "HSA": "Harbour Safety Act",
    }


def test_with_joins_the_words_of_a_head_first_title() -> None:
    found = _policies("The plan applies the Law on Rights of Riders with Reduced Mobility.\n")
    assert list(found) == ["Law on Rights of Riders with Reduced Mobility"]


def test_a_piece_too_short_for_a_title_stays_in_its_neighbour() -> None:
    found = _policies(
        "The frame is set by the Tidal Works Act and the Regional Goals and Flood Reduction Act.\n"
    )
    assert list(found) == ["Tidal Works Act", "Regional Goals and Flood Reduction Act"]


def test_and_the_starts_a_second_title_when_both_sides_are_titles() -> None:
    found = _policies(
        "It builds on the Marine Energy Act 2020 and the Coastal Spatial Plan (2031-2035).\n"
    )
    assert list(found) == ["Marine Energy Act 2020", "Coastal Spatial Plan (2031-2035)"]


def test_a_name_in_brackets_is_not_a_word_of_the_title() -> None:
    found = _policies(
        "Designs follow the Harbour Building Regulations and Specifications (Al Bina) and the "
        "Harbour 2040 Master Plan.\n"
    )
    assert list(found) == [
        "Harbour Building Regulations and Specifications",
        "Harbour 2040 Master Plan",
    ]


def test_a_possessive_owner_of_several_words_stays_in_the_title() -> None:
    found = _policies("It builds on New Ruritania's Blue Economy Plan for Coastal Towns.\n")
    assert list(found) == ["New Ruritania's Blue Economy Plan for Coastal Towns"]


def test_a_phrase_relating_the_text_to_a_policy_is_no_word_of_it() -> None:
    found = _policies("Consistent with the Northland Net Zero 2045 Strategic Initiative, we act.\n")
    assert list(found) == ["Northland Net Zero 2045 Strategic Initiative"]


def test_a_gulf_law_number_in_brackets_with_its_subject() -> None:
    text = "It follows Law No. (7) of 2019 Regulating Building Permits in the Emirate of Zarqa.\n"
    assert list(_policies(text)) == [
        "Law No. (7) of 2019 Regulating Building Permits in the Emirate of Zarqa"
    ]


def test_a_sub_national_act_is_named_with_its_polity_and_stops_at_and_on() -> None:
    found = _policies(
        "Based on the Building Act of the Canton of Uri of 3 May 2015 (BauG UR) and on the "
        "Federal Spatial Planning Act of 22 June 1979 (RPG), the council ordains:\n"
    )
    assert found == {
        "Building Act of the Canton of Uri of 3 May 2015": "Building Act of the Canton of Uri",
        "BauG UR": "Building Act of the Canton of Uri",
        "Federal Spatial Planning Act of 22 June 1979": "Federal Spatial Planning Act",
        "RPG": "Federal Spatial Planning Act",
    }


def test_the_decision_approving_the_document_is_no_reference() -> None:
    text = (
        "Town of Eastmere\n"
        "Street Lighting Strategy 2031-2035\n"
        "Approved by Decision No. 4-118 of the Eastmere Town Council, 3 May 2031\n\n"
        "1. Context\nThe strategy applies the Public Lighting Act.\n"
    )
    assert list(_policies(text)) == ["Public Lighting Act"]


def test_a_bracketed_short_title_with_its_abbreviation_is_the_document_itself() -> None:
    text = (
        "Canton of Eastmere\n"
        "Ordinance on Street Lighting and Night Skies (Street Lighting Ordinance, SLO)\n"
        "of 2 May 2031\n\n"
        "§ 1 Purpose\nThis ordinance implements the Federal Environmental Protection Act.\n"
    )
    assert list(_policies(text)) == ["Federal Environmental Protection Act"]


def test_a_known_act_is_known_with_its_year_and_by_its_bracketed_number() -> None:
    assert _policy_keys("Stations meet the Americans with Disabilities Act of 1990.\n") == [
        ("Americans with Disabilities Act of 1990", "us-ada")
    ]
    assert _policy_keys("Data follow the INSPIRE Directive (2007/2/EC) in full.\n") == [
        ("INSPIRE Directive", "eu-inspire-directive"),
        ("2007/2/EC", "eu-inspire-directive"),
    ]


def _organizations(text: str) -> list[tuple[str, str]]:
    extraction = extract_text(text)
    return [(text[o.start : o.end], o.canonical) for o in extraction.organizations]


def test_a_bracketed_abbreviation_takes_back_the_words_it_spells() -> None:
    found = _organizations(
        "Replies came from the Union of Northern Rural Councils (UNRC) and others. "
        "The UNRC asked for more time.\n"
    )
    assert found == [
        ("Union of Northern Rural Councils", "Union of Northern Rural Councils"),
        ("UNRC", "Union of Northern Rural Councils"),
        ("UNRC", "Union of Northern Rural Councils"),
    ]


def test_departments_of_a_function_of_provinces_are_the_provincial_level_class() -> None:
    found = _organizations(
        "Recipients:\n- Departments of Transport and Logistics of provinces and centrally run "
        "cities shall report;\n- People's Committees of provinces and centrally run cities.\n"
    )
    assert found == [
        (
            "Departments of Transport and Logistics of provinces and centrally run cities",
            "provincial-level transport and logistics departments",
        ),
        (
            "People's Committees of provinces and centrally run cities",
            "People's Committees of provinces and centrally run cities",
        ),
    ]


def test_the_province_is_its_government_and_the_department_is_the_lead() -> None:
    text = (
        "Government of Westmark\nHarbour Plan 2031-2036\n"
        "Lead: Department of Coasts and Ports, with the Department of Roads\n\n"
        "1. Actions\nThe Province will fund 40 new gauges. The Department will ask the Marine "
        "Standards Council to write a guide. Later the Department of Finance will pay, and the "
        "Department will report each year.\n"
    )
    found = [(s, c) for s, c in _organizations(text) if s in ("Province", "Department")]
    lead = _organizations(text)[1][1]
    assert lead.endswith("Department of Coasts and Ports")
    assert found == [
        ("Province", "Government of Westmark"),
        ("Department", lead),
        ("Department", lead),
    ]


def test_a_class_of_bodies_ends_before_a_verb_or_another_class() -> None:
    found = _organizations(
        "The pilots are over. State departments of housing and port agencies are invited to "
        "comment.\n"
    )
    assert ("State departments of housing", "state departments of housing") in found
    assert all(" are" not in surface for surface, _ in found)


def test_the_council_of_a_town_that_cites_an_eu_directive_is_the_town_council() -> None:
    text = (
        "Eastmere Town Council\nPlay Spaces Strategy\n"
        "Approved by the Eastmere Town Council on 3 May 2031.\n\n"
        "1. Context\nThe strategy applies Directive (EU) 2019/944. The officers will report "
        "each year to the Council.\n"
    )
    found = _organizations(text)
    assert found[-1] == ("Council", "Eastmere Town Council")


def test_an_organization_addressed_after_another_is_read_by_the_recognizer() -> None:
    found = _organizations(
        "The office shall propose to the Swiss Association for Standardization (SNV) and to "
        "Electrosuisse that standards be developed on heat pumps.\n"
    )
    assert ("Electrosuisse", "Electrosuisse") in found


def _targets(text: str) -> dict[str, int | None]:
    extraction = extract_text(text)
    return {text[t.start : t.end]: t.year for t in extraction.targets}


def test_a_year_and_colon_in_brackets_give_the_baseline() -> None:
    found = _targets(
        "3. Targets for 2034\n- at least 70 per cent of bridges will have a load rating "
        "(2030: 22 per cent).\n- at least 900 crossings raised (2029: 310);\n"
    )
    assert found == {"at least 70 per cent of bridges": 2034, "at least 900 crossings": 2034}


def test_the_year_of_a_compared_figure_is_no_deadline() -> None:
    found = _targets(
        "4. Targets for 2036\n- fewer than 25 cyclist injuries a year, compared with 51 in 2029.\n"
    )
    assert found == {"fewer than 25 cyclist injuries": 2036}


def test_a_quantity_or_more_after_a_plural_noun_of_is_a_scope() -> None:
    found = _targets(
        "The goal is that, by 2034, at least 45 percent of ferries in towns of 20,000 or more "
        "residents use shore power.\n"
    )
    assert found == {"at least 45 percent of ferries": 2034}


def _requirement_topics(text: str) -> list[str]:
    return [r.topic for r in extract_text(text).requirements]


def test_in_urban_ends_a_topic_only_where_it_says_where() -> None:
    topics = _requirement_topics(
        "The Agency shall request CEN to develop European standards on detection of "
        "pharmaceuticals in urban wastewater and on drainage design in urban areas.\n"
    )
    assert topics == ["detection of pharmaceuticals in urban wastewater", "drainage design"]


def test_taking_part_in_a_named_bodys_work_asks_for_its_subject() -> None:
    topics = _requirement_topics(
        "The City will take part, through its mirror committee, in the European Committee for "
        "Standardization work on lighting of cycle paths.\n"
    )
    assert topics == ["lighting of cycle paths"]


def test_a_region_after_a_body_joined_by_and_is_a_body_of_its_own() -> None:
    found = _organizations(
        "Data will be shared with the Agency for Road Data and Mapping and North Lake Region "
        "under an open licence.\n"
    )
    assert [s for s, _ in found] == ["Agency for Road Data and Mapping", "North Lake Region"]


def test_a_known_body_ending_in_commission_leaves_the_commission_to_the_eu() -> None:
    found = _organizations(
        "The Commission shall consult the International Electrotechnical Commission and the "
        "European standardisation organisations. The Commission shall report to the European "
        "Parliament.\n"
    )
    assert [c for s, c in found if s == "Commission"] == ["European Commission"] * 2


def test_a_state_before_a_known_federal_body_makes_it_the_states() -> None:
    found = _organizations(
        "OREGON DEPARTMENT OF TRANSPORTATION\nMEMORANDUM\n\nThe Federal Highway Administration "
        "and the Oregon Department of Transportation will review the plans.\n"
    )
    assert [c for _, c in found if "Transportation" in c] == [
        "Oregon Department of Transportation",
        "Oregon Department of Transportation",
    ]


def test_a_place_after_a_body_named_like_a_known_one_makes_it_the_places() -> None:
    found = _organizations(
        "The Department of Transport of Hubei Province and the Hubei Fire and Rescue Corps "
        "will inspect the bridges.\n"
    )
    assert [s for s, _ in found] == [
        "Department of Transport of Hubei Province",
        "Hubei Fire and Rescue Corps",
    ]


def test_a_white_paper_with_its_period_and_a_numbered_regulations_subject() -> None:
    found = _policies(
        "It follows the White Paper on Ports 2026-2032 and Government Regulation Number 7 of "
        "2024 on Implementing Rules of the Law on Harbours.\n"
    )
    assert list(found) == [
        "White Paper on Ports 2026-2032",
        "Government Regulation Number 7 of 2024 on Implementing Rules of the Law on Harbours",
    ]


def test_a_hyphenated_word_is_no_verb_and_the_tier_or_a_participle_no_topic() -> None:
    topics = _requirement_topics(
        "The committee identified the following priority topics for new standards:\n"
        "- the re-use of bricks from demolition sites;\n- co-design of play areas.\n"
    )
    assert topics == ["re-use of bricks from demolition sites", "co-design of play areas"]
