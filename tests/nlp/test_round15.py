"""Round 15 mechanisms, each checked on invented sentences: instruments cited by a number in
their country's own form, United States state statutes by section, an act's number with its
date in brackets as the act itself, and a document's own approving instrument."""

from __future__ import annotations

from nlp.pipeline import extract_text


def _policy_refs(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[p.start : p.end]: p.canonical for p in extraction.policy_refs}


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


def test_an_instrument_with_no_and_a_number_in_any_national_form_is_cited() -> None:
    text = (
        "Under Organic Law No. 77-31, parks are a district duty, and Law No. 58122 sets the "
        "budget. The Cabinet Resolution No. PWD-2027/R.14/B-3 applies to all districts.\n"
    )
    found = _policy_refs(text)
    assert found["Organic Law No. 77-31"] == "Organic Law No. 77-31"
    assert found["Law No. 58122"] == "Law No. 58122"
    assert "Cabinet Resolution No. PWD-2027/R.14/B-3" in found


def test_a_numbered_law_keeps_its_capitalised_subject() -> None:
    text = (
        "The Institute works under Law No. 481 on the Foundation of the Borduria Standards Board.\n"
    )
    found = _policy_refs(text)
    assert "Law No. 481 on the Foundation of the Borduria Standards Board" in found


def test_a_state_statute_is_cited_by_its_section() -> None:
    text = (
        "Storage order\n\nKan. Stat. section 476B.12 requires the utility to plan storage, "
        "and Ore. Stat. § 757.203 sets its goal.\n"
    )
    found = _policy_refs(text)
    assert "Kan. Stat. section 476B.12" in found
    assert "Ore. Stat. § 757.203" in found


def test_an_acts_number_and_date_in_brackets_are_the_act_itself() -> None:
    text = (
        "Port plan 2027\n\nOur port follows national law. The Clean Harbours Act (Law No. "
        "2026-518 of 3 March 2026) sets the trajectory for all ports.\n"
    )
    found = _policy_refs(text)
    number = next(surface for surface in found if surface.startswith("Law No. 2026-518"))
    assert found[number] == found["Clean Harbours Act"] == "Clean Harbours Act"


def test_the_instrument_that_approved_this_document_is_not_a_reference() -> None:
    text = (
        "Harbour Safety Code 2028\n\n"
        "Approved by the Board of Directors of BORSTAN, Resolution No. 31/907, dated 2 May 2028.\n"
        "Adopted by the Board under section 12 of the Ports Act 2019.\n\n"
        "1. Harbour operators shall apply ISO 28000.\n"
    )
    found = _policy_refs(text)
    assert "Resolution No. 31/907" not in found
    assert "Ports Act 2019" in found
    # the approving body's name ends before the instrument
    assert "Board of Directors of BORSTAN" in _organizations(text)


def _targets(text: str) -> list[tuple[str, float | None, str, int | None]]:
    extraction = extract_text(text)
    return [(text[t.start : t.end], t.value, t.comparator, t.year) for t in extraction.targets]


def _topics(text: str) -> list[str]:
    extraction = extract_text(text)
    return [text[r.start : r.end] for r in extraction.requirements]


def test_a_committees_subcommittee_is_a_body() -> None:
    text = "Plan\n\nThe Sub-Committee on Harbour Lighting (SCHL) reports to the Board.\n"
    assert _organizations(text)["Sub-Committee on Harbour Lighting"] == (
        "Sub-Committee on Harbour Lighting"
    )


def test_an_addressee_list_names_classes_not_posts() -> None:
    text = (
        "CIRCULAR\n\nTO:   ALL CANTONAL, REGIONAL AND VILLAGE CHIEF EXECUTIVES\n"
        "      ALL FINANCE DIRECTORS\n"
        "      HEADS OF WORKS UNITS OF CANTONAL, REGIONAL AND VILLAGE COUNCILS (CRVCs)\n\n"
        "The Authority asks all councils to comply.\n"
    )
    found = _organizations(text)
    assert (
        found["CANTONAL, REGIONAL AND VILLAGE COUNCILS"]
        == "cantonal, regional and village councils"
    )
    assert not any("EXECUTIVES" in surface or "DIRECTORS" in surface for surface in found)


def test_an_ordinal_day_dates_the_clause_it_opens() -> None:
    text = (
        "Circular\n\n1. Scope.\n   By 30th June 2031, at least 45 per cent of depots shall use "
        "the new meters, and no fewer than 9,000 meters shall have been fitted by 2034.\n"
    )
    targets = _targets(text)
    assert ("at least 45 per cent", 45.0, ">=", 2031) in [
        (s[:20], v, c, y) for s, v, c, y in targets
    ]
    assert any(value == 9000.0 and year == 2034 for _, value, _, year in targets)


def test_a_table_of_indicators_by_year_sets_goals_in_its_latest_column() -> None:
    text = (
        "Resolution 2030\n\nTargets\n"
        "| Indicator | 2030 | 2034 |\n"
        "|---|---|---|\n"
        "| Bins with fill sensors | 40 | at least 2,500 |\n"
        "| Districts with weekly collection data | 2 of 12 | all 12 |\n\n"
        "Financing follows.\n"
    )
    found = {
        (surface, value, comparator, year) for surface, value, comparator, year in _targets(text)
    }
    assert ("at least 2,500", 2500.0, ">=", 2034) in found
    assert ("all 12", 12.0, "=", 2034) in found
    # the earlier column is where things stand
    assert not any(year == 2030 for *_, year in found)


def test_a_table_that_does_not_hold_goals_gives_none() -> None:
    text = (
        "Report 2030\n\nSensor counts\n"
        "| District | 2029 | 2035 |\n"
        "|---|---|---|\n"
        "| North | 40 | 2,500 |\n"
    )
    assert _targets(text) == []


def test_a_regional_standard_in_a_work_item_table_is_asked_for() -> None:
    text = (
        "Programme\n\n3. Work items\n\n| No. | Item | Lead | Due |\n|---|---|---|---|\n"
        "| WI-7 | Regional standard on leak detection in district networks | INEN | 2032 |\n"
    )
    assert "leak detection in district networks" in _topics(text)


def test_a_second_deliverable_in_a_list_has_its_own_subject() -> None:
    text = (
        "The office is asked to propose a national standard on bin sensor data and a "
        "regional guideline on calibration of fill-level sensors, and to take part in the "
        "European work on digital twins of waste logistics.\n"
    )
    topics = _topics(text)
    assert "calibration of fill-level sensors" in topics
    assert "digital twins of waste logistics" in topics
    assert not any(topic.startswith("regional guideline") for topic in topics)


def test_treaties_and_plans_of_action_are_titles_without_their_owner() -> None:
    text = (
        "Work plan\n\nMinisters recalled the Lagoon Plan of Action and the Harbour Goals on "
        "Blue-Green Shipping, and apply the Agreement on Customs Valuation of the World Trade "
        "Organization and the Agreement on Port State Measures.\n"
    )
    found = _policy_refs(text)
    assert "Lagoon Plan of Action" in found
    assert "Harbour Goals on Blue-Green Shipping" in found
    assert "Agreement on Customs Valuation" in found
    assert "Agreement on Port State Measures" in found


def test_regional_orders_and_bylaws_are_cited_by_number() -> None:
    text = (
        "Plan\n\nThe rules apply. NERA Order No. 4417 and Manitoba Regulation 118/24 and "
        "Order in Council 907/2027 and Bylaw Q-310 apply too. Under Regulation 12/2020 it "
        "applies, and the Commission's Order No. 4417 too.\n"
    )
    found = _policy_refs(text)
    for surface in (
        "NERA Order No. 4417",
        "Manitoba Regulation 118/24",
        "Order in Council 907/2027",
        "Bylaw Q-310",
        "Regulation 12/2020",
    ):
        assert surface in found
    # without the regulator's initials a bare "Order No." is no citation of its own
    assert "Order No. 4417" not in found
