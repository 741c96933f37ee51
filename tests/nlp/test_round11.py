"""Round 11 organization mechanisms, each checked on invented sentences: names listed beside a
body or called one by a list noun, names in capitals, acronyms written after a name without
brackets, one-word aliases inside longer names, and a few more organization nouns."""

from __future__ import annotations

import pytest

from nlp.coordination import coordinated_names
from nlp.organizations import readable_name
from nlp.pipeline import extract_text


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def _names(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def _never(_start: int, _end: int) -> bool:
    return False


# --- coordination (pure) ------------------------------------------------------------------------


def test_names_listed_before_a_body_are_bodies_in_turn() -> None:
    text = "Partners are Norvik Labs, KTQ, Brelle and the Harbour Research Institute."
    bodies = _spans(text, "Harbour Research Institute")
    found = coordinated_names(text, 0, len(text), bodies, [], _never)
    assert _names(text, found) == ["Norvik Labs", "KTQ", "Brelle"]


def test_a_name_after_a_body_and_its_abbreviation_is_listed_too() -> None:
    text = "The Harbour Research Institute (HRI) and Brelle run the mirror committees."
    bodies = _spans(text, "Harbour Research Institute")
    found = coordinated_names(text, 0, len(text), bodies, [], _never)
    assert _names(text, found) == ["Brelle"]


def test_the_veto_keeps_places_out_of_the_list() -> None:
    text = "The Harbour Research Institute, Norland and Brelle signed the charter."
    bodies = _spans(text, "Harbour Research Institute")

    def norland_is_a_place(start: int, end: int) -> bool:
        return text[start:end] == "Norland"

    unchecked = coordinated_names(text, 0, len(text), bodies, [], _never)
    assert _names(text, unchecked) == ["Norland", "Brelle"]
    found = coordinated_names(text, 0, len(text), bodies, [], norland_is_a_place)
    assert _names(text, found) == []  # the list stops at the place


def test_a_list_noun_names_its_members_without_a_known_body() -> None:
    text = "Brightwave and other carriers will publish specifications. Utilities such as "
    text += "Norvik Water and Kestrel Power apply them."

    def everything_vetoed(_start: int, _end: int) -> bool:
        return True  # the list noun is evidence enough; only the listed siblings need a veto

    found = coordinated_names(text, 0, len(text), [], [], everything_vetoed)
    assert _names(text, found) == ["Brightwave", "Norvik Water"]


def test_blocked_spans_titles_and_determined_nouns_are_never_names() -> None:
    text = (
        "The Chief Executive Officer, the Harbour Authority and ISO 9001 apply. "
        "It drafts each new NOM, and the Harbour Authority approves it."
    )
    bodies = [(m, m + len("Harbour Authority")) for m in _all(text, "Harbour Authority")]
    blocked = _spans(text, "ISO 9001")
    found = coordinated_names(text, 0, len(text), bodies, blocked, _never)
    assert _names(text, found) == []


def _all(text: str, needle: str) -> list[int]:
    positions, start = [], text.find(needle)
    while start >= 0:
        positions.append(start)
        start = text.find(needle, start + 1)
    return positions


# --- through the pipeline ---------------------------------------------------------------------


def test_listed_proper_names_are_found_in_a_document() -> None:
    text = (
        "Smart Harbour Programme 2028\n\n2.4 Research partners are CSIRO, the Harbour "
        "University of Technology and Griffith University. Telstra and other carriers will "
        "publish their specifications.\n"
    )
    found = _organizations(text)
    assert "CSIRO" in found
    assert "Telstra" in found
    assert "Harbour University of Technology" in found


def test_a_name_in_capitals_is_a_body_written_in_running_case() -> None:
    text = (
        "MINISTRY OF COASTAL AFFAIRS - REPUBLIC OF NORLAND\nPortal | Documents\n\n"
        "DECISION\nApproving the harbour plan.\n\nArticle 1. The plan is approved.\n"
    )
    found = _organizations(text)
    assert found.get("MINISTRY OF COASTAL AFFAIRS") == "Ministry of Coastal Affairs"


def test_a_heading_in_capitals_names_no_body() -> None:
    text = "ANNEX B: SPECIFICATION FOR HARBOUR SENSOR NETWORK NODES\n\n1. Nodes shall log data.\n"
    assert not any("NETWORK" in surface for surface in _organizations(text))


@pytest.mark.parametrize(
    ("capitals", "readable"),
    [
        ("MINISTRY OF ECONOMY", "Ministry of Economy"),
        ("THE OFFICE FOR HARBOURS AND PORTS", "The Office for Harbours and Ports"),
        ("Ministry of Economy", "Ministry of Economy"),
        ("ISO", "ISO"),
    ],
)
def test_readable_name(capitals: str, readable: str) -> None:
    assert readable_name(capitals) == readable


def test_an_acronym_after_a_name_without_brackets_is_its_abbreviation() -> None:
    text = (
        "The Federal Council | gov.example\nNorland Federal Office of Harbours NFOH\n\n"
        "Harbour Programme 2028\n\n2.1 The NFOH leads the programme.\n"
    )
    found = {(surface, canonical) for surface, canonical in _organizations(text).items()}
    assert ("Norland Federal Office of Harbours", "Norland Federal Office of Harbours") in found
    assert ("NFOH", "Norland Federal Office of Harbours") in found


def test_a_one_word_alias_does_not_hide_the_longer_name_it_heads() -> None:
    text = "Harbour Plan 2028\n\nThe Council of Harbour Masters will adopt the specifications.\n"
    assert "Council of Harbour Masters" in _organizations(text)


def test_a_known_function_name_continued_by_more_fields_is_another_body() -> None:
    text = (
        "Harbour Plan 2028\n\nThe Ministry of Natural Resources and Coastal Affairs shall "
        "coordinate the data.\n"
    )
    assert "Ministry of Natural Resources and Coastal Affairs" in _organizations(text)


def test_a_place_in_brackets_after_a_name_is_not_its_abbreviation() -> None:
    text = (
        "Harbour Plan 2028\n\nEndorsed by the NRX Regional Planning Committee.\n\n"
        "2. Partners: the Council of Mayors (NRX) will adopt the specifications. NRX councils "
        "will follow.\n"
    )
    found = _organizations(text)
    assert found.get("Council of Mayors") == "Council of Mayors"
    assert "NRX" not in found


@pytest.mark.parametrize(
    "name",
    [
        "Harbour Society of Engineers and Architects",
        "Conference of Harbour Energy Directors",
        "Norland Accreditation Entity",
        "Norland Energy Market Operator",
        "Superintendence of Harbours and Ports",
        "Harbour Energy Planning Unit",
    ],
)
def test_more_organization_nouns(name: str) -> None:
    text = f"Harbour Plan 2028\n\nThe {name} will review the draft standards by June 2028.\n"
    assert name in _organizations(text)


def test_information_society_is_a_concept_not_a_body() -> None:
    text = "Harbour Plan 2028\n\nThe rules on Information Society services apply to the platform.\n"
    assert not _organizations(text)


# --- standard identifiers ---------------------------------------------------------------------


def _identifiers(text: str) -> list[tuple[str, str]]:
    from nlp.identifiers import find_identifiers

    return [(m.surface, m.id.canonical) for m in find_identifiers(text)]


def test_a_dated_designation_of_an_unknown_family_is_a_standard() -> None:
    text = "Designs follow KRX 310/2:2018 and the fire rules of QCVN 07:2023/BKT."
    assert _identifiers(text) == [
        ("KRX 310/2:2018", "KRX 310/2:2018"),
        ("QCVN 07:2023/BKT", "QCVN 07:2023/BKT"),
    ]


def test_an_unknown_family_seen_dated_is_a_family_for_its_undated_numbers_too() -> None:
    text = "KRX 310/2:2018 applies. KRX 310/2 is to be revised; KRX 12 is a page number."
    assert _identifiers(text) == [("KRX 310/2:2018", "KRX 310/2:2018"), ("KRX 310/2", "KRX 310/2")]


def test_a_hyphenated_designation_ending_in_a_year_is_a_standard() -> None:
    text = "Lamps meet NRM-014-ENRG-2019 and NXM-B-220-ORGC-2011."
    found = _identifiers(text)
    assert found == [
        ("NRM-014-ENRG-2019", "NRM-014-ENRG-2019"),
        ("NXM-B-220-ORGC-2011", "NXM-B-220-ORGC-2011"),
    ]


def test_currencies_times_and_references_are_no_family() -> None:
    text = "EUR 2030:2020 was spent; the meeting is at 10:30; see REF 12:2024 and CHF 18 million."
    assert _identifiers(text) == []


def test_the_year_separator_is_kept_for_families_without_a_catalogue() -> None:
    text = "Use AS 5488.1-2019, SAE J3016:2021, SAE J2735-2016 and CSA C22.2 No. 62368-1."
    assert [canonical for _surface, canonical in _identifiers(text)] == [
        "AS 5488.1-2019",
        "SAE J3016:2021",
        "SAE J2735-2016",
        "CSA C22.2 No. 62368-1",
    ]


def test_a_class_of_local_bodies_keeps_its_level() -> None:
    text = (
        "Harbour Decision 2028\n\nArticle 4. The People's Committees of provinces and "
        "centrally-run cities and the Departments of Harbours of provinces and centrally-run "
        "cities shall implement it. The relevant Harbour Standards Committees will advise.\n"
    )
    found = _organizations(text)
    assert "People's Committees of provinces and centrally-run cities" in found
    assert "Departments of Harbours of provinces and centrally-run cities" in found
    assert not any("Standards Committees" in surface for surface in found)


# --- policy references --------------------------------------------------------------------------


def _policies(text: str) -> list[str]:
    return [p.canonical for p in extract_text(text).policy_refs]


def test_acts_numbered_with_their_issuer_code() -> None:
    text = (
        "DECISION\n\nPursuant to the Law on Harbours No. 21/2019/QH14 and its amending Law No. "
        "12/2026/QH15;\nPursuant to Decision No. 417/QD-TTg of the Prime Minister;\n"
    )
    assert _policies(text) == ["Law on Harbours", "Law No. 12/2026/QH15", "Decision No. 417/QD-TTg"]


def test_a_body_owning_a_titled_policy_is_not_part_of_its_title() -> None:
    text = (
        "Harbour Plan 2028\n\n1. It aligns with the Norland Government's National Harbour "
        "Strategy.\n"
    )
    assert "National Harbour Strategy" in _policies(text)


def test_a_title_may_list_its_subjects_with_commas() -> None:
    text = (
        "Harbour Plan 2028\n\n1. The Federal Act on Harbour Safety, Pilotage and Strengthening "
        "Port Security sets the frame.\n"
    )
    assert "Federal Act on Harbour Safety, Pilotage and Strengthening Port Security" in _policies(
        text
    )


def test_a_year_inside_a_name_is_no_target() -> None:
    text = (
        "Harbour Plan 2028\n\n1. The region will host the Norport 2032 Sailing Games, and the "
        "plan aims to cut harbour outages by 40% by 2032.\n"
    )
    assert [(t.value, t.year) for t in extract_text(text).targets] == [(40.0, 2032)]


def test_a_masthead_pairing_an_acronym_with_a_name_defines_it() -> None:
    text = (
        "NHB | Norland Harbour Board\nHome > Publications\n\nHarbour Work Programme 2027\n\n"
        "1. The programme was adopted in June. NHB will report each year.\n"
    )
    extraction = extract_text(text)
    uses = [o.canonical for o in extraction.organizations if text[o.start : o.end] == "NHB"]
    assert uses and set(uses) == {"Norland Harbour Board"}


# --- requirements ---------------------------------------------------------------------------------


def _topics(text: str) -> list[str]:
    return [r.topic for r in extract_text(text).requirements]


def test_roman_numbered_items_under_a_lead_in_are_topics() -> None:
    text = (
        "Harbour Decree 2027\n\nArticle 5 - The Secretariat shall forward to the standards "
        "body proposals for national standards on:\nI - mooring sensors on floating piers;\n"
        "II - interoperability of harbour data platforms.\n"
    )
    assert _topics(text) == [
        "mooring sensors on floating piers",
        "interoperability of harbour data platforms",
    ]


def test_a_plural_acronym_names_deliverables_in_a_lead_in() -> None:
    text = (
        "Harbour Programme 2027\n\nf) Accessibility. Priority topics for NRXs in 2027:\n"
        "   1. tactile paving on quays;\n   2. audible signals at ferry gates.\n"
    )
    assert _topics(text) == ["tactile paving on quays", "audible signals at ferry gates"]


def test_a_named_standard_that_leaves_a_topic_out_states_a_gap() -> None:
    text = (
        "Harbour Plan 2027\n\n1. Staff found that KRX W210 does not cover retrofits of old quays.\n"
    )
    assert _topics(text) == ["retrofits of old quays"]


def test_a_second_gap_after_a_comma_is_its_own_requirement() -> None:
    text = (
        "Harbour Plan 2027\n\n2. There is no national standard for the testing of crane "
        "sensors, and no common specification exists for the upkeep of berth maps by ports.\n"
    )
    assert _topics(text) == ["testing of crane sensors", "upkeep of berth maps by ports"]


def test_long_and_dotted_family_codes_with_amendments() -> None:
    text = "Use HARMOSTD 071-1:2027 and R.S. 54:2014+A1:2019; R.S. 54 is revised; R.S. 12 is not."
    assert _identifiers(text) == [
        ("HARMOSTD 071-1:2027", "HARMOSTD 071-1:2027"),
        ("R.S. 54:2014+A1:2019", "R.S. 54:2014+A1:2019"),
        ("R.S. 54", "R.S. 54"),
    ]


def test_acts_cited_by_number_year_and_subject_or_by_series() -> None:
    text = (
        "Harbour Regulation 2027\n\nMINDFUL of Supplementary Act B/SA.4/05/19 adopting the "
        "policy;\nConsidering Law Number 12 of 2004 on Harbours and Government Regulation "
        "Number 7 of 2019 on the Harbour Safety System;\n"
    )
    assert _policies(text) == [
        "Supplementary Act B/SA.4/05/19",
        "Law Number 12 of 2004 on Harbours",
        "Government Regulation Number 7 of 2019 on the Harbour Safety System",
    ]


def test_items_naming_deliverables_make_their_lead_in_a_request() -> None:
    text = (
        "Harbour Regulation 2027\n\nArticle 3 - The Task Group shall prepare, within 18 months:\n"
        "(a) a harmonised standard for the remote monitoring of berth sensors, using IEC 61850;\n"
        "(b) a harmonised standard for shore power connectors.\n"
    )
    assert _topics(text) == ["remote monitoring of berth sensors", "shore power connectors"]


def test_gaps_named_by_a_regional_standard_or_an_acronym() -> None:
    text = (
        "Harbour Regulation 2027\n\n1. No regional or international standard exists for the "
        "recycling of buoy batteries.\n2. Works shall follow these rules:\n(1) anchors;\n"
        "(2) No SNI yet exists for the seismic anchoring of cranes.\n3. There is no Irish or "
        "European standard for the commissioning of quay pumps, and guidance is lacking on the "
        "retrofit of meters in old sheds.\n"
    )
    assert _topics(text) == [
        "recycling of buoy batteries",
        "seismic anchoring of cranes",
        "commissioning of quay pumps",
        "retrofit of meters in old sheds",
    ]
