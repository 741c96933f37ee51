"""Citations, common texts and title keys read from catalogue records, and where a citation
points (pure logic: no graph)."""

from __future__ import annotations

from typing import Any

from graph.catalog.cross_refs import (
    bodies,
    citations,
    common_text_claims,
    title_key,
    title_tail_key,
)
from graph.ingest_catalog import (
    CitedTargets,
    is_supplement,
    representative,
    resolve_citation,
    resolve_citations,
)


def test_title_key_folds_punctuation_and_part_labels() -> None:
    itu = (
        "Information technology – Open Systems Interconnection – The Directory: "
        "Public-key and attribute certificate frameworks"
    )
    iso = (
        "Information technology - Open systems interconnection - Part 8: The Directory: "
        "Public-key and attribute certificate frameworks"
    )
    assert title_key(itu) == title_key(iso)
    assert title_key(itu) == (
        "information technology open systems interconnection the directory public key and "
        "attribute certificate frameworks"
    )


def test_title_key_refuses_generic_titles() -> None:
    assert title_key("Vocabulary") is None
    assert title_key("General requirements") is None
    assert title_key(None) is None
    assert title_key("") is None


def test_bodies_of_joint_publishers() -> None:
    assert bodies("ISO/IEC") == {"ISO", "IEC"}
    assert bodies("ITU-T") == {"ITU-T"}
    assert not bodies(None)
    assert bodies("ISO") & bodies("ISO/IEC")
    assert not bodies("ITU-T") & bodies("ISO/IEC")


def test_pipe_pair_names_one_text_even_when_not_the_records_own() -> None:
    abstract = (
        "This Recommendation | International Standard is revised to use the message store "
        "defined in Rec. X.413 | ISO/IEC 10021-5. It adds body parts."
    )
    assert common_text_claims(abstract, "ITU-T X.420") == [("ISO/IEC 10021-5", "ITU-T X.413")]


def test_twin_phrase_binds_the_identifier_before_it_or_the_record() -> None:
    before = "Amendment 2 to ITU-T Rec. H.264 (a twin text Recommendation with ISO/IEC 14496-10)."
    assert common_text_claims(before, "ITU-T H.264") == [("ISO/IEC 14496-10", "ITU-T H.264")]
    own = (
        "Corrigendum 2 contains minor corrections. The text was developed as a twin text "
        "Recommendation corresponding to ISO/IEC 29199-2 in collaboration with JPEG."
    )
    assert common_text_claims(own, "ITU-T T.832") == [("ISO/IEC 29199-2", "ITU-T T.832")]


def test_a_twin_phrase_does_not_reach_across_sentences() -> None:
    abstract = (
        "Recommendation ITU-T X.509 | ISO/IEC 9594-8 defines frameworks. The text was "
        "developed as a twin text corresponding to ISO/IEC 29199-2."
    )
    claims = common_text_claims(abstract, "ITU-T T.832")
    assert ("ISO/IEC 29199-2", "ISO/IEC 9594-8") not in claims
    assert ("ISO/IEC 29199-2", "ITU-T T.832") in claims


def test_mere_citations_are_not_common_texts() -> None:
    abstract = (
        "In an information security management system based on Recommendation ITU-T X.1051 "
        "and ISO/IEC 27001, physical security is a key issue."
    )
    assert common_text_claims(abstract, "ITU-T K.81") == []
    # one body's two numbers are not a cross-body common text
    assert common_text_claims("See ISO 9001 | ISO 14001.", "ISO 19011") == []


def test_citations_skip_the_records_own_work_and_repeats() -> None:
    abstract = (
        "This part of ISO 37120 complements ISO 37122:2019 and ISO 37101. ISO 37101 is a "
        "management system standard; see also IETF RFC 3261."
    )
    found = [(c.surface, c.work, c.key) for c in citations(abstract, "ISO 37120")]
    assert found == [
        ("ISO 37122:2019", "ISO 37122", "ISO 37122:2019"),
        ("ISO 37101", "ISO 37101", None),
        ("IETF RFC 3261", "IETF RFC 3261", None),
    ]
    assert citations(None, "ISO 1") == []


def _row(key: str | None, work: str, publisher: str = "ISO") -> dict[str, Any]:
    return {
        "start": "ISO 1:2020",
        "surface": work,
        "origin": "o",
        "key": key,
        "work": work,
        "publisher": publisher,
    }


FOUND = CitedTargets(
    keys=frozenset({"ISO 37122:2019"}),
    works={"ISO 37122": "ISO 37122:2019", "ISO 37101": "ISO 37101:2016", "ISO 1": "ISO 1:2002"},
    not_current=frozenset({"ISO 1"}),
    families={"IEC 61850": ["IEC 61850-1:2013", "IEC 61850-3:2013"]},
)


def test_resolve_citation_prefers_the_cited_edition_then_the_work() -> None:
    assert resolve_citation(_row("ISO 37122:2019", "ISO 37122"), FOUND) == {
        "end": "ISO 37122:2019",
        "resolved": "edition",
    }
    # a dated citation of an edition the catalogue lacks still lands on its work
    assert resolve_citation(_row("ISO 37101:2014", "ISO 37101"), FOUND) == {
        "end": "ISO 37101:2016",
        "resolved": "current",
    }
    assert resolve_citation(_row(None, "ISO 1"), FOUND)["resolved"] == "latest"


def test_resolve_citation_keeps_outside_documents_and_families() -> None:
    outside = resolve_citation(_row(None, "IETF RFC 3261", "IETF"), FOUND)
    assert outside["reference"] and not outside["family"] and outside["key"] == "IETF RFC 3261"
    dated = resolve_citation(_row("EN 50160:2010", "EN 50160", "EN"), FOUND)
    assert dated["key"] == "EN 50160:2010" and dated["dated"]
    family = resolve_citation(_row(None, "IEC 61850", "IEC"), FOUND)
    assert family["family"] and family["parts"] == ["IEC 61850-1:2013", "IEC 61850-3:2013"]
    # a dated citation of a series is an edition the catalogue lacks, not the family
    assert not resolve_citation(_row("IEC 61850:2003", "IEC 61850", "IEC"), FOUND)["family"]


def test_resolve_citations_splits_standards_from_references() -> None:
    split = resolve_citations(
        [_row("ISO 37122:2019", "ISO 37122"), _row(None, "IETF RFC 3261", "IETF")], FOUND
    )
    assert [row["end"] for row in split.to_standards] == ["ISO 37122:2019"]
    assert [row["key"] for row in split.to_references] == ["IETF RFC 3261"]
    assert all("reference" not in row for row in split.to_references)


def test_supplements_never_represent_their_work() -> None:
    assert is_supplement("ITU-T X.509 (2019) Cor. 3 (07/2026)")
    assert is_supplement("ITU-T X.509 (1997) Technical Cor. 1 (03/2000)")
    assert is_supplement("ISO 9001:2015/Amd 1:2024")
    assert is_supplement("ITU-T H.264 (V14)", "recommendation-amendment")
    assert not is_supplement("ITU-T X.509 (10/2019)")
    assert not is_supplement("ITU-T H Suppl. 1 (05/2017)")
    editions = [
        {
            "key": "ITU-T X.509 (2019) Cor. 3 (07/2026)",
            "status": "current",
            "title": None,
            "doctype": "recommendation-corrigendum",
            "edition_order": "2026-07-14",
        },
        {
            "key": "ITU-T X.509 (10/2019)",
            "status": "current",
            "title": "The Directory",
            "doctype": "recommendation",
            "edition_order": "2019-10-14",
        },
    ]
    assert representative(editions)["key"] == "ITU-T X.509 (10/2019)"


def test_the_twin_number_of_the_records_own_text_is_not_a_citation() -> None:
    abstract = (
        "Recommendation ITU-T X.693 | ISO/IEC 8825-4 specifies XML encoding rules for "
        "types defined in Rec. ITU-T X.680 | ISO/IEC 8824-1."
    )
    assert [c.work for c in citations(abstract, "ITU-T X.693")] == [
        "ITU-T X.680",
        "ISO/IEC 8824-1",
    ]


def test_a_bracketed_identifier_in_a_title_is_the_text_it_endorses() -> None:
    title = (
        "Broadband Integrated Services Digital Network (B-ISDN); Part 1: Protocol "
        "specification [ITU-T Recommendation Q.2931 (1995), modified]"
    )
    assert common_text_claims(None, "ETSI EN 300 443-1", title) == [
        ("ETSI EN 300 443-1", "ITU-T Q.2931")
    ]
    assert common_text_claims(None, "ETSI EN 300 443-1", "Plain title [see annex A]") == []


def test_bare_numbers_take_the_records_own_body() -> None:
    etsi = (
        "It builds on TS 102 924 and TS 102 925, replaces TR 102 580 and ETS 300 175-9, "
        "and meets TBR26 and TBR 11. See clause 5.1 and EN 302 208-1 v1.4.1."
    )
    works = [c.work for c in citations(etsi, "ETSI EN 301 442", "ETSI")]
    assert works == [
        "ETSI TS 102 924",
        "ETSI TS 102 925",
        "ETSI TR 102 580",
        "ETSI ETS 300 175-9",
        "ETSI TBR 026",
        "ETSI TBR 011",
        "ETSI EN 302 208-1",
    ]
    itu = "It uses H.245 messages and the Q.1244 model; see clause A.2 and Annex B.1."
    assert [c.work for c in citations(itu, "ITU-T H.323", "ITU-T")] == [
        "ITU-T H.245",
        "ITU-T Q.1244",
    ]
    # an ISO abstract's bare numbers are not read as anything
    assert citations("It uses TS 102 924 and H.245.", "ISO 1", "ISO") == []


def test_the_records_own_series_is_not_a_citation() -> None:
    abstract = "This part of ISO 3134 specifies tests; ISO 3134-1 gives the vocabulary."
    assert [c.work for c in citations(abstract, "ISO 3134-4", "ISO")] == ["ISO 3134-1"]
    assert citations("Part of the Q.1248 family.", "ITU-T Q.1248.7", "ITU-T") == []


def test_eu_acts_cited_by_number() -> None:
    abstract = (
        "It covers article 3.2 of Directive 2014/53/EU, EC Decision 2013/752/EU and "
        "Regulation (EU) No 1025/2012; the R&TTE Directive is repealed."
    )
    cited = [(c.work, c.publisher) for c in citations(abstract, "ETSI EN 301 843-5", "ETSI")]
    assert cited == [
        ("Directive 2014/53/EU", "EU"),
        ("Decision 2013/752/EU", "EU"),
        ("Regulation 1025/2012", "EU"),
    ]


def test_title_tail_key_is_the_last_element_of_a_long_title() -> None:
    iso = "Information technology — Security techniques — Entity authentication assurance framework"
    assert title_tail_key(iso) == title_key("Entity authentication assurance framework")
    assert title_tail_key("Entity authentication assurance framework") is None
    assert title_tail_key("Road vehicles - Vocabulary") is None  # a tail too short to name
    assert title_tail_key(None) is None


def test_an_imprint_is_its_bodys() -> None:
    assert bodies("IWA") & bodies("ISO")
    assert bodies("CISPR") & bodies("IEC/ISO")


def test_families_the_grammar_does_not_parse_are_still_cited() -> None:
    abstract = (
        "It follows 3GPP TS 24.605 Release 8 and TS 23.682, cabling per EN50173-1, spectrum "
        "per ERC REC 70-03, ERC Recommendation 70-03 and ECC/DEC/(21)02."
    )
    cited = [(c.work, c.publisher) for c in citations(abstract, "ETSI EN 303 661", "ETSI")]
    assert cited == [
        ("3GPP TS 24.605", "3GPP"),
        ("3GPP TS 23.682", "3GPP"),
        ("EN 50173-1", "EN"),
        ("CEPT ERC/REC 70-03", "CEPT"),
        ("CEPT ECC/DEC/(21)02", "CEPT"),
    ]
