"""Round 4 of issue #9 (from the heldout3 errors): goal headings date their items, measured
durations are goals, and local counterparts named by level and function are bodies."""

from __future__ import annotations

from nlp.local_units import local_units
from nlp.pipeline import extract_text
from nlp.spans import Clause
from nlp.targets import heading_years


def _clause(id_: str, heading: str, parent: str | None = None) -> Clause:
    return Clause(
        id=id_, number=id_, heading=heading, level=1, parent=parent, start=0, end=1, surface="x"
    )


def test_goal_heading_year_reaches_sub_items() -> None:
    clauses = [
        _clause("1", "Background 2019"),
        _clause("2", "Goals to 2031"),
        _clause("2.a", "first item", parent="2"),
        _clause("3", "Performance indicators 2025-2029"),
    ]
    years = heading_years(clauses, floor=2024)
    assert years == {"2": 2031, "2.a": 2031, "3": 2029}
    # a year before the document's own year is history, not a goal
    assert heading_years([_clause("1", "Targets met in 2020")], floor=2024) == {}


def test_items_under_goal_heading_are_targets() -> None:
    text = (
        "Plan of the Ministry\n\n1. Context\n\nThe agency works with industry.\n\n"
        "2. Targets for 2031\n\n(a) at least 250 new national norms adopted;\n"
        "(b) an average time to approve a norm of no more than 9 months.\n"
    )
    targets = extract_text(text).targets
    found = {(t.value, t.comparator, t.unit, t.year) for t in targets}
    assert (250.0, ">=", "norms", 2031) in found
    assert (9.0, "<=", "months", 2031) in found


def test_time_limit_is_still_not_a_target() -> None:
    text = "1. Targets for 2031\n\nApplicants shall reply within no more than 9 months.\n"
    assert not [t for t in extract_text(text).targets if t.unit == "months"]


def test_unit_after_coordinated_names() -> None:
    text = (
        "By 2030, the institute will hold at least 4 ISO or IEC technical committee secretariats."
    )
    units = {t.unit for t in extract_text(text).targets}
    assert "secretariats" in units


def test_local_units_by_level_and_function() -> None:
    text = (
        "Regional governments will ask their water supply bureaus to report. "
        "District road maintenance divisions and ambulance headquarters will test it; "
        "county offices of health and sanitation will help."
    )
    found = {(f.surface, f.canonical, f.kind) for f in local_units(text, 0, len(text))}
    assert ("Regional governments", "regional governments", "local-government") in found
    assert ("water supply bureaus", "local water supply departments", "local-department") in found
    assert (
        "District road maintenance divisions",
        "local road maintenance departments",
        "local-department",
    ) in found
    assert ("ambulance headquarters", "local ambulance departments", "local-department") in found
    assert (
        "county offices of health and sanitation",
        "local health and sanitation departments",
        "local-department",
    ) in found


def test_local_units_ignore_named_national_bodies() -> None:
    text = "The National Water Authority and the regional office will meet."
    assert local_units(text, 0, len(text)) == []


def test_local_units_in_pipeline() -> None:
    text = (
        "Programme of the Ministry of Works\n\n1. Measures\n\n"
        "The Ministry of Works shall publish guidance. Provincial governments and municipal "
        "flood control divisions will apply it.\n"
    )
    canon = {o.canonical for o in extract_text(text).organizations}
    assert "provincial governments" in canon
    assert "local flood control departments" in canon


def test_and_the_between_portfolios_does_not_split_a_ministry() -> None:
    text = (
        "1. Measures\n\nThe bureau will work with the Ministry of Energy, Mining and the Blue "
        "Economy and the Nuclear Safety Authority of Ruritania on new norms.\n"
    )
    surfaces = {o.surface for o in extract_text(text).organizations}
    assert "Ministry of Energy, Mining and the Blue Economy" in surfaces
    assert "Nuclear Safety Authority of Ruritania" in surfaces


def test_treasury_and_defined_service_are_bodies() -> None:
    text = (
        "1. Reporting\n\nThe bureau will report to the Federal Treasury, and the Ruritania "
        "Calibration Service (RUCAS) will check the laboratories. RUCAS will publish a list.\n"
    )
    canon = [o.canonical for o in extract_text(text).organizations]
    assert "Federal Treasury" in canon
    assert canon.count("Ruritania Calibration Service") == 3  # name, (RUCAS), RUCAS


def test_service_without_abbreviation_is_not_a_body() -> None:
    text = "1. Access\n\nUsers of the Online Payment Service will pay fees.\n"
    assert not [o for o in extract_text(text).organizations if "Service" in o.surface]


def test_abbreviation_keeps_leading_national() -> None:
    text = "1. Governance\n\nThe National Standards Board (NSB) approves the plan.\n"
    canon = {o.canonical for o in extract_text(text).organizations}
    assert "National Standards Board" in canon
    assert "Standards Board" not in canon
