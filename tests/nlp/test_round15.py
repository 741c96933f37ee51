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
