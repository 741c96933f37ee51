"""Round 16 mechanisms, each checked on invented text: a figure of the past is no target, a year
that ends a programme's name is no quantity, and the cells of a table row are read apart (a
baseline column next to a "Target" column is where things stand)."""

from __future__ import annotations

from nlp.pipeline import extract_text


def _targets(text: str) -> dict[str, int | None]:
    extraction = extract_text(text)
    return {text[t.start : t.end]: t.year for t in extraction.targets}


def test_a_figure_told_in_the_past_is_not_a_target() -> None:
    text = (
        "By 2031 at least 70 per cent of schools will have a fibre link. In 2028, 44 per cent "
        "did. About 12 per cent of the links did not pass acceptance tests last year.\n"
    )
    found = _targets(text)
    assert found == {"at least 70 per cent of schools": 2031}


def test_a_year_ending_a_name_is_not_a_quantity() -> None:
    text = "The Coastal Vision 2035 sets the aim that 90 per cent of ports use it by 2035.\n"
    targets = extract_text(text).targets
    assert [(t.value, t.year) for t in targets] == [(90.0, 2035)]


def test_a_table_row_is_read_cell_by_cell() -> None:
    text = (
        "Goals\n\n"
        "| Goal | Indicator | 2027 | Target |\n"
        "|---|---|---|---|\n"
        "| Depots with chargers | number | 14 | at least 60 depots by 2032 |\n"
        "| Buses with zero emissions | share | 22 % | 80 % by 2033 |\n"
        "| Stops with real-time signs | share | 9 % | - |\n"
    )
    found = _targets(text)
    assert found == {"at least 60 depots": 2032, "80 %": 2033}


def test_a_sentence_whose_verbs_are_all_past_states_a_baseline() -> None:
    text = (
        "In 2026 only 35% of wards had a flood gauge, and the utility lost about 40% of its "
        "water. The county will equip at least 90% of wards with gauges by 2031.\n"
    )
    found = _targets(text)
    assert found == {"at least 90% of wards": 2031}


def test_a_header_naming_the_target_year_in_brackets_dates_its_column() -> None:
    text = (
        "Monitoring\n\n"
        "| Indicator | Baseline (2026) | Target (2031) |\n"
        "|---|---|---|\n"
        "| Households with a water meter | 41% | at least 80% |\n"
    )
    found = _targets(text)
    assert found == {"at least 80%": 2031}


def test_thousands_grouped_by_spaces_are_one_number() -> None:
    targets = extract_text("The City must install at least 120 000 meters by 2033.\n").targets
    assert [(t.value, t.year) for t in targets] == [(120000.0, 2033)]
