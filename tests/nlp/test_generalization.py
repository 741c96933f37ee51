"""The general mechanisms of issue 9 on hand-made sentences (none copied from a gold text):
identifier families, targets versus numbering, bodies no gazetteer lists."""

from __future__ import annotations

import pytest

from nlp.bodies import abbreviation_definitions, initials_uses
from nlp.identifiers import find_identifiers, normalize_identifier
from nlp.pipeline import COMPONENTS
from nlp.requirements import detect_requirements
from nlp.spans import Context


def run(text: str) -> Context:
    ctx = Context(text=text)
    ctx.document.content_end = len(text)
    for component in COMPONENTS:
        if component.name == "requirements":
            detect_requirements(ctx, use_spacy=False)
        else:
            component(ctx)
    return ctx


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("RFC 9000", "IETF RFC 9000"),
        ("IETF RFC 7519", "IETF RFC 7519"),
        ("FIPS 197", "FIPS 197"),
        ("SP 800-63-3", "NIST SP 800-63-3"),
        ("NTCIP 1203", "NTCIP 1203"),
        ("SAE J3016", "SAE J3016"),
        ("ANSI/UL 1741", "ANSI/UL 1741"),
        ("NFPA 72", "NFPA 72"),
        ("oneM2M TS-0004", "oneM2M TS-0004"),
        ("IS 16700 (Part 2) : 2023", "IS 16700-2:2023"),
        ("IS/ISO 37101 : 2016", "IS/ISO 37101:2016"),
    ],
)
def test_identifier_families_in_running_text(written: str, canonical: str) -> None:
    found = find_identifiers(f"Systems shall follow {written} where applicable.")
    assert [m.id.canonical for m in found] == [canonical]
    assert normalize_identifier(written) == canonical


def test_a_bare_technical_specification_takes_the_body_named_next_to_it() -> None:
    ctx = run("Logging follows TS 16999, a technical specification published by CEN in 2020.")
    assert [s.canonical for s in ctx.standards] == ["CEN/TS 16999"]


def test_a_series_is_not_a_publication() -> None:
    ctx = run("The model is aligned with the ISO/IEC 20924 series of vocabularies.")
    assert ctx.standards == []


def test_deadlines_written_as_dates_months_and_fiscal_years() -> None:
    ctx = run(
        "1. By 31 March 2029, at least 60 percent of depots will run on renewable power.\n"
        "2. The median repair time will fall to 10 days or less by the end of FY 2030.\n"
    )
    assert [(t.value, t.comparator, t.year) for t in ctx.targets] == [
        (60.0, ">=", 2029),
        (10.0, "<=", 2030),
    ]


def test_numbering_dates_articles_and_parameters_are_not_targets() -> None:
    ctx = run(
        "Article 12\n"
        "REQ-NET-07 Devices shall keep audit logs for 30 days and rotate keys every 90 days.\n"
        "3.2 Reports shall follow version 4.1 of the template adopted on 5 May 2026 "
        "under Article 12(3).\n"
        "Keys shall have at least 256 bits of strength.\n"
    )
    assert ctx.targets == []


def test_local_counterparts_of_a_ministry_are_one_class_linked_to_it() -> None:
    ctx = run(
        "To the natural resources departments (bureaus) of all provinces and autonomous "
        "regions:\nLocal natural resources authorities shall organize the pilot work.\n"
    )
    local = [o for o in ctx.organizations if o.kind == "local-department"]
    assert [(o.canonical, o.parent) for o in local] == [
        ("provincial-level natural resources departments", "mnr"),
        ("local natural resources departments", "mnr"),
    ]


def test_an_abbreviation_the_document_defines_names_the_same_body() -> None:
    ctx = run(
        "The Harbour Data Coordination Board (HDCB) shall meet twice a year. "
        "The HDCB shall publish its findings."
    )
    names = [(o.surface, o.canonical) for o in ctx.organizations]
    assert ("HDCB", "Harbour Data Coordination Board") in names
    # the definition "(HDCB)" is a mention too, as a parenthetical short title is
    assert names.count(("HDCB", "Harbour Data Coordination Board")) == 2


def test_initials_resolve_an_undefined_acronym_to_the_one_body_they_spell() -> None:
    text = "The Ministry of Ports and Inland Waterways consulted MoPIW experts."
    uses = initials_uses(text, 0, len(text), [("Ministry of Ports and Inland Waterways", None)])
    assert [(text[s:e], c) for s, e, c, _ in uses] == [
        ("MoPIW", "Ministry of Ports and Inland Waterways")
    ]
    assert abbreviation_definitions("Port Authority (PA)", [(0, 14, "Port Authority", None)]) == {
        "PA": ("Port Authority", None)
    }


def test_a_body_defined_by_an_article_is_the_body_the_act_names() -> None:
    ctx = run(
        "Article 4\nA committee on harbour safety ('the Harbour Safety Committee') is hereby "
        "established.\nArticle 9\nThe committee established by Article 4 shall advise "
        "the Commission.\n"
    )
    described = [o for o in ctx.organizations if o.surface.startswith("committee established")]
    assert [o.canonical for o in described] == ["Harbour Safety Committee"]


def test_bodies_named_head_first_and_with_and_inside_the_name() -> None:
    ctx = run(
        "The Office of the Chief Digital Officer and the Roads and Bridges Safety Agency "
        "shall report to the Department of Coastal Affairs."
    )
    assert {o.canonical for o in ctx.organizations} >= {
        "Office of the Chief Digital Officer",
        "Roads and Bridges Safety Agency",
        "Department of Coastal Affairs",
    }


def test_enumerated_items_under_a_call_for_standards_are_topics() -> None:
    ctx = run(
        "1. The agency shall develop standards for:\n"
        "   a. charging point data exchange;\n"
        "   b. battery passport formats; and\n"
        "   c. grid connection testing.\n"
    )
    assert [r.topic for r in ctx.requirements] == [
        "charging point data exchange",
        "battery passport formats",
        "grid connection testing",
    ]
