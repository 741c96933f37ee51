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


def test_bracketed_initials_keep_a_name_with_two_heads_whole() -> None:
    text = (
        "The Bureau of the Harbour and Coastal Works (BHCW) shall inspect the piers, and the "
        "Institute for Studies on Ports, Canals and Inland Navigation (ISPCIN) will advise.\n"
    )
    found = _organizations(text)
    assert found["Bureau of the Harbour and Coastal Works"] == (
        "Bureau of the Harbour and Coastal Works"
    )
    assert found["BHCW"] == "Bureau of the Harbour and Coastal Works"
    assert found["Institute for Studies on Ports, Canals and Inland Navigation"] == (
        "Institute for Studies on Ports, Canals and Inland Navigation"
    )


def test_on_and_a_verb_starts_an_acts_title_not_a_name() -> None:
    text = (
        "Notice of the General Office of Qiyuan Municipal People's Government on Printing and "
        "Distributing the Qiyuan Plan for Harbour Standards\n\nThe plan is issued.\n"
    )
    found = _organizations(text)
    assert not any("Printing" in surface for surface in found)


def _targets(text: str) -> list[tuple[float, int | None]]:
    return [(t.value, t.year) for t in extract_text(text).targets]


def test_a_deadline_that_opens_a_coordinated_clause_dates_that_clause() -> None:
    text = (
        "The aim is that by 2031 at least 300 harbour offices receive digital manifests, and "
        "that the share of piers with sensors rises to 70% by 2029. By 2030, no fewer than "
        "900 buoys shall be replaced, and by 2032 at least 60% of ferries shall be electric.\n"
    )
    assert _targets(text) == [(300.0, 2031), (70.0, 2029), (900.0, 2030), (60.0, 2032)]


def test_where_things_stand_today_is_no_target() -> None:
    text = (
        "Goals:\n- At least 85% of buoys on solar power by 2031 (currently 38%).\n"
        "- Cut pier downtime from 21% of operating hours today to no more than 9% by 2032.\n"
    )
    assert _targets(text) == [(85.0, 2031), (9.0, 2032)]


def test_a_goal_lead_with_a_bracketed_year_dates_its_inline_list() -> None:
    text = (
        "Results indicators (end of programme, 2033): (a) at least 2.5 million passengers "
        "served by electric ferries; (b) at least 75% of piers with shore power.\n"
    )
    assert _targets(text) == [(2_500_000.0, 2033), (75.0, 2033)]


def test_an_everyday_name_before_a_bracketed_formal_name_is_that_body() -> None:
    text = (
        "We will work with Harbour Qiyuan (Qiyuan Harbour Management Board) on buoys. Later, "
        "Harbour Qiyuan and the ministry will review the results.\n"
    )
    found = _organizations(text)
    assert found["Harbour Qiyuan"] == "Qiyuan Harbour Management Board"
    assert found["Qiyuan Harbour Management Board"] == "Qiyuan Harbour Management Board"
    uses = [o for o in extract_text(text).organizations if o.surface == "Harbour Qiyuan"]
    assert len(uses) == 2


def test_a_name_may_start_with_an_accented_capital() -> None:
    text = "Assets move to Ōrewa Harbour Services Limited, a council-controlled organisation.\n"
    assert "Ōrewa Harbour Services Limited" in _organizations(text)


def test_a_name_cut_at_and_leaves_its_bracketed_abbreviation_a_mention_of_its_own() -> None:
    text = "Drains in Qiyuan East Harbour Corporation (QEHC) and Qiyuan West Harbour Corporation.\n"
    found = _organizations(text)
    assert found["Qiyuan East Harbour Corporation"] == "Qiyuan East Harbour Corporation"
    assert found["QEHC"] == "Qiyuan East Harbour Corporation"


def test_the_bank_is_the_one_bank_the_document_names() -> None:
    text = (
        "The project is financed by the Harbour Development Bank and the Qiyuan Ports "
        "Authority. The Bank will supervise the project.\n"
    )
    references = [o for o in extract_text(text).organizations if o.surface == "Bank"]
    assert [o.canonical for o in references] == ["Harbour Development Bank"]


def test_the_classes_an_addressee_line_lists_are_bodies() -> None:
    text = (
        "MEMORANDUM No. 12\n\nTO: ALL HEADS OF PORT AUTHORITIES, HARBOUR PILOT ASSOCIATIONS, AND "
        "FERRY OPERATORS\n\nSUBJECT: Buoy standards\n\nThe Qiyuan Maritime Board will issue "
        "rules.\n"
    )
    found = _organizations(text)
    assert found["PORT AUTHORITIES"] == "port authorities"
    assert found["HARBOUR PILOT ASSOCIATIONS"] == "harbour pilot associations"
    assert found["FERRY OPERATORS"] == "ferry operators"
    assert "SUBJECT" not in " ".join(found)


def _policies(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[p.start : p.end]: p.canonical for p in extraction.policy_refs}


def test_numbered_acts_and_their_bracketed_short_titles_are_one_act() -> None:
    text = (
        "This Order is issued under Republic Act No. 20417 (Harbour Safety Act of 2024) and "
        "the Coastal Resilience Act (CRA), Public Law 121-33.\n"
    )
    found = _policies(text)
    assert found["Republic Act No. 20417"] == "Republic Act No. 20417"
    assert found["Harbour Safety Act of 2024"] == "Republic Act No. 20417"
    assert found["Public Law 121-33"] == "Coastal Resilience Act"


def test_a_plans_horizon_of_2100_is_part_of_its_name() -> None:
    text = "The project follows the Qiyuan Coastal Plan 2100 and the Harbour Strategy 2040.\n"
    found = _policies(text)
    assert "Qiyuan Coastal Plan 2100" in found


def _topics(text: str) -> list[str]:
    return [text[r.start : r.end] for r in extract_text(text).requirements]


def test_work_in_a_committee_on_a_topic_ends_at_the_next_predicate() -> None:
    text = (
        "2 Harbours\n2.1 Funded ports shall contribute to the work of CEN/TC 999 on buoy "
        "telemetry and shall take account of ISO 19901-7:2013.\n"
    )
    assert "buoy telemetry" in _topics(text)


def test_a_national_committee_named_by_its_code_is_standard_setting() -> None:
    text = (
        "We will take part, through our engineers, in the Standards Borduria committee "
        "Q 5120 on pier fender testing.\n"
    )
    assert any("pier fender testing" in topic for topic in _topics(text))


def test_agencies_titled_by_function_and_state_or_province() -> None:
    text = (
        "Transport for Borealis? No: Transport for Wales, Infrastructure Ontario and Cyber "
        "Security NSW will co-fund the work with Transport Canada. South East Queensland "
        "grows, and the King's Printer for Ontario prints the order.\n"
    )
    found = _organizations(text)
    for name in ("Transport for Wales", "Infrastructure Ontario", "Cyber Security NSW",
                 "Transport Canada"):  # fmt: skip
        assert found[name] == name
    assert "South East Queensland" not in found
    assert not any("Printer" in surface for surface in found)


def test_unions_chancelleries_presidencies_and_standing_committees_are_bodies() -> None:
    text = (
        "The Union of Harbour Towns of Borduria, the Chancellery of the Prime Minister, the "
        "Coastal Emergency Presidency (CEP) and the Standing Committee on Buoys agree.\n"
    )
    found = _organizations(text)
    for name in ("Union of Harbour Towns of Borduria", "Chancellery of the Prime Minister",
                 "Coastal Emergency Presidency", "Standing Committee on Buoys"):  # fmt: skip
        assert found[name] == name


def test_an_acronym_of_a_masthead_in_capitals_takes_the_name_as_written() -> None:
    text = (
        "HARBOUR COMMUNITY OF NORTHERN BORDURIA\n\nREGULATION 7/2029\n\nThe HCNB Council "
        "adopts this regulation. HCNB shall publish it.\n"
    )
    uses = [o.canonical for o in extract_text(text).organizations if o.surface == "HCNB"]
    assert uses and set(uses) == {"Harbour Community of Northern Borduria"}


def test_utilities_named_by_brand_and_trade() -> None:
    text = (
        "The city will work with Qorvax Energy on streetlights, and Borduria Harbour Networks "
        "will connect the chargers.\nThe plan supports Renewable Energy and Clean Water for all, "
        "and the Swedish Energy Agency funds it under the Harbour Energy and Jobs Plan.\n"
    )
    found = _organizations(text)
    assert found.get("Qorvax Energy") == "Qorvax Energy"
    assert "Renewable Energy" not in found and "Clean Water" not in found
    assert "Harbour Energy" not in found


def test_a_bodys_governing_organ_is_the_body() -> None:
    text = (
        "The Harbour Standards Organization of Borduria (HSOB) publishes buoy standards. The "
        "HSOB Board of Directors approved the plan, and the Technical Council of HSOB adopted "
        "it.\n"
    )
    found = _organizations(text)
    assert found["HSOB Board of Directors"] == "Harbour Standards Organization of Borduria"
    assert found["Technical Council of HSOB"] == "Harbour Standards Organization of Borduria"


def test_the_last_and_of_a_comma_list_joins_its_last_item() -> None:
    text = (
        "Formulate standards for buoy retrofitting in existing harbours, mooring rings on "
        "public quays and floating pontoon decks.\n"
    )
    topics = _topics(text)
    assert "mooring rings on public quays" in topics
    assert "floating pontoon decks" in topics


def test_a_feature_after_with_stays_in_the_item_and_the_list_goes_on() -> None:
    text = (
        "Formulate standards for leak detection of harbour pipes, smart buoys with automatic "
        "beacons, and fender alarms in ferry terminals; existing alarms remain valid.\n"
    )
    topics = _topics(text)
    assert "smart buoys with automatic beacons" in topics
    assert "fender alarms in ferry terminals" in topics


def test_gap_statements_with_adverbs_acronyms_and_technical_regulations() -> None:
    text = (
        "There is currently no national technical regulation on buoy lighting in harbours. "
        "No consensus standard currently exists for the cybersecurity of ferry ticket gates. "
        "There is no QRS or European standard yet for data models of mooring sensors. "
        "Harmonised standards are therefore needed for the data carrier on the buoy and for "
        "the exchange of buoy data between the registry and the systems of port operators.\n"
    )
    topics = _topics(text)
    assert "buoy lighting in harbours" in topics
    assert "cybersecurity of ferry ticket gates" in topics
    assert "data models of mooring sensors" in topics
    assert "data carrier on the buoy" in topics
    assert "exchange of buoy data between the registry and the systems of port operators" in topics


def test_a_publishers_acronym_names_its_standards_as_a_kind() -> None:
    text = (
        "Pier loads follow QHS 2050 and QHS-ISO 19901-7. The Institute will develop a family "
        "of QHS on buoy mooring. New QHS on ferry ramps are planned for 2028. A new XYZ on "
        "quays is no call.\n"
    )
    topics = _topics(text)
    assert "buoy mooring" in topics
    assert "ferry ramps" in topics
    assert "quays" not in topics


def test_goals_from_to_by_half_and_by_end_of() -> None:
    text = (
        "Targets:\n- Ports with a buoy plan to rise from 12 to 40 by 2029.\n"
        "- Reduce ferry delays by half by 2031 from the 2025 level.\n"
        "- Publish the buoy standard in at least 6 harbours by end of 2028.\n"
    )
    assert _targets(text) == [(40.0, 2029), (50.0, 2031), (6.0, 2028)]


def test_a_places_possessive_stays_in_its_plans_title() -> None:
    text = (
        "Safety stays federal, and Harbour Borduria's Borduria's Framework for Smart Buoys "
        "guides trials. The plan adds to the Coastal Act of Nova Scotia and to Borduria's "
        "National Harbour Strategy. The European Parliament's Resolution on ports is noted.\n"
    )
    found = _policies(text)
    canonical = set(found.values())
    assert "Borduria's Framework for Smart Buoys" in canonical
    assert "Borduria's National Harbour Strategy" in canonical
    assert "European Parliament Resolution" in canonical


def test_an_editors_note_under_the_footer_leaves_the_footer_chrome() -> None:
    text = (
        "The Harbour Board of Qiyuan will publish buoy rules with QRS 12:2027.\n\n"
        "Contact us | Privacy | (c) QRS 2028 | © Qiyuan Harbour Council 2028\n\n"
        "[Unofficial translation prepared by the secretariat; the Qiyuan text prevails.]\n"
    )
    extraction = extract_text(text)
    assert not any("Council" in o.surface for o in extraction.organizations)
    assert all(s.end < text.index("Contact us") for s in extraction.standards)


def test_ieee_lists_sae_slash_numbers_and_csa_single_digit_numbers() -> None:
    text = (
        "Units use networking per IEEE 1609.3 and 1609.4. SAE is asked to revise SAE J2945/1 "
        "for buoys. Piers follow CSA S6:19 and CSA A23.1:19.\n"
    )
    found = _standards(text)
    assert found["1609.4"] == "IEEE 1609.4"
    assert found["SAE J2945/1"] == "SAE J2945/1"
    assert found["CSA S6:19"] == "CSA S6:19"


def _standards(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[s.start : s.end]: s.canonical for s in extraction.standards}


def test_a_revision_of_a_designation_led_by_a_series_letter_names_its_topic() -> None:
    text = "SAE is asked to revise SAE J3999/2 to cover the detection of buoys at night.\n"
    assert "detection of buoys at night" in _topics(text)


def test_a_table_of_planned_standards_by_project_code() -> None:
    text = (
        "1. Planned local standards\n| No. | Project | Type | Committee |\n"
        "| 2030-H-01 | Buoy lighting in harbour basins | Formulate | QH/TC 4 |\n"
        "| 2030-H-02 | Fender testing on ferry piers | Revise | QH/TC 4 |\n\n"
        "2. Budget\n| No. | Project | Amount |\n| 2030-B-01 | Pier repairs | 40 |\n"
    )
    topics = _topics(text)
    assert "Buoy lighting in harbour basins" in topics
    assert "Fender testing on ferry piers" in topics
    assert "Pier repairs" not in topics


def test_supreme_decrees_and_titles_that_list_their_subjects() -> None:
    text = (
        "Harbour works\n\nThe rules of Supreme Decree No. 12 of 2030 apply under the Harbour "
        "Standardisation, Buoy Safety, Metrology and Testing Act, 2029.\n"
    )
    found = _policies(text)
    assert found["Supreme Decree No. 12 of 2030"] == "Supreme Decree No. 12 of 2030"
    assert "Harbour Standardisation, Buoy Safety, Metrology and Testing Act, 2029" in found


def test_an_other_language_name_spelled_by_a_defined_abbreviation_is_that_body() -> None:
    text = (
        "The ministry asked the National Harbour Institute (INP) for a draft. The Instituto "
        "Nacional de Puertos will consult on it. The Swiss Association for Buoys (SNB) and the "
        "Swiss Accreditation Service (SAS) agree.\n"
    )
    found = _organizations(text)
    assert found["Instituto Nacional de Puertos"] == "National Harbour Institute"
    assert found["Swiss Association for Buoys"] == "Swiss Association for Buoys"


def test_an_addressee_block_lists_classes_on_its_indented_lines() -> None:
    text = (
        "FROM: Head of the Harbour Division\nTO:   Regional Harbour Secretariats (RHS), all "
        "regions\n      Municipal Pier Directorates (MPD) of the country\n\nSUBJECT: Buoys\n"
    )
    found = _organizations(text)
    assert "Regional Harbour Secretariats" in found
    assert "Municipal Pier Directorates" in found
    assert "regions" not in found


def test_study_groups_standard_profiles_and_regional_publishers() -> None:
    text = (
        "It shall develop a regional standard profile for open buoy data APIs. Members take "
        "part in the work of ISO/TC 8 on buoy lights and of ITU-T Study Group 20 on IoT for "
        "harbours. Revise DB99/T 1223-2020 to cover elderly-friendly ferry ramps.\n"
    )
    topics = _topics(text)
    assert "open buoy data APIs" in topics
    assert "IoT for harbours" in topics
    assert "elderly-friendly ferry ramps" in topics


def test_a_decisions_number_ends_an_organs_name() -> None:
    text = (
        "The Harbour Standards Organization (HSO) publishes rules.\nApproved by the Board of "
        "Directors of HSO, Resolution No. 14/218, dated 2 October 2028.\n"
    )
    found = _organizations(text)
    assert found["Board of Directors of HSO"] == "Harbour Standards Organization"


def test_an_imperative_that_opens_a_task_is_no_part_of_a_name() -> None:
    text = "(3) Support Qiyuan Harbour University in joining the work of ISO/TC 8.\n"
    found = _organizations(text)
    assert found.get("Qiyuan Harbour University") == "Qiyuan Harbour University"
