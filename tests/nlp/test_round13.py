"""Round 13 mechanisms, each checked on invented sentences: designations of standard families
the identifier grammar does not list, national prefixes before adopted identifiers, two named
bodies joined by "and", "Local Government" as a sector in a name, and classes of bodies named
by a level of government and a function."""

from __future__ import annotations

from nlp.pipeline import extract_text


def _standards(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[s.start : s.end]: s.canonical for s in extraction.standards}


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


# --- standards ----------------------------------------------------------------------------------


def test_unknown_families_count_beside_known_standards() -> None:
    text = (
        "Roof loads follow QXA/STR 12-31; glazing is tested to ASTM E1886-19 and storm shelters "
        "follow KLM 640-2027. Wiring follows ZEB 41-3, and ISO 14090:2019 guides adaptation.\n"
    )
    found = _standards(text)
    assert found["QXA/STR 12-31"] == "QXA/STR 12-31"
    assert found["KLM 640-2027"] == "KLM 640-2027"
    assert found["ZEB 41-3"] == "ZEB 41-3"


def test_unknown_families_need_a_standard_nearby() -> None:
    text = "The grant pays EUR 2 million. Team KLM 640 met on Tuesday near gate 12.\n"
    assert _standards(text) == {}


def test_versions_committees_and_copyright_lines_are_no_standards() -> None:
    text = (
        "Chargers follow ISO 15118-20:2022 over TLS 1.3 and OCPP 2.0.1; the national mirror "
        "committee ABC/TC 59 follows ISO/TC 268.\n(c) QRS 2028\n"
    )
    found = _standards(text)
    assert set(found) == {"ISO 15118-20:2022"}


def test_a_national_prefix_before_an_adopted_identifier_is_kept() -> None:
    text = (
        "Sewers are designed to XP EN 752:2017 and rainwater reuse follows XP EN 16941-1:2018. "
        "Security relies on QQ RR EN ISO/IEC 27001:2024, as ISO 37122:2019 asks.\n"
    )
    found = _standards(text)
    assert found["XP EN 752:2017"] == "XP EN 752:2017"
    assert found["XP EN 16941-1:2018"] == "XP EN 16941-1:2018"
    assert found["QQ RR EN ISO/IEC 27001:2024"] == "QQ RR EN ISO/IEC 27001:2024"
    assert found["ISO 37122:2019"] == "ISO 37122:2019"


def test_a_word_in_capitals_is_no_national_prefix() -> None:
    text = "Members SHALL USE EN 752:2017 AND ISO 37122:2019 in new works.\n"
    found = _standards(text)
    assert found.get("EN 752:2017") == "EN 752:2017"
    assert found.get("ISO 37122:2019") == "ISO 37122:2019"


# --- organizations ------------------------------------------------------------------------------


def test_two_named_bodies_joined_by_and_are_two() -> None:
    text = (
        "The West African Power Pool and Kwame Nkrumah University of Science and Technology "
        "shall assist the Ministry of Oceans and Fisheries and the National Development and "
        "Reform Commission.\n"
    )
    orgs = _organizations(text)
    # spaCy's recognizer reads two bodies and the words after "and" have a head of their own
    assert "West African Power Pool" in orgs
    assert "Kwame Nkrumah University of Science and Technology" in orgs
    # portfolios joined by "and" stay one name
    assert "Ministry of Oceans and Fisheries" in orgs
    assert "National Development and Reform Commission" in orgs


def test_local_government_is_a_sector_in_a_name() -> None:
    text = (
        "The Department of Housing, Local Government and Heritage and the Local Government "
        "Management Agency will consult the councils.\n"
    )
    orgs = _organizations(text)
    assert "Department of Housing, Local Government and Heritage" in orgs
    assert "Local Government Management Agency" in orgs


def test_classes_of_bodies_by_level_and_function() -> None:
    text = (
        "The plan is addressed to national electricity regulators, state public utility "
        "commissions and voivodeship building control inspectorates. Provincial and "
        "territorial statistical agencies will report to local authorities.\n"
    )
    orgs = _organizations(text)
    assert orgs["national electricity regulators"] == "national electricity regulators"
    assert orgs["state public utility commissions"] == "state public utility commissions"
    assert (
        orgs["voivodeship building control inspectorates"]
        == "voivodeship building control inspectorates"
    )
    assert "Provincial and territorial statistical agencies" in orgs
    # a level and a plural noun alone is a generic phrase
    assert "local authorities" not in orgs


def test_a_provision_cited_after_a_name_ends_it() -> None:
    text = (
        "Under the Agreement Establishing the Andean Regional Organisation for Standards and "
        "Quality and Article 67 of the Treaty, the organisation adopts regional standards.\n"
    )
    orgs = _organizations(text)
    assert "Andean Regional Organisation for Standards and Quality" in orgs
    assert not any("Article" in name for name in orgs)


def test_an_acronym_may_lead_with_a_digit() -> None:
    text = (
        "The Pacific Islands Climate Adaptation Centre (3Cs) will advise. The 3Cs shall report "
        "twice a year.\n"
    )
    found = [(o.surface, o.canonical) for o in extract_text(text).organizations]
    assert found.count(("3Cs", "Pacific Islands Climate Adaptation Centre")) == 2


def test_initials_of_a_name_written_twice_in_two_cases_are_one_body() -> None:
    text = (
        "ANDEAN REGIONAL ORGANISATION FOR STANDARDS AND QUALITY\nWork plan 2029\n\n"
        "1. The Andean Regional Organisation for Standards and Quality adopts this plan. "
        "AROSQ will report to its members.\n"
    )
    orgs = [(o.surface, o.canonical.casefold()) for o in extract_text(text).organizations]
    assert ("AROSQ", "andean regional organisation for standards and quality") in orgs


def test_an_issuer_as_first_word_of_an_acts_name_is_no_mention() -> None:
    text = (
        "The Office of Management and Budget issued this memorandum under OMB Circular A-119 "
        "and the National Technology Transfer and Advancement Act of 1995.\n"
    )
    orgs = [o.surface for o in extract_text(text).organizations]
    assert "Office of Management and Budget" in orgs
    assert "OMB" not in orgs


# --- targets and requirements -------------------------------------------------------------------


def _targets(text: str) -> list[tuple[str, float, int | None]]:
    return [(t.surface, t.value, t.year) for t in extract_text(text).targets]


def test_a_count_in_words_of_delivered_things_is_a_target() -> None:
    assert _targets("Four new regional codes will be published by June 2029.\n") == [
        ("Four new regional codes", 4.0, 2029)
    ]
    # bodies that act, or one picked out of several, are no target
    assert _targets("Two ministries will consult the public by 2028.\n") == []
    assert _targets("One of the two agencies will report by 2028.\n") == []


def test_a_size_class_and_a_provision_number_are_no_targets() -> None:
    text = (
        "The Agency will ensure that at least 80% of charging hubs of 150 kW or more accept "
        "card payment by 31 December 2031. Hubs shall comply with points 2.1 to 2.4 of the "
        "Annex by 2031.\n"
    )
    assert _targets(text) == [("at least 80% of charging hubs", 80.0, 2031)]


def test_a_tier_of_standards_is_no_topic_and_a_reference_practice_is_a_deliverable() -> None:
    extraction = extract_text(
        "The Commission asked the standards bodies to develop the necessary European standards. "
        "A reference practice will be developed for the upkeep of public fountains.\n"
    )
    assert [r.topic for r in extraction.requirements] == ["upkeep of public fountains"]


def test_a_bodys_own_name_and_abbreviation_in_brackets_are_mentions_of_it() -> None:
    text = (
        "The City will ask the Slovenian Institute for Quality (Slovenski Institut za Kakovost, "
        "SIK) to develop standards. It will ask SIK to revise the annex.\n"
    )
    found = [(o.surface, o.canonical) for o in extract_text(text).organizations]
    assert ("Slovenski Institut za Kakovost", "Slovenian Institute for Quality") in found
    assert found.count(("SIK", "Slovenian Institute for Quality")) == 2


def test_a_body_known_by_its_acronym_after_and_is_its_own() -> None:
    text = (
        "Research partners are the University of Coimbra and INOVA LAB. The Ministry of "
        "Science and ICT agrees.\n"
    )
    orgs = _organizations(text)
    assert orgs["University of Coimbra"] == "University of Coimbra"
    assert orgs["INOVA LAB"] == "INOVA LAB"
    assert "Ministry of Science and ICT" in orgs


def test_bodies_named_in_their_own_language_are_found() -> None:
    text = (
        "The Câmara Municipal de Braga, Águas do Minho, the Politecnico di Torino and the "
        "Eidgenössisches Vermessungsamt will work with Trafikverket. Centro Storico is a "
        "district.\n"
    )
    orgs = _organizations(text)
    for name in (
        "Câmara Municipal de Braga",
        "Águas do Minho",
        "Politecnico di Torino",
        "Eidgenössisches Vermessungsamt",
        "Trafikverket",
    ):
        assert orgs[name] == name
    assert "Centro Storico" not in orgs


def test_an_own_language_name_in_brackets_names_the_english_one_everywhere() -> None:
    text = (
        "Partners include the National Board of Roads and Ferries (Vegferjeverket). Later, "
        "Vegferjeverket will publish the rules.\n"
    )
    found = [(o.surface, o.canonical) for o in extract_text(text).organizations]
    assert found.count(("Vegferjeverket", "National Board of Roads and Ferries")) == 2


def test_a_deadline_after_the_next_clause_is_that_clauses() -> None:
    text = (
        "By June 30, 2031, at least 2,000 social housing units will have been insulated, and "
        "average heating demand per unit in insulated buildings will fall by 20% by fiscal year "
        "2033 compared with fiscal year 2026.\n"
    )
    assert _targets(text) == [
        ("at least 2,000 social housing units", 2000.0, 2031),
        ("by 20%", 20.0, 2033),
    ]


def test_the_kind_of_document_written_out_and_city_level_local_standards() -> None:
    text = (
        "New buildings shall meet ANSI/ASHRAE/IES Standard 90.1-2019 and QRSE GUIDELINE 14-2022; "
        "pipes follow the local standard DB4401/T 57-2027 and IEEE Std 2030.5. The EU Standard 5 "
        "is no designation.\n"
    )
    assert _standards(text) == {
        "ANSI/ASHRAE/IES Standard 90.1-2019": "ANSI/ASHRAE/IES 90.1-2019",
        "QRSE GUIDELINE 14-2022": "QRSE Guideline 14-2022",
        "DB4401/T 57-2027": "DB4401/T 57-2027",
        "IEEE Std 2030.5": "IEEE 2030.5",
    }


def test_an_ampersand_joins_the_fields_of_a_name() -> None:
    orgs = _organizations("The Department of Roads and Town & Country Planning shall act.\n")
    assert "Department of Roads and Town & Country Planning" in orgs


# --- policy references ----------------------------------------------------------------------


def _policies(text: str) -> list[str]:
    return [text[p.start : p.end] for p in extract_text(text).policy_refs]


def test_chinese_regulations_and_thai_acts_are_titles() -> None:
    text = (
        "Under the Regulations on the Administration of Urban Heating, the plan applies. The "
        "Measures for the Administration of Industry Standards apply too. The Factory Act "
        "B.E. 2535 (1992), as amended by the Factory Act (No. 3) B.E. 2562 (2019), applies.\n"
    )
    assert _policies(text) == [
        "Regulations on the Administration of Urban Heating",
        "Measures for the Administration of Industry Standards",
        "Factory Act B.E. 2535 (1992)",
        "Factory Act (No. 3) B.E. 2562 (2019)",
    ]
    # no body name runs across a title's border
    for org in extract_text(text).organizations:
        assert "Measures" not in org.surface and "Regulations" not in org.surface


def test_a_head_word_inside_a_title_and_a_short_title_clause() -> None:
    text = (
        "1. Title\nThese Regulations are called the Heat Pump Labelling Regulations, 2029. They "
        "implement the Law on Standards and Technical Regulations.\n"
    )
    assert _policies(text) == ["Law on Standards and Technical Regulations"]


def test_a_body_named_after_its_programme_is_no_title() -> None:
    text = "The Smart Roads Joint Program Office will report to the Ministry.\n"
    assert _policies(text) == []


def test_a_countrys_dotted_initials_lead_a_name() -> None:
    orgs = _organizations(
        "The U.S. Department of Coastal Affairs (DCA) will work with the U.K. Office for Tides. "
        "DCA will report.\n"
    )
    assert orgs["U.S. Department of Coastal Affairs"] == "U.S. Department of Coastal Affairs"
    assert orgs["DCA"] == "U.S. Department of Coastal Affairs"
    assert "U.K. Office for Tides" in orgs


def test_a_harmonised_standards_corrigendum_is_part_of_its_reference() -> None:
    found = _standards(
        "Aggregates shall conform to EN 13139:2002+A2:2009/AC:2010 and EN 197-1:2011/AC:2012.\n"
    )
    assert found == {
        "EN 13139:2002+A2:2009/AC:2010": "EN 13139:2002+A2:2009/AC:2010",
        "EN 197-1:2011/AC:2012": "EN 197-1:2011/AC:2012",
    }


def test_a_jurisdiction_in_brackets_and_peoples_republic_stay_in_a_title() -> None:
    text = (
        "Ministers report under the Heat Networks (Scotland) Act 2021 and the Flood Control Law "
        "of the People's Republic of China.\n"
    )
    canonical = [p.canonical for p in extract_text(text).policy_refs]
    assert canonical == [
        "Heat Networks (Scotland) Act 2021",
        "Flood Control Law of the People's Republic of China",
    ]
