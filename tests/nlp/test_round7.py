"""Round 7 mechanisms, each checked on invented sentences: a policy's number in brackets after
its name, numbered issuances typed by their head word, a city plan's own bodies named with the
city."""

from __future__ import annotations

from nlp.bodies import bodies_in_apposition
from nlp.org_resolution import document_city
from nlp.pipeline import extract_text
from nlp.policy_refs import _bracketed_aliases, _with_abbreviations
from nlp.policy_titles import find_policy_refs, type_of


def _refs(text: str) -> list[tuple[str, str, str]]:
    found = find_policy_refs(text, 0, len(text))
    found = _bracketed_aliases(text, found)
    found = _with_abbreviations(text, 0, len(text), found)
    return [(text[r.start : r.end], r.canonical, r.type) for r in found]


def test_a_number_in_brackets_after_a_name_is_the_same_act() -> None:
    text = "Works follow the Harbour Statute (Federal Law No. 4.321/2009) and other rules."
    assert _refs(text) == [
        ("Harbour Statute", "Harbour Statute", "law"),
        ("Federal Law No. 4.321/2009", "Harbour Statute", "law"),
    ]


def test_an_abbreviation_before_the_number_is_a_third_name() -> None:
    text = (
        "Data is handled under the General Ferry Safety Law (GFSL, Law No. 12.345/2017). "
        "The GFSL applies to every operator."
    )
    refs = _refs(text)
    assert {canonical for _, canonical, _ in refs} == {"General Ferry Safety Law"}
    assert [surface for surface, _, _ in refs] == [
        "General Ferry Safety Law",
        "GFSL",
        "Law No. 12.345/2017",
        "GFSL",
    ]


def test_an_act_number_without_no_in_brackets() -> None:
    text = "Under the Weights of Freedonia Act 1987 (Act 312), the council approves the list."
    assert _refs(text) == [
        ("Weights of Freedonia Act 1987", "Weights of Freedonia Act 1987", "law"),
        ("Act 312", "Weights of Freedonia Act 1987", "law"),
    ]


def test_an_official_eu_number_keeps_its_name() -> None:
    text = "the Widget Regulation (Regulation (EU) 2031/77) applies"
    assert {canonical for _, canonical, _ in _refs(text)} == {"Regulation (EU) 2031/77"}


def test_a_bracket_that_is_not_only_a_number_is_not_an_alias() -> None:
    text = "the Harbour Statute (as amended by Law No. 4.321/2009) applies"
    assert ("Law No. 4.321/2009", "Law No. 4.321/2009", "law") in _refs(text)


def test_a_decree_dated_by_its_day_is_whole() -> None:
    text = "Instituted by Municipal Decree No. 12.345 of 3 March 2031, the plan runs five years."
    assert _refs(text)[0][:2] == ("Municipal Decree No. 12.345", "Municipal Decree No. 12.345")


def test_numbered_issuances_are_typed_by_their_head_word() -> None:
    assert type_of("Executive Order 99999") == "regulation"
    assert type_of("Decree No. 1.234/2030") == "regulation"
    assert type_of("OMB Memorandum M-99-01") == "other"
    assert type_of("Law No. 1.234/2030") == "law"
    assert type_of("City Statute") == "law"
    assert type_of("Freedonia Digital Blueprint") == "plan"


# --- a city plan's own bodies ----------------------------------------------------------------
_CITY_PLAN = (
    "Vila Serena Mobility Plan 2031\n\n"
    "The Municipality of Vila Serena, through the Municipal Secretariat of Harbours (SEPORT), "
    "presents this plan to the City Council.\n\n"
    "Action 1 - SEPORT will draw up municipal specifications for ferry timetables. The Office "
    "of the Mayor chairs the steering group, and the Municipality of Vila Serena reports to the "
    "Ministry of Cities every year.\n"
)


def test_a_city_is_named_by_how_its_plan_names_itself() -> None:
    assert document_city(_CITY_PLAN) == "Vila Serena"
    assert document_city("The City of Lakeview once; then nothing else about it.") is None
    assert document_city(
        "PREFEITURA MUNICIPAL DE SANTA LUZIA\nA Prefeitura Municipal de Santa Luzia"
    ) == ("Santa Luzia")


def test_municipal_bodies_carry_the_city_name() -> None:
    orgs = extract_text(_CITY_PLAN, source="vila-serena.txt").organizations
    names = {o.surface: o.canonical for o in orgs}
    assert names["Municipal Secretariat of Harbours"] == (
        "Vila Serena Municipal Secretariat of Harbours"
    )
    assert names["SEPORT"] == "Vila Serena Municipal Secretariat of Harbours"
    assert names["City Council"] == "Vila Serena City Council"
    assert names["Office of the Mayor"] == "Office of the Mayor of Vila Serena"
    assert names["Municipality of Vila Serena"] == "Municipality of Vila Serena"
    assert not any("Vila Serena" in o.canonical for o in orgs if "Ministry" in o.surface)


def test_a_national_text_keeps_unqualified_names() -> None:
    text = "The City Council of each town and the Office of the Mayor will cooperate with X."
    assert document_city(text) is None


# --- bodies no gazetteer lists -----------------------------------------------------------------
def _bodies(text: str) -> dict[str, str]:
    return {o.surface: o.canonical for o in extract_text(text, source="x.txt").organizations}


def test_function_units_of_a_level_are_a_class_of_local_counterparts() -> None:
    from nlp.local_units import local_units

    text = (
        "To: the forestry and parks bureaus of the special cities and provinces; the tram "
        "safety departments of the city and district offices."
    )
    found = {f.surface: f.canonical for f in local_units(text, 0, len(text))}
    assert found == {
        "forestry and parks bureaus of the special cities and provinces": (
            "provincial-level forestry and parks departments"
        ),
        "tram safety departments of the city and district offices": (
            "local tram safety departments"
        ),
    }


def test_member_states_are_not_a_local_level() -> None:
    from nlp.local_units import local_units

    text = "The market surveillance offices of the member states shall report."
    assert local_units(text, 0, len(text)) == []


def test_a_name_in_apposition_to_its_kind_is_a_body() -> None:
    bodies = _bodies(
        "Action 2. With the grid operator Zuidnet Stroom, the department will test meters. The "
        "water board Hoogheem Rijnvliet and the gas company Veldgas will join, and the city "
        "shares results through the Cityloop network."
    )
    assert bodies["Zuidnet Stroom"] == "Zuidnet Stroom"
    assert bodies["Hoogheem Rijnvliet"] == "Hoogheem Rijnvliet"
    assert bodies["Veldgas"] == "Veldgas"
    assert bodies["Cityloop"] == "Cityloop"


def test_a_municipality_named_in_its_own_language() -> None:
    text = "Gemeente Zilverveen\n\nThe plan of the city.\n\nContact | (c) Gemeente Zilverveen\n"
    assert [f.canonical for f in bodies_in_apposition(text, 0, len(text))] == [
        "Municipality of Zilverveen"
    ]


def test_a_province_of_a_place_is_a_body_and_a_sum_ends_its_name() -> None:
    bodies = _bodies(
        "The plan costs EUR 3 million, of which EUR 1 million comes from the Province of "
        "Zeeveld and EUR 0.5 million from the city."
    )
    assert "Province of Zeeveld" in bodies


# --- calls for standards in more wordings ------------------------------------------------------
def _topics(text: str) -> list[str]:
    from nlp.requirements import find_topics

    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def test_planned_work_items_are_calls() -> None:
    assert _topics("Work items are planned on tidal gate sensors for canals.") == [
        "tidal gate sensors for canals"
    ]


def test_work_items_proposed_to_a_body_end_before_the_body() -> None:
    assert _topics("The agency will propose new work items on snow load sensing to ISO.") == [
        "snow load sensing"
    ]


def test_national_deliverable_types_are_standards() -> None:
    assert _topics(
        "A Technical Agreement shall be prepared covering noise of rooftop fans in courtyards."
    ) == ["noise of rooftop fans in courtyards"]
    assert _topics("The board will develop a Technical Reference on kiosk anchoring.") == [
        "kiosk anchoring"
    ]


def test_an_adverb_among_the_auxiliaries_of_a_passive_call() -> None:
    assert _topics("A specification shall also be prepared for tram stop canopies.") == [
        "tram stop canopies"
    ]


def test_a_parenthetical_between_the_verb_and_its_object() -> None:
    assert _topics(
        "The utility will develop, with the city, a shared specification for meter data."
    ) == ["meter data"]
    assert _topics(
        "The country will contribute, through its mirror committee, to work items of XYZ Study "
        "Group 9 on the upkeep of ferry beacons."
    ) == ["upkeep of ferry beacons"]


def test_a_qualified_standard_with_its_topic_after_it() -> None:
    assert _topics(
        "The office will work with the Union of Towns (UT) on a common data standard for the "
        "listing of benches, and on standards for the publication of bench counts."
    ) == ["listing of benches", "publication of bench counts"]


def test_a_long_topic_is_kept_whole() -> None:
    topic = (
        "exchange of cargo position data between terminal operating systems and regional "
        "port community systems"
    )
    assert _topics(f"Standards shall be prepared for the {topic}.") == [topic]


def test_the_absence_of_standards_is_not_a_topic() -> None:
    assert _topics("Bidders may propose other designs where these standards are missing.") == []


# --- more policy titles ------------------------------------------------------------------------
def test_two_titles_joined_before_an_ordinal() -> None:
    text = "under the Harbour Safety Act and the 3rd National Quay Basic Plan (2031-2035)."
    assert [s for s, _, _ in _refs(text)] == [
        "Harbour Safety Act",
        "3rd National Quay Basic Plan (2031-2035)",
    ]


def test_a_two_word_act_with_its_year() -> None:
    text = "shall note the Data Sharing Act 2019 and the Canalsafety Act 2021."
    assert [s for s, _, _ in _refs(text)] == ["Data Sharing Act 2019", "Canalsafety Act 2021"]


def test_agreements_are_titles_but_a_kind_of_agreement_is_not() -> None:
    assert [s for s, _, _ in _refs("It serves the National Ferry Emissions Agreement.")] == [
        "National Ferry Emissions Agreement"
    ]
    assert _refs("Then a Dutch Technical Agreement shall be prepared on hinges.") == []


def test_a_programme_named_before_its_lower_case_kind() -> None:
    text = "The ministry supports the plan through its Harbour Deals programme."
    assert _refs(text) == [("Harbour Deals programme", "Harbour Deals programme", "programme")]
    assert _refs("The city plan and the City programme for streets.") == []


def test_an_acts_name_in_its_own_language_in_brackets() -> None:
    text = "It implements the Soil and Dikes Act (Bodemdijkwet) in full."
    assert _refs(text) == [
        ("Soil and Dikes Act", "Soil and Dikes Act", "law"),
        ("Bodemdijkwet", "Soil and Dikes Act", "law"),
    ]
    assert len(_refs("It implements the Soil and Dikes Act (Revised) in full.")) == 1


def test_a_line_that_only_numbers_the_document_is_not_its_title() -> None:
    text = (
        "Port Agency Notice No. 2031-07\n\nHarbour Lighting Standardization Plan 2031-2033\n\nText."
    )
    assert extract_text(text, source="n.txt").document.title == (
        "Harbour Lighting Standardization Plan 2031-2033"
    )


# --- identifiers ---------------------------------------------------------------------------------
def _ids(text: str) -> list[tuple[str, str]]:
    from nlp.identifiers import find_identifiers

    return [(m.surface, m.id.canonical) for m in find_identifiers(text)]


def test_etsi_deliverables_without_etsi_by_their_spaced_numbers() -> None:
    assert _ids("Devices meet TS 103 645 and TR 104 001-2; a TS 12 is no ETSI number.") == [
        ("TS 103 645", "ETSI TS 103 645"),
        ("TR 104 001-2", "ETSI TR 104 001-2"),
    ]


def test_a_bare_etsi_number_needs_etsi_named_in_the_text() -> None:
    assert _ids("It uses TS 103 645 and TR 104 001-2.") == []


def test_european_national_bodies_and_their_hyphenated_adoptions() -> None:
    assert _ids("Use NEN 1234-1:2019, NEN-EN-ISO 9999-2:2018 and NTA 1111:2024.") == [
        ("NEN 1234-1:2019", "NEN 1234-1:2019"),
        ("NEN-EN-ISO 9999-2:2018", "NEN-EN-ISO 9999-2:2018"),
        ("NTA 1111:2024", "NTA 1111:2024"),
    ]


def test_a_designation_only_one_body_publishes_gets_its_full_prefix() -> None:
    assert _ids("Paving follows NBR 12345:2016.") == [("NBR 12345:2016", "ABNT NBR 12345:2016")]


# --- targets and document metadata in technical annexes --------------------------------------
def _targets(text: str) -> list[tuple[str, int | None]]:
    return [(t.surface, t.year) for t in extract_text(text, source="t.txt").targets]


def test_a_numbered_technical_requirement_states_parameters_not_goals() -> None:
    text = (
        "Annex C: Technical Specification for Kiosks\n\n"
        "C1. By 2031, at least 300 kiosks shall be installed.\n"
        "REQ-C2-04 Kiosks shall maintain an availability of 99.5 per cent measured monthly.\n"
        "REQ-C2-05 Firmware shall meet ETSI EN 303 645 V2.1.1.\n"
    )
    assert _targets(text) == [("at least 300 kiosks", 2031)]


def test_a_goal_label_and_a_past_result_are_not_targets() -> None:
    text = (
        "Goals\n\nGoal 1 - Clean air. By 2031 at least 40 per cent of buses shall be electric.\n"
        "Goal 2 - Parks. Goal 2 continues the 2025 programme of meadows, which reached 12 "
        "hectares.\n"
    )
    assert _targets(text) == [("at least 40 per cent of buses", 2031)]


def test_a_deadline_in_the_head_is_not_the_documents_date() -> None:
    text = (
        "Tender annex\n\nB1.1 Nodes shall be in operation by 31 December 2031, and 80 per cent "
        "of poles connected by the end of 2030.\n"
    )
    result = extract_text(text, source="t.txt")
    assert result.document.date is None
    assert [(t.value, t.year) for t in result.targets] == [(80.0, 2030)]


def test_a_named_body_referred_back_to_in_lower_case() -> None:
    bodies = extract_text(
        "Adopted by the Zilverveen Municipal Council on 1 March 2031.\n\n"
        "The steering group reports to the municipal council once a year.",
        source="z.txt",
    ).organizations
    assert [(o.surface, o.canonical) for o in bodies] == [
        ("Zilverveen Municipal Council", "Zilverveen Municipal Council"),
        ("municipal council", "Zilverveen Municipal Council"),
    ]


def test_cen_and_cenelec_are_two_bodies() -> None:
    keys = [
        o.key for o in extract_text("Work with CEN and CENELEC on X.", source="c.txt").organizations
    ]
    assert keys == ["cen", "cenelec"]


def test_an_abbreviation_with_a_slash() -> None:
    bodies = _bodies(
        "The department works with Zeeveld University of Technology (TU/z) on sensors. "
        "TU/z will publish the data."
    )
    assert bodies["TU/z"] == "Zeeveld University of Technology"


# --- round 7b: calls in the wordings of heldout6/dev ----------------------------------------
def test_a_modal_passive_call() -> None:
    assert _topics("Whether a code of practice covering kiosk siting can be developed.") == [
        "kiosk siting"
    ]


def test_a_deliverable_that_should_address_a_topic() -> None:
    assert _topics("Specifications for ferry apps should address fare capping for students.") == [
        "fare capping for students"
    ]


def test_topics_that_should_be_covered_by_a_standard() -> None:
    assert _topics("Bench placement and kerb colour should be covered by a Fooish Standard.") == [
        "Bench placement",
        "kerb colour",
    ]


def test_no_agreed_method_is_a_gap_to_fill() -> None:
    assert _topics(
        "There is no agreed method for measuring the noise of ferry horns, and a code of "
        "practice for this is needed."
    ) == ["noise of ferry horns"]


def test_a_call_stated_after_its_topic() -> None:
    assert _topics("Standardisation of tram ticket data is overdue, say the operators.") == [
        "tram ticket data"
    ]
    assert _topics("Guidance on the training of quay wardens is needed.") == [
        "training of quay wardens"
    ]
    assert _topics("This note explains which standards apply and where new ones are needed.") == []


def test_pressing_for_standards_is_asking_for_them() -> None:
    assert _topics("We will press for common standards for reporting ferry emissions.") == [
        "reporting ferry emissions"
    ]


def test_an_action_item_in_the_imperative() -> None:
    assert _topics("Action 2.1: Publish a code of practice for digital canal permits.") == [
        "digital canal permits"
    ]


def test_revising_an_identified_standard_on_a_topic() -> None:
    assert _topics("Revise XS 4121:2001 on design for tram access.") == ["design for tram access"]
    assert _topics(
        "Review XS 3604:2011 (timber sheds) so that it covers mid-rise timber sheds."
    ) == ["mid-rise timber sheds"]


def test_recommendations_are_deliverables_but_not_in_a_title() -> None:
    assert _topics("Recommendations are needed on the naming of canal locks.") == [
        "naming of canal locks"
    ]
    assert (
        _topics(
            "This plan is formulated to carry out the Recommendations for the 9th Plan for Canals."
        )
        == []
    )


def test_codes_arrangements_and_policy_statements_are_titles() -> None:
    refs = [
        s
        for s, _, _ in _refs(
            "Standards cited in the Harbour Code are free. Work follows the Trans-Fooian Mutual "
            "Recognition Arrangement and the Government Policy Statement on Canals and Locks."
        )
    ]
    assert refs == [
        "Harbour Code",
        "Trans-Fooian Mutual Recognition Arrangement",
        "Government Policy Statement on Canals and Locks",
    ]
    assert _refs("Use a National Code of Practice for kiosks.") == []


def test_sdgs_by_number() -> None:
    assert [c for _, c, _ in _refs("It supports SDG 11 and SDG target 11.3 in full.")] == [
        "United Nations Sustainable Development Goals",
        "United Nations Sustainable Development Goals",
    ]


def test_a_named_programme_with_joint_words_keeps_its_kind() -> None:
    assert _refs("It supports the Building for Canal Change programme this year.") == [
        ("Building for Canal Change programme", "Building for Canal Change programme", "programme")
    ]


def test_a_short_title_with_its_period() -> None:
    assert [s for s, _, _ in _refs("These support our Harbour Plan 2021-2037 in full.")] == [
        "Harbour Plan 2021-2037"
    ]
    assert _refs("Lindemeer: Action Plan 2027-2030 (English summary)") == []


def test_a_breadcrumb_names_no_policy() -> None:
    text = "Home > Council > Plans > Canal Safety Strategy\n\nThe Canal Safety Strategy applies."
    found = extract_text(text, source="b.txt").policy_refs
    assert [r.start for r in found] == [text.index("Canal Safety Strategy applies")]


def test_a_lower_case_council_is_not_the_council_of_the_eu() -> None:
    text = "The Borough of Zeeford will act. The council will report, and the Council agrees."
    assert not any(
        o.key == "council-of-the-eu" for o in extract_text(text, source="u.txt").organizations
    )
    eu = "The Council of the European Union and the Council shall act on the proposal."
    keys = [o.key for o in extract_text(eu, source="e.txt").organizations]
    assert keys.count(keys[0]) == 2


def test_colleges_and_chambers_split_a_list_of_bodies() -> None:
    bodies = _bodies(
        "The board brings together the University of Zeeford, Zeeford College and the Zeeford "
        "Chamber of Commerce."
    )
    assert {"University of Zeeford", "Zeeford College", "Zeeford Chamber of Commerce"} <= set(
        bodies
    )


def test_councils_and_authorities_of_a_level_are_a_class() -> None:
    from nlp.local_units import local_units

    text = "Territorial authorities and regional councils will report; local authorities may."
    assert [f.canonical for f in local_units(text, 0, len(text))] == [
        "territorial authorities",
        "regional councils",
    ]


def test_items_of_a_list_announced_as_goals() -> None:
    text = (
        "4. Targets\n\nBy the end of 2031 the programme aims to:\n"
        "- bring the number of towns using the kiosks to at least 300;\n"
        "- support 25 countries in preparing roadmaps.\n"
    )
    assert [(t.value, t.year) for t in extract_text(text, source="g.txt").targets] == [
        (300.0, 2031),
        (25.0, 2031),
    ]


def test_goals_stated_by_a_verb_of_change_or_net_zero() -> None:
    text = (
        "1. Our commitments\n\nWe will:\n- halve the ferry fleet's emissions by 2031;\n"
        "- reach net zero for harbour operations by 2036.\n\n"
        "The UK Net Zero Strategy and the Department for Energy Security and Net Zero apply.\n"
    )
    assert [(t.value, t.year) for t in extract_text(text, source="n.txt").targets] == [
        (50.0, 2031),
        (0.0, 2036),
    ]


def test_a_doubling_with_its_number_counts_once() -> None:
    text = "Proposals shall double, from 9 in 2025 to at least 18 proposals by 2031."
    assert [(t.value, t.year) for t in extract_text(text, source="d.txt").targets] == [(18.0, 2031)]


def test_bare_itu_numbers_in_a_text_about_itu() -> None:
    assert [c for _, c in _ids("ITU-T SG 20 approved Y.4321 and F.7654/L.1234.")] == [
        "ITU-T Y.4321",
        "ITU-T F.7654",
    ]
    assert _ids("ITU work covers F.7654/L.1234.") == [("F.7654/L.1234", "ITU-T F.7654")]
    assert _ids("See annex B.1, clause A.123 and Y.4321.") == []
