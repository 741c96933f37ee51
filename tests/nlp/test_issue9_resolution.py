"""Issue 9, second round: mechanisms for bodies, targets and requirements on unseen texts.

Each test builds its text by hand (short strings written for the purpose, not sentences of a
gold document) and checks one general mechanism: named local bodies carry the document's place,
one canonical name per body within a document, deadlines after the document's date, and the
verb of a requirement across a deadline or a further object.
"""

from __future__ import annotations

from nlp.bodies import document_places, local_bodies
from nlp.gazetteers import organization_gazetteer
from nlp.matcher import AliasMatcher
from nlp.org_resolution import resolve_organizations
from nlp.pipeline import extract_text
from nlp.requirements import find_topics
from nlp.spans import Context, OrganizationMention


def _orgs(text: str) -> list[dict]:
    return extract_text(text).to_dict()["organizations"]


def _by_surface(text: str) -> dict[str, dict]:
    return {o["surface"]: o for o in _orgs(text)}


# --- named local bodies ------------------------------------------------------------------------
PLAN = (
    "Notice of the General Office of Qingshui Municipal People's Government on the plan\n\n"
    "1. Formulate standards for street lighting.\n"
    "Responsible units: Municipal Housing and Construction Bureau, Municipal Finance Bureau, "
    "Municipal Market Supervision Administration (Municipal Standardization Office), "
    "Beihu District People's Government\n\n"
    "2. The Municipal Emergency Managment Bureau shall lead. The municipal market supervision "
    "department will report to the municipal government.\n"
    "Qingshui Municipal Government Office\n"
)


def test_document_place_is_the_name_written_before_municipal() -> None:
    assert document_places(PLAN, 0, len(PLAN)) == {"Municipal": "Qingshui"}


def test_local_bodies_take_the_place_and_the_parent_ministry() -> None:
    found = {f.surface: f for f in local_bodies(PLAN, 0, len(PLAN), organization_gazetteer())}
    finance = found["Municipal Finance Bureau"]
    assert finance.canonical == "Qingshui Municipal Finance Bureau"
    assert finance.parent == "mof"
    assert finance.kind == "local-department"
    # an explicit place is kept, and a government is a local government
    district = found["Beihu District People's Government"]
    assert district.canonical == "Beihu District People's Government"
    assert district.kind == "local-government"


def test_variant_portfolio_takes_the_official_name_and_typos_are_mended() -> None:
    found = {f.surface: f for f in local_bodies(PLAN, 0, len(PLAN), organization_gazetteer())}
    housing = found["Municipal Housing and Construction Bureau"]
    assert housing.canonical == ("Qingshui Municipal Bureau of Housing and Urban-Rural Development")
    assert housing.parent == "mohurd"
    market = found["Municipal Market Supervision Administration"]
    assert market.canonical == "Qingshui Municipal Administration for Market Regulation"
    emergency = found["Municipal Emergency Managment Bureau"]
    assert emergency.canonical == "Qingshui Municipal Emergency Management Bureau"


def test_a_list_of_local_bodies_is_cut_at_each_level_word() -> None:
    text = "Units: Municipal Finance Bureau, Municipal Urban Management Bureau and others."
    found = [f.surface for f in local_bodies(text, 0, len(text), organization_gazetteer())]
    assert found == ["Municipal Finance Bureau", "Municipal Urban Management Bureau"]


def test_local_government_classes_and_area_committees() -> None:
    text = (
        "Qingshui Municipal People's Government. To the people's governments of all districts "
        "and counties and the management committee of Donghu High-tech Zone:"
    )
    found = {f.surface: f for f in local_bodies(text, 0, len(text), organization_gazetteer())}
    assert (
        found["people's governments of all districts and counties"].canonical
        == "district and county people's governments of Qingshui"
    )
    assert (
        found["management committee of Donghu High-tech Zone"].canonical
        == "Donghu High-tech Zone Management Committee"
    )


def test_national_alias_with_a_level_word_is_local_in_the_pipeline() -> None:
    orgs = _by_surface(PLAN)
    # "Market Supervision Administration" alone is SAMR; with "Municipal" it is the city's
    market = orgs["Municipal Market Supervision Administration"]
    assert market["key"] != "samr"
    assert market["parent"] == "samr"


# --- resolution within the document ------------------------------------------------------------
def test_bracketed_name_is_another_name_of_the_body_before_it() -> None:
    orgs = _by_surface(PLAN)
    assert (
        orgs["Municipal Standardization Office"]["canonical"]
        == orgs["Municipal Market Supervision Administration"]["canonical"]
    )


def test_level_counterpart_resolves_to_the_named_body_of_that_level() -> None:
    orgs = _by_surface(PLAN)
    lower = orgs["municipal market supervision department"]
    assert lower["canonical"] == "Qingshui Municipal Administration for Market Regulation"
    assert orgs["municipal government"]["canonical"] == "Qingshui Municipal People's Government"


def test_same_words_in_another_order_are_one_body_named_by_the_longest_name() -> None:
    orgs = _by_surface(PLAN)
    assert orgs["Qingshui Municipal Government Office"]["canonical"] == (
        "General Office of Qingshui Municipal People's Government"
    )


def _mention(surface: str, start: int, kind: str = "organization") -> OrganizationMention:
    return OrganizationMention(
        surface=surface,
        start=start,
        end=start + len(surface),
        canonical=surface,
        key=surface.lower().replace(" ", "-"),
        kind=kind,
        role="mentioned",
    )


def test_a_name_ending_a_longer_one_is_that_body_but_an_owner_is_not() -> None:
    text = "x" * 200
    ctx = Context(text=text)
    ctx.organizations = [
        _mention("Harbour Standards Board", 0),
        _mention("Standards Board", 40),
        _mention("Riverside Council", 80),
        _mention("Office of the Riverside Council", 120),
    ]
    resolve_organizations(ctx)
    names = [o.canonical for o in ctx.organizations]
    assert names == [
        "Harbour Standards Board",
        "Harbour Standards Board",
        "Riverside Council",  # the owner of the office, not the office
        "Office of the Riverside Council",
    ]


def test_known_bodies_keep_their_gazetteer_key() -> None:
    text = "The Ministry of Finance and the Finance Ministry Office met."
    orgs = _orgs(text)
    assert orgs[0]["key"] == "mof"


# --- names with commas, heads, articles ----------------------------------------------------------
def test_gazetteer_names_with_a_comma_match_only_with_the_comma() -> None:
    matcher = AliasMatcher(
        [("dsit", ["Department for Science, Innovation and Technology"]), ("cc", ["CEN-CENELEC"])]
    )
    text = "From: Department for Science, Innovation and Technology; CEN, CENELEC and ETSI"
    found = [(m.surface, m.key) for m in matcher.finditer(text)]
    assert found == [("Department for Science, Innovation and Technology", "dsit")]


def test_unknown_names_with_inner_commas_heads_and_articles() -> None:
    text = (
        "The Ministry of Harbours, Canals and Inland Waterways and the Department for Rail will "
        "report. A Coastal Places Standards Board will meet with the Local Harbour Association, "
        "the Tarn Catapult and the Islay Government."
    )
    surfaces = [o["surface"] for o in _orgs(text)]
    assert "Ministry of Harbours, Canals and Inland Waterways" in surfaces
    assert "Department for Rail" in surfaces
    assert "Coastal Places Standards Board" in surfaces
    assert "Local Harbour Association" in surfaces
    assert "Tarn Catapult" in surfaces
    assert "Islay Government" in surfaces


def test_company_legal_form_is_part_of_the_name_and_roman_numerals_define_nothing() -> None:
    text = (
        "Responsible units: Qingshui Gas Group Co., Ltd., Municipal Finance Bureau\n\n"
        "(III) Next tasks\nThe III shall not be a body."
    )
    surfaces = [o["surface"] for o in _orgs(text)]
    assert "Qingshui Gas Group Co., Ltd." in surfaces
    assert "III" not in surfaces


# --- targets ---------------------------------------------------------------------------------
def _targets(text: str) -> list[dict]:
    return extract_text(text).to_dict()["targets"]


def test_a_year_before_the_documents_date_is_not_a_deadline() -> None:
    text = (
        "Harbour Plan\nDate: 2026-03-01\n\n1. Goals\n\nBy 2029, the renovation rate of old "
        "housing built before 1995 will reach 80%, and more than 30 local standards will be "
        "formulated."
    )
    found = {(t["value"], t["year"]) for t in _targets(text)}
    assert found == {(80.0, 2029), (30.0, 2029)}


def test_a_number_after_the_is_a_name_and_a_bare_count_before_a_deadline_is_a_target() -> None:
    text = (
        "Harbour Plan\nDate: 2026-03-01\n\nThe response rate of the 12345 hotline will be kept "
        "above 95% by 2028. We will increase the number of harbour experts to more than 150 by "
        "2030."
    )
    found = {(t["value"], t["year"], t["comparator"]) for t in _targets(text)}
    assert (12345.0, 2028, "=") not in found
    assert (95.0, 2028, ">") in found
    assert (150.0, 2030, ">") in found


def test_a_comparator_is_not_eaten_as_the_unit_of_a_year() -> None:
    text = "By March 2028 we aim for at least 60% of harbours to use the register."
    targets = _targets(text)
    assert [(t["value"], t["comparator"]) for t in targets] == [(60.0, ">=")]


# --- requirements ------------------------------------------------------------------------------
def _topics(text: str) -> list[str]:
    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def test_the_verb_reaches_across_a_deadline_and_a_further_object() -> None:
    text = (
        "We will ask the institute to develop, by the end of 2027, a new PAS on harbour crane "
        "safety, and a code of practice on berth booking data."
    )
    assert _topics(text) == ["harbour crane safety", "berth booking data"]


def test_work_on_standards_is_a_call_and_and_for_splits() -> None:
    text = (
        "The agency will work with the institute on standards for tide data and for quay lighting."
    )
    assert _topics(text) == ["tide data", "quay lighting"]
