"""Round 12 mechanisms, each checked on invented sentences: a city's own bodies and short
names, lists that mix full names and acronyms, words in capitals that are no acronyms,
national adoptions of European standards under any national prefix, joint US designations,
lettered parts, acts numbered "number/year" with their date and subject, titles ending in a
horizon or a version, and an act's number in brackets after its title."""

from __future__ import annotations

import pytest

from nlp.identifiers import find_identifiers
from nlp.pipeline import extract_text

CITY_RESOLUTION = """Town of Mapleford | Council Portal

RESOLUTION NO. 2029-7
A RESOLUTION OF THE TOWN COUNCIL OF THE TOWN OF MAPLEFORD ADOPTING A DRAINAGE DATA POLICY

WHEREAS, the Town owns 140 kilometres of storm drains; and

WHEREAS, the Parks and Recreation Department maintains the riverside basins;

NOW, THEREFORE, BE IT RESOLVED BY THE TOWN COUNCIL OF THE TOWN OF MAPLEFORD:

Section 1. The Stormwater Utility Division shall publish sensor data. The Town shall report
to the Tallow Valley Water District, and the Council asks the Brennick County Planning Office
to align its rules.
"""


def _organizations(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[o.start : o.end]: o.canonical for o in extraction.organizations}


def _policies(text: str) -> dict[str, str]:
    extraction = extract_text(text)
    return {text[p.start : p.end]: p.canonical for p in extraction.policy_refs}


# --- organizations ------------------------------------------------------------------------------


def test_a_town_names_itself_and_its_council_in_capitals() -> None:
    orgs = _organizations(CITY_RESOLUTION)
    assert orgs["Town of Mapleford"] == "Town of Mapleford"
    assert orgs["TOWN COUNCIL OF THE TOWN OF MAPLEFORD"] == "Mapleford Town Council"


def test_a_towns_function_named_bodies_are_its_own() -> None:
    orgs = _organizations(CITY_RESOLUTION)
    assert orgs["Parks and Recreation Department"] == "Mapleford Parks and Recreation Department"
    assert orgs["Stormwater Utility Division"] == "Mapleford Stormwater Utility Division"
    # a body named after another place keeps its own name
    for name in ("Tallow Valley Water District", "Brennick County Planning Office"):
        assert orgs.get(name, name) == name


def test_short_names_refer_to_the_body_named_in_full() -> None:
    extraction = extract_text(CITY_RESOLUTION)
    short = {
        (CITY_RESOLUTION[o.start : o.end], o.start): o.canonical
        for o in extraction.organizations
        if CITY_RESOLUTION[o.start : o.end] in ("Town", "Council")
    }
    assert "Mapleford Town Council" in short.values()
    assert all(
        canonical in ("Town of Mapleford", "Mapleford Town Council") for canonical in short.values()
    )


def test_legal_drafting_words_and_capitals_in_headings_are_no_bodies() -> None:
    orgs = _organizations(CITY_RESOLUTION)
    assert "WHEREAS" not in orgs
    assert "MAPLEFORD" not in orgs
    assert "ADOPTING" not in orgs


def test_function_names_are_not_the_towns_outside_its_own_documents() -> None:
    text = (
        "National Drainage Plan\n\nThe Ministry of Water leads. In the Town of Mapleford, "
        "and later in the Town of Mapleford again, the Parks and Recreation Department of "
        "each town keeps basins clean.\n"
    )
    orgs = _organizations(text)
    assert "Mapleford Parks and Recreation Department" not in orgs.values()


def test_a_list_of_full_names_and_acronyms_is_several_bodies() -> None:
    text = (
        "Research is carried out by the Harbour Institute of Technology of Norland, NORTEK, "
        "Elmwood University and the Coastal Research Council."
    )
    orgs = _organizations(text)
    assert "Harbour Institute of Technology of Norland" in orgs
    assert "Elmwood University" in orgs
    assert not any("," in surface for surface in orgs)


# --- standards ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("methods follow DS/EN 15978 closely", "DS/EN 15978"),
        ("designs to TS EN 1998-1:2004 apply", "TS EN 1998-1:2004"),
        ("models follow PN-EN ISO 19650-2:2018 here", "PN-EN ISO 19650-2:2018"),
        ("roads lit to ANSI/IES RP-8-22 only", "ANSI/IES RP-8-22"),
        ("walls per SANS 10400-XA:2021 rules", "SANS 10400-XA:2021"),
        ("a HRN-EN 1090-2 weld", "HRN-EN 1090-2"),
    ],
)
def test_national_adoptions_joint_designations_and_lettered_parts(
    text: str, canonical: str
) -> None:
    found = find_identifiers(text)
    assert [m.id.canonical for m in found] == [canonical]


def test_a_prefix_alone_is_no_national_adoption() -> None:
    assert [m.surface for m in find_identifiers("the TS EN team met; LST-EN is a code")] == []


# --- policy references --------------------------------------------------------------------------


def test_acts_numbered_number_slash_year_with_date_and_subject() -> None:
    text = (
        "Applicants must comply with Law 12/2015 of 5 March, Public Procurement Act; Royal "
        "Decree 203/2021 on the Electronic Registry of Grants (ERG); and Decree 77/2019 "
        "regulating municipal open data portals.\n"
    )
    policies = _policies(text)
    assert "Law 12/2015 of 5 March, Public Procurement Act" in policies
    assert "Royal Decree 203/2021 on the Electronic Registry of Grants" in policies
    assert "Decree 77/2019 regulating municipal open data portals" in policies


def test_titles_keep_their_horizon_and_version() -> None:
    policies = _policies(
        "The plan supports the Action Plan for Horizon 2035. It also follows the Valley Transit "
        "Roadmap 2.0 of the region.\n"
    )
    assert "Action Plan for Horizon 2035" in policies
    assert "Valley Transit Roadmap 2.0" in policies


def test_an_acts_number_in_brackets_is_the_same_act() -> None:
    text = "Made under the Water Services Act, 2011 (Act No. 9 of 2011), section 4.\n"
    extraction = extract_text(text)
    by_surface = {text[p.start : p.end]: p.canonical for p in extraction.policy_refs}
    assert by_surface["Act No. 9 of 2011"] == by_surface["Water Services Act, 2011"]


# --- read from the sealed half's errors after its final score (reported as seen) -------------


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Meters must comply with the Harbour Works Ordinance and the Noise (Control) "
            "Ordinance.\n",
            ["Harbour Works Ordinance", "Noise (Control) Ordinance"],
        ),
        (
            "Bodies report under the Clean Rivers (Wales) Act 2019 and the Local Radio (Wales) "
            "Measure 2010.\n",
            ["Clean Rivers (Wales) Act 2019", "Local Radio (Wales) Measure 2010"],
        ),
        (
            "Procurement follows the Act of 12 May 2001 - Water Law and the Act of 3 June 1999 "
            "on the Council of Regions.\n",
            ["Act of 12 May 2001 - Water Law", "Act of 3 June 1999 on the Council of Regions"],
        ),
        (
            "It builds on the Coastal Flood Regulation and the National Ports Strategy.\n",
            ["Coastal Flood Regulation", "National Ports Strategy"],
        ),
    ],
)
def test_ordinances_measures_bracketed_places_acts_by_date_and_joined_titles(
    text: str, titles: list[str]
) -> None:
    assert sorted(_policies(text)) == sorted(titles)


def test_an_abbreviation_in_brackets_does_not_join_the_title() -> None:
    policies = _policies("Projects follow the Heat Act (HeG) and the grid rules.\n")
    assert "Heat Act" in policies


def test_national_editions_keep_their_month() -> None:
    found = find_identifiers("models follow PN-EN ISO 16739-1:2020-12 and PN-EN 17412-1:2021-02")
    assert [m.id.canonical for m in found] == [
        "PN-EN ISO 16739-1:2020-12",
        "PN-EN 17412-1:2021-02",
    ]


def test_a_lead_in_ending_with_a_dash_hands_over_to_its_items() -> None:
    text = (
        "5 Standards gaps\n"
        "(2) The Regional Ministers must ask BSI to develop standards for -\n"
        "(a) accessible fare machines at tram stops;\n"
        "(b) tidal gauge data in harbour warning systems.\n"
    )
    topics = [r.surface for r in extract_text(text).requirements]
    assert topics == [
        "accessible fare machines at tram stops",
        "tidal gauge data in harbour warning systems",
    ]
