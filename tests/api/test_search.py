"""Search: pure logic (Lucene escaping, fusion, validation) and the /search endpoint on the
real-data fixture graph."""

from __future__ import annotations

import pytest

from analysis.lucene import build_fulltext_query, escape_lucene, query_terms
from analysis.search import (
    MAX_QUERY_CHARS,
    Candidate,
    QueryError,
    explain,
    rrf_fuse,
    snippet,
    validate_k,
    validate_query,
)

# --------------------------------------------------------------------------- Lucene


@pytest.mark.parametrize("char", list('+-&|!(){}[]^"~*?:\\/'))
def test_escape_lucene_escapes_every_special_character(char: str) -> None:
    assert escape_lucene(f"a{char}b") == f"a\\{char}b"


def test_escape_lucene_leaves_plain_text_alone() -> None:
    assert escape_lucene("smart city 37120") == "smart city 37120"


def test_query_terms_neutralizes_operators_and_drops_syntax() -> None:
    terms = query_terms('water AND "quality OR NOT (flood* ~ title:x')
    assert terms == ["water", "and", "quality", "or", "not", "flood", "title", "x"]


def test_query_terms_keeps_dotted_and_hyphenated_numbers() -> None:
    assert query_terms("ITU-T Y.4903 e-government") == ["ITU-T", "Y.4903", "e-government"]


def test_build_fulltext_query_has_no_unescaped_syntax() -> None:
    query = build_fulltext_query('iso/iec 30146 "smart* city~ [a TO')
    assert query is not None
    # only our own phrase quotes and boost remain
    body, phrase = query.split(' "', 1)
    assert ":" not in body and "*" not in body and "[" not in body
    assert phrase.endswith('"^2')
    assert "TO" not in query.split()


def test_build_fulltext_query_returns_none_without_words() -> None:
    assert build_fulltext_query('"*~:()[]') is None
    assert build_fulltext_query("   ") is None


def test_build_fulltext_query_single_word_has_no_phrase() -> None:
    assert build_fulltext_query("resilience") == "resilience"


def test_query_terms_caps_the_number_of_terms() -> None:
    assert len(query_terms(" ".join(f"w{i}" for i in range(500)))) == 64


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_validate_query_rejects_empty(bad: str) -> None:
    with pytest.raises(QueryError, match="empty"):
        validate_query(bad)


def test_validate_query_rejects_oversized_with_limit_in_message() -> None:
    with pytest.raises(QueryError, match=str(MAX_QUERY_CHARS)):
        validate_query("a" * (MAX_QUERY_CHARS + 1))


def test_validate_query_rejects_control_characters() -> None:
    with pytest.raises(QueryError, match="control"):
        validate_query("smart\x00city")


@pytest.mark.parametrize("bad", ["(((", "🙂🙂🙂", "\\", "《》", "- + / ?", "…"])
def test_validate_query_rejects_queries_without_letters_or_digits(bad: str) -> None:
    with pytest.raises(QueryError, match="no letters or digits"):
        validate_query(bad)


@pytest.mark.parametrize("good", ["城市", "x", "7", "٣", "ISO/"])
def test_validate_query_accepts_a_letter_or_digit_in_any_script(good: str) -> None:
    assert validate_query(good) == good


def test_validate_query_collapses_whitespace() -> None:
    assert validate_query("  smart \n city  ") == "smart city"


@pytest.mark.parametrize("k", [0, -1, 101, 100000])
def test_validate_k_range(k: int) -> None:
    with pytest.raises(QueryError, match="between 1 and 100"):
        validate_k(k)


# --------------------------------------------------------------------------- fusion


def test_rrf_prefers_documents_found_by_both_rankings() -> None:
    fused = rrf_fuse({"fulltext": ["a", "b", "c"], "vector": ["d", "c", "a"]}, k=60)
    keys = [key for key, _ in fused]
    # a: 1/61 + 1/63, c: 1/63 + 1/62 -> c narrowly behind a; both above single-ranking hits
    assert keys[:2] == ["a", "c"]
    assert set(keys[2:]) == {"b", "d"}
    scores = dict(fused)
    assert scores["a"] == pytest.approx(1 / 61 + 1 / 63)
    assert scores["c"] == pytest.approx(1 / 63 + 1 / 62)


def test_rrf_weights_scale_each_ranking() -> None:
    fused = dict(rrf_fuse({"x": ["a"], "y": ["b"]}, weights={"x": 2.0, "y": 1.0}, k=0))
    assert fused == {"a": 2.0, "b": 1.0}


def test_rrf_counts_a_duplicate_once_at_best_rank() -> None:
    fused = dict(rrf_fuse({"x": ["a", "a", "b"]}, k=0))
    assert fused["a"] == pytest.approx(1.0)
    assert fused["b"] == pytest.approx(1 / 3)


def test_rrf_ties_are_deterministic() -> None:
    first = rrf_fuse({"x": ["a", "b"], "y": ["b", "a"]})
    assert [key for key, _ in first] == ["a", "b"]
    assert rrf_fuse({"x": ["a", "b"], "y": ["b", "a"]}) == first


def test_rrf_empty() -> None:
    assert rrf_fuse({}) == []
    assert rrf_fuse({"x": []}) == []


def test_explain_names_rankings_and_ranks() -> None:
    candidate = Candidate(
        key="k", kind="standard", row={}, rankings={"fulltext": (3, 7.5), "vector": (1, 0.81)}
    )
    why = explain(candidate)
    assert "full-text (BM25) rank 3" in why and "vector (cosine) rank 1" in why
    candidate.identifier_tier = 1
    assert explain(candidate).startswith("identifier match (current edition)")


def test_snippet_centres_on_a_query_term() -> None:
    text = "x" * 500 + " resilience indicators " + "y" * 500
    window = snippet(text, ["resilience"])
    assert window is not None and "resilience" in window and window.startswith("…")
    assert snippet(None, ["a"]) is None


# --------------------------------------------------------------------------- /search


@pytest.mark.neo4j
def test_identifier_query_returns_current_edition_first(client) -> None:
    response = client.get("/search", params={"q": "ISO 37120", "status": "all"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["identifiers"] == ["ISO 37120"]
    results = body["results"]
    assert results[0]["key"] == "ISO 37120:2018"
    assert results[0]["status"] == "current"
    assert results[0]["why"].startswith("identifier match (current edition)")
    editions = [hit for hit in results if hit["work"] == "ISO 37120"]
    assert next(hit["status"] for hit in editions) == "current"
    assert any(hit["status"] == "withdrawn" for hit in editions), "older edition listed"
    first_withdrawn = next(i for i, h in enumerate(results) if h["status"] == "withdrawn")
    assert all(
        h["status"] != "current" or h["work"] != "ISO 37120" for h in results[first_withdrawn:]
    )


@pytest.mark.neo4j
def test_identifier_in_a_sentence_and_lower_case(client) -> None:
    body = client.get("/search", params={"q": "what does iso/iec 30146 require"}).json()
    assert body["results"][0]["work"] == "ISO/IEC 30146"


@pytest.mark.neo4j
@pytest.mark.parametrize("mode", ["lexical", "semantic", "hybrid"])
def test_modes_find_resilience_indicators(client, mode: str) -> None:
    body = client.get(
        "/search", params={"q": "indicators for resilient cities", "mode": mode, "kind": "standard"}
    ).json()
    assert body["mode"] == mode
    works = [hit["work"] for hit in body["results"][:3]]
    assert "ISO 37123" in works
    for hit in body["results"]:
        assert hit["kind"] == "standard" and hit["status"] == "current"


@pytest.mark.neo4j
def test_hybrid_why_names_both_rankings(client) -> None:
    body = client.get(
        "/search", params={"q": "indicators for resilient cities", "kind": "standard"}
    ).json()
    top = body["results"][0]
    assert "full-text (BM25) rank" in top["why"] and "vector (cosine) rank" in top["why"]
    assert {r["ranking"] for r in top["rankings"]} == {"fulltext", "vector"}
    scores = [hit["score"] for hit in body["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.neo4j
def test_semantic_mode_ranks_by_meaning(client) -> None:
    body = client.get(
        "/search",
        params={
            "q": "baseline security for consumer internet of things products",
            "mode": "semantic",
            "kind": "standard",
        },
    ).json()
    works = [hit["work"] for hit in body["results"][:3]]
    assert "ETSI EN 303 645" in works
    assert all("vector (cosine) rank" in hit["why"] for hit in body["results"])


@pytest.mark.neo4j
def test_graph_context_comes_with_hits(client) -> None:
    body = client.get("/search", params={"q": "ISO 37101", "kind": "standard"}).json()
    top = body["results"][0]
    assert top["work"] == "ISO 37101"
    assert top["mentioned_by"] >= 1, "the fixture policy mentions ISO 37101"
    assert any(e["source"] == "mention" and e["doc_id"] for e in top["evidence"])
    assert top["committee"]


@pytest.mark.neo4j
def test_filters_apply(client) -> None:
    body = client.get("/search", params={"q": "smart city", "publisher": "ITU-T", "k": 20}).json()
    assert body["results"], "ITU smart-city recommendations are in the fixture"
    assert all(hit["publisher"].upper().startswith("ITU") for hit in body["results"])
    body = client.get(
        "/search",
        params={"q": "smart city", "committee": "ISO/TC 268", "year_from": 2019, "year_to": 2019},
    ).json()
    assert body["results"]
    for hit in body["results"]:
        assert hit["committee"].startswith("ISO/TC 268") and hit["year"] == 2019


@pytest.mark.neo4j
def test_facets_count_candidates(client) -> None:
    body = client.get("/search", params={"q": "smart city indicators", "k": 3}).json()
    kinds = {facet["value"]: facet["count"] for facet in body["facets"]["kind"]}
    assert sum(kinds.values()) >= len(body["results"])
    assert "publisher" in body["facets"]


@pytest.mark.neo4j
def test_clause_results_point_into_the_policy(client) -> None:
    body = client.get(
        "/search", params={"q": "technical committee on sustainable cities", "kind": "clause"}
    ).json()
    assert body["results"], "the fixture policy has clauses"
    hit = body["results"][0]
    assert hit["kind"] == "clause" and hit["doc_id"] == "eu-smart-city-annex3"
    assert hit["evidence"][0]["doc_id"] == "eu-smart-city-annex3"


HOSTILE_QUERIES = [
    '"unbalanced quote',
    "smart* city~2",
    "title:city AND",
    "(((",
    "[a TO",
    "{x}",
    "AND OR NOT",
    "a && b || !c",
    "\\",
    "/regex.*/",
    "' OR 1=1 --",
    "MATCH (n) DETACH DELETE n",
    "}) RETURN n //",
    "$param",
    "ISO/",
    "ISO 37120:abcd/Amd",
    "🙂🙂🙂",
    "城市标准化",
    "a" * 999,
    "x " * 400,
]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("mode", ["lexical", "hybrid"])
def test_hostile_queries_never_fail_the_server(client, query: str, mode: str) -> None:
    response = client.get("/search", params={"q": query, "mode": mode})
    if any(char.isalnum() for char in query):
        assert response.status_code == 200, response.text
    else:  # nothing to search for: said so, not answered with arbitrary hits
        assert response.status_code == 422, response.text
        assert "no letters or digits" in response.json()["detail"]
    assert client.get("/search", params={"q": "ISO 37120"}).json()["results"], "graph intact"


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"q": ""}, "at least 1 character"),
        ({"q": "   "}, "empty"),
        ({"q": "a" * 1001}, "1000"),
        ({"q": "x", "k": 0}, "greater than or equal to 1"),
        ({"q": "x", "k": 100000}, "less than or equal to 100"),
        ({"q": "x", "mode": "fuzzy"}, "mode"),
        ({"q": "x", "kind": "Standard; DROP"}, "kind"),
        ({"q": "x", "ics": "13.200' OR '1"}, "ics"),
        ({"q": "x", "year_from": 10}, "year_from"),
        ({}, "q"),
    ],
)
def test_bad_parameters_are_clear_422s(client, params: dict, needle: str) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert needle in response.json()["detail"]


@pytest.mark.neo4j
def test_search_answers_503_fast_when_neo4j_is_down(down_client) -> None:
    import time

    started = time.perf_counter()
    response = down_client.get("/search", params={"q": "smart city", "mode": "lexical"})
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"]
    assert time.perf_counter() - started < 5


@pytest.mark.neo4j
@pytest.mark.parametrize("hostile", HOSTILE_QUERIES[:16])
def test_hostile_strings_on_every_endpoint_are_never_500(client, write_headers, hostile) -> None:
    from urllib.parse import quote

    encoded = quote(hostile, safe="")
    responses = {
        "search": client.get("/search", params={"q": hostile}),
        "search-publisher": client.get("/search", params={"q": "city", "publisher": hostile}),
        "search-committee": client.get("/search", params={"q": "city", "committee": hostile}),
        "search-domain": client.get("/search", params={"q": "city", "domain": hostile}),
        "search-ics": client.get("/search", params={"q": "city", "ics": hostile}),
        "standard": client.get(f"/standards/{encoded}"),
        "document": client.get(f"/documents/{encoded}"),
        "delete": client.delete(f"/documents/{encoded}", headers=write_headers),
        "post-id": client.post(
            "/documents", headers=write_headers, json={"title": "t", "text": "x", "id": hostile}
        ),
        "post-key": client.post(
            "/documents",
            headers={"X-API-Key": hostile[:50] or "k"},
            json={"title": "t", "text": "x"},
        ),
        "documents-paging": client.get("/documents", params={"limit": hostile}),
    }
    for name, response in responses.items():
        assert response.status_code < 500, (name, response.status_code, response.text)
        assert response.json()["detail"] if response.status_code >= 400 else True
    assert client.get("/standards/ISO%2037120").status_code == 200, "graph intact"


@pytest.mark.neo4j
@pytest.mark.parametrize("mode", ["semantic", "hybrid", "lexical"])
@pytest.mark.parametrize("query", ["🙂🙂🙂", "(((", "?!", "—"])
def test_query_without_letters_or_digits_is_a_clear_422(client, mode: str, query: str) -> None:
    """Issue 11 #10: such a query used to return k arbitrary semantic hits."""
    response = client.get("/search", params={"q": query, "mode": mode})
    assert response.status_code == 422, response.text
    assert "no letters or digits" in response.json()["detail"]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "url",
    [
        "/search?q=caf%E9",  # Latin-1, not UTF-8
        "/search?q=%FF%FE%FD",
        "/search?q=smart+city&publisher=%C3",  # a truncated sequence in another parameter
        "/search?q=%ED%A0%80",  # an encoded surrogate
        "/documents/%FF",
        "/standards/ISO%20%FF",
    ],
)
def test_invalid_utf8_in_the_url_is_a_clear_422(client, url: str) -> None:
    """Issue 11 #10: invalid UTF-8 used to be searched as replacement characters."""
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert "UTF-8" in response.json()["detail"]


@pytest.mark.neo4j
def test_valid_utf8_queries_are_still_searched(client) -> None:
    response = client.get("/search?q=%E5%9F%8E%E5%B8%82&mode=lexical")  # 城市
    assert response.status_code == 200, response.text
    assert response.json()["query"] == "城市"


@pytest.mark.neo4j
def test_searches_beyond_the_slots_queue_and_all_answer(
    api_graph, neo4j_settings, embedder
) -> None:
    """With one slot, concurrent searches wait their turn: none fails and none deadlocks."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from api.main import create_app

    settings = neo4j_settings.model_copy(update={"api_search_slots": 1})
    app = create_app(settings, driver=api_graph, embedder=embedder)
    with TestClient(app) as client, ThreadPoolExecutor(max_workers=4) as pool:
        queries = ["smart city", "water quality", "traffic", "energy management"]
        responses = list(
            pool.map(lambda q: client.get("/search", params={"q": q, "mode": "hybrid"}), queries)
        )
    assert [response.status_code for response in responses] == [200] * 4
    assert [response.json()["query"] for response in responses] == queries
    assert app.state.search_slots.size == 1


@pytest.mark.neo4j
def test_a_repeated_search_is_cached_until_a_write_through_the_api(
    client, write_headers, shared_data
) -> None:
    params = {"q": "smart city indicators", "mode": "lexical"}
    first = client.get("/search", params=params).json()
    second = client.get("/search", params=params).json()
    assert first["cached"] is False and second["cached"] is True
    assert [hit["key"] for hit in second["results"]] == [hit["key"] for hit in first["results"]]
    path = shared_data / "policies" / "cn-sac-wsd-2022-national-standards-release-en.txt"
    if not path.exists():
        pytest.skip(f"{path} not available")
    doc = "api-test-cache-clearing"
    posted = client.post(
        "/documents",
        headers=write_headers,
        json={"title": "cache clearing", "text": path.read_text(encoding="utf-8"), "id": doc},
    )
    try:
        assert posted.status_code == 201, posted.text
        assert client.get("/search", params=params).json()["cached"] is False
        assert client.get("/search", params=params).json()["cached"] is True
    finally:
        assert client.delete(f"/documents/{doc}", headers=write_headers).status_code == 200
    assert client.get("/search", params=params).json()["cached"] is False
