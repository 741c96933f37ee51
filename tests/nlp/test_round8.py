"""Round 8 mechanisms (from the errors of heldout5/sealed and heldout6/sealed, read after their
one scoring), each checked on invented sentences."""

from __future__ import annotations

from nlp.identifiers import find_identifiers
from nlp.pipeline import extract_text


def _targets(text: str) -> list[tuple[float, int | None]]:
    return [(t.value, t.year) for t in extract_text(text, source="t.txt").targets]


def _ids(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.id.canonical) for m in find_identifiers(text)]


def test_a_quantity_before_an_identifier_ends_there() -> None:
    text = "Goals:\n- at least 40 towns adopting IEEE 1547-2018 rules by 2031;\n"
    found = extract_text(text, source="t.txt").targets
    assert [(t.surface, t.value, t.year) for t in found] == [
        ("at least 40 towns adopting", 40.0, 2031)
    ]


def test_an_items_deadline_dates_only_that_item() -> None:
    text = (
        "4. Targets 2031\n\n"
        "- 900 standards in the catalogue reviewed;\n"
        "- no fewer than 30 towns using the indicators by 2029;\n"
        "- share of women in committees above 45%;\n"
    )
    assert _targets(text) == [(900.0, 2031), (30.0, 2029), (45.0, 2031)]


def test_a_sum_in_millions() -> None:
    assert _targets("Goals:\n- a budget of EUR 14,000 million per year by 2031.\n") == [
        (14_000_000_000.0, 2031)
    ]


def test_a_size_class_of_the_counted_things_is_no_goal() -> None:
    text = "Goals:\n- study time for projects under 5 MW reduced to less than 6 months by 2031;\n"
    assert _targets(text) == [(6.0, 2031)]


def test_more_national_designations() -> None:
    assert _ids("Meters meet ANSI C12.20-2015; use NTC 2050, NTC-ISO 37120:2019, NF P01-010.") == [
        ("ANSI C12.20-2015", "ANSI C12.20-2015"),
        ("NTC 2050", "NTC 2050"),
        ("NTC-ISO 37120:2019", "NTC-ISO 37120:2019"),
        ("NF P01-010", "NF P01-010"),
    ]


def test_decrees_with_their_year_and_cfr_parts() -> None:
    from nlp.policy_titles import find_policy_refs

    text = "recognised by Decree 4321 of 2015; reporting follows 99 CFR Part 680 in full."
    refs = [(text[r.start : r.end], r.type) for r in find_policy_refs(text, 0, len(text))]
    assert refs == [("Decree 4321 of 2015", "regulation"), ("99 CFR Part 680", "other")]


def test_an_eu_acts_bracket_is_no_inner_abbreviation() -> None:
    from nlp.policy_titles import clean_title

    assert clean_title("Regulation (EU) No 910/2014") == "Regulation (EU) No 910/2014"
    assert clean_title("Canal Partnerships (CAP) Program") == "Canal Partnerships Program"
