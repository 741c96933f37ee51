"""``GET /standards/{ref}`` on the real-data fixture graph."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.neo4j


def _get(client, ref: str):
    return client.get("/standards/" + quote(ref, safe=""))


def test_exact_edition_with_editions_and_revision_chain(client) -> None:
    response = _get(client, "ISO 37120:2018")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["key"] == "ISO 37120:2018" and body["status"] == "current"
    assert body["title"] and "quality of life" in body["title"].lower()
    editions = [edition["key"] for edition in body["editions"]]
    assert "ISO 37120:2014" in editions and "ISO 37120:2018" in editions
    assert [e["year"] for e in body["editions"]] == sorted(
        (e["year"] for e in body["editions"]), key=lambda y: -(y or 0)
    )
    assert "ISO 37120:2014" in [s["key"] for s in body["replaces"]]
    assert body["committee"]["ref"].startswith("ISO/TC 268")
    assert body["ics"], "ICS codes listed"


def test_work_reference_returns_current_edition(client) -> None:
    body = _get(client, "ISO 37120").json()
    assert body["key"] == "ISO 37120:2018"
    assert body["requested"] == "ISO 37120"


def test_lower_case_and_unencoded_slash(client) -> None:
    response = client.get("/standards/iso/iec 30146")
    assert response.status_code == 200, response.text
    assert response.json()["work"] == "ISO/IEC 30146"


def test_withdrawn_edition_is_served_as_asked(client) -> None:
    body = _get(client, "ISO 37120:2014").json()
    assert body["key"] == "ISO 37120:2014" and body["status"] == "withdrawn"
    assert "ISO 37120:2018" in [s["key"] for s in body["replaced_by"]]


def test_an_etsi_version_or_itu_edition_is_served_as_asked(client) -> None:
    """The canonical form leaves ETSI versions and ITU edition dates out; the request still
    names one edition, not the work's current one."""
    body = _get(client, "ETSI EN 303 645 V2.1.1 (2020-06)").json()
    assert body["key"] == "ETSI EN 303 645 V2.1.1" and body["status"] == "withdrawn"
    assert _get(client, "ETSI EN 303 645 V2.1.1").json()["key"] == "ETSI EN 303 645 V2.1.1"
    assert _get(client, "ETSI EN 303 645").json()["key"] == "ETSI EN 303 645 V3.1.3"
    older = _get(client, "ITU-T Y.4903/L.1603 (10/2016)").json()
    assert older["key"].endswith("(10/2016)") and older["status"] == "withdrawn"


def test_amendment_and_its_base(client) -> None:
    body = _get(client, "ISO 22301:2019/Amd 1:2024").json()
    assert body["key"] == "ISO 22301:2019/Amd 1:2024"
    assert "ISO 22301:2019" in [s["key"] for s in body["amends"]]
    base = _get(client, "ISO 22301:2019").json()
    assert "ISO 22301:2019/Amd 1:2024" in [s["key"] for s in base["amended_by"]]


def test_citations_both_ways(client) -> None:
    guidance = _get(client, "ISO 37124").json()
    cited = [s["key"] for s in guidance["cites"]]
    assert "ISO 37120:2018" in cited, "ISO 37124's abstract cites ISO 37120"
    cited_by = [s["key"] for s in _get(client, "ISO 37120:2018").json()["cited_by"]]
    assert guidance["key"] in cited_by


def test_policies_that_mention_it(client) -> None:
    body = _get(client, "ISO 37101").json()
    mentions = body["mentioned_in"]
    assert mentions and mentions[0]["doc_id"] == "eu-smart-city-annex3"
    assert mentions[0]["doc_title"]
    assert mentions[0]["surface"].upper().startswith("ISO 37101")


def test_unknown_standard_is_404_with_message(client) -> None:
    response = _get(client, "ISO 99999")
    assert response.status_code == 404
    assert "ISO 99999" in response.json()["detail"]


def test_unknown_edition_of_known_work_lists_known_editions(client) -> None:
    response = _get(client, "ISO 37120:1999")
    assert response.status_code == 404
    assert "ISO 37120:2018" in response.json()["detail"]


@pytest.mark.parametrize(
    "ref",
    [
        "not a standard",
        "ISO",
        "'; MATCH (n) DETACH DELETE n //",
        "x" * 300,
        "%00",
        "ISO 37120:20a8",
    ],
)
def test_malformed_reference_is_422(client, ref: str) -> None:
    response = _get(client, ref)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    assert _get(client, "ISO 37120").status_code == 200, "graph intact"


def test_standard_503_when_neo4j_is_down(down_client) -> None:
    response = _get(down_client, "ISO 37120")
    assert response.status_code == 503
