"""``/documents`` on the real-data fixture graph: list, detail, POST (JSON and upload) and
DELETE with the API key."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.neo4j

FIXTURE_DOC = "eu-smart-city-annex3"
POSTED_DOC = "api-test-posted-policy"


def _policy_text(shared_data: Path) -> str:
    """A real policy excerpt (read from the shared data, never stored in the repo)."""
    path = shared_data / "policies" / "cn-sac-wsd-2022-national-standards-release-en.txt"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path.read_text(encoding="utf-8")


def test_list_documents(client) -> None:
    body = client.get("/documents").json()
    assert body["total"] >= 1
    document = next(d for d in body["documents"] if d["id"] == FIXTURE_DOC)
    assert document["clauses"] >= 1 and document["standards"] >= 1
    assert all(not d["stub"] for d in body["documents"])


def test_document_detail_has_clauses_and_items_with_spans(client, shared_data: Path) -> None:
    response = client.get(f"/documents/{FIXTURE_DOC}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == FIXTURE_DOC and body["clause_list"]
    standards = [item for item in body["items"] if item["type"] == "standard"]
    assert standards, "ISO 37101 is mentioned"
    from nlp.reader import read_path

    text = read_path(
        shared_data / "policies" / "eu-smart-city-guidance-package-annex3-standards-excerpt.txt"
    ).text
    for item in body["items"]:
        if item["start"] is not None and item["surface"]:
            assert text[item["start"] : item["end"]] == item["surface"], item


def test_unknown_document_is_404(client) -> None:
    response = client.get("/documents/no-such-document")
    assert response.status_code == 404
    assert "no-such-document" in response.json()["detail"]


@pytest.mark.parametrize("doc_id", ["..%2F..%2Fetc", "a b", "-x", "x" * 300])
def test_malformed_document_id_is_422(client, doc_id: str) -> None:
    assert client.get(f"/documents/{doc_id}").status_code in (404, 422)


def test_post_requires_the_key(client) -> None:
    payload = {"title": "t", "text": "Some policy text."}
    missing = client.post("/documents", json=payload)
    assert missing.status_code == 401 and "X-API-Key" in missing.json()["detail"]
    wrong = client.post("/documents", json=payload, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 403
    assert client.delete(f"/documents/{FIXTURE_DOC}").status_code == 401
    assert (
        client.delete(f"/documents/{FIXTURE_DOC}", headers={"X-API-Key": "nope"}).status_code == 403
    )
    assert client.get(f"/documents/{FIXTURE_DOC}").status_code == 200, "nothing removed"


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"title": "t", "text": ""}}, 422),
        ({"json": {"title": "", "text": "x"}}, 422),
        ({"json": {"text": "no title"}}, 422),
        ({"json": ["not", "an", "object"]}, 422),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"json": {"title": "t", "text": "x", "id": "../../etc/passwd"}}, 422),
        ({"files": {"file": ("x.bin", b"\x00\x01\x02binary" * 100)}}, 422),
        ({"files": {"file": ("empty.txt", b"   ")}}, 422),
        ({"files": {"other": ("x.txt", b"text")}}, 422),
        (
            {
                "content": b"x" * (5 * 1024 * 1024 + 10),
                "headers": {"content-type": "application/json"},
            },
            413,
        ),
    ],
)
def test_bad_uploads_are_rejected_clearly(client, write_headers, kwargs, status) -> None:
    headers = {**write_headers, **kwargs.pop("headers", {})}
    response = client.post("/documents", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_post_json_then_delete(client, write_headers, shared_data: Path) -> None:
    text = _policy_text(shared_data)
    response = client.post(
        "/documents",
        headers=write_headers,
        json={"title": "WSD 2022 national standards release", "text": text, "id": POSTED_DOC},
    )
    try:
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["id"] == POSTED_DOC and body["status"] in ("ingested", "replaced")
        listed = [d["id"] for d in client.get("/documents").json()["documents"]]
        assert POSTED_DOC in listed
        detail = client.get(f"/documents/{POSTED_DOC}").json()
        assert detail["clause_list"]
        again = client.post(
            "/documents",
            headers=write_headers,
            json={"title": "WSD 2022 national standards release", "text": text, "id": POSTED_DOC},
        )
        assert again.json()["status"] == "unchanged"
    finally:
        deleted = client.delete(f"/documents/{POSTED_DOC}", headers=write_headers)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["deleted"] is True
    assert client.get(f"/documents/{POSTED_DOC}").status_code == 404
    assert client.get(f"/documents/{FIXTURE_DOC}").status_code == 200, "others untouched"
    assert client.delete(f"/documents/{POSTED_DOC}", headers=write_headers).status_code == 404


def test_post_file_upload(client, write_headers, shared_data: Path) -> None:
    data = _policy_text(shared_data).encode("gb18030")
    response = client.post(
        "/documents",
        headers=write_headers,
        files={"file": ("wsd.txt", data)},
        data={"id": POSTED_DOC + "-upload"},
    )
    try:
        assert response.status_code == 201, response.text
        assert response.json()["id"] == POSTED_DOC + "-upload"
    finally:
        client.delete(f"/documents/{POSTED_DOC}-upload", headers=write_headers)


def test_writes_answer_503_when_neo4j_is_down(down_client, write_headers) -> None:
    response = down_client.post(
        "/documents", headers=write_headers, json={"title": "t", "text": "Some policy text."}
    )
    assert response.status_code == 503, response.text
    assert down_client.delete("/documents/x", headers=write_headers).status_code == 503
    assert down_client.get("/documents/x").status_code == 503


def test_posted_documents_go_to_the_apps_database_not_the_process_settings(
    client, write_headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app was built with the test session's settings; the process-wide settings are made to
    name a database that does not exist. A write that consulted them would fail."""
    from stdkg.config import Settings, get_settings

    elsewhere = Settings(neo4j_database="no-such-database")
    monkeypatch.setattr("stdkg.config.get_settings", lambda: elsewhere)
    get_settings.cache_clear()
    text = "Smart City Standards Plan\n\n1. Develop standards for smart parking by 2026.\n"
    doc_id = "api-test-own-database"
    response = client.post(
        "/documents", headers=write_headers, json={"title": "t", "text": text, "id": doc_id}
    )
    assert response.status_code == 201, response.text
    assert client.get(f"/documents/{doc_id}").status_code == 200
    assert client.delete(f"/documents/{doc_id}", headers=write_headers).status_code == 200


# ------------------------------------------------------------------ defects of issue 11


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"title": "t", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"{" + b'"a":{' * 50_000 + b"}" * 50_001,
    ],
    ids=["arrays", "inside-an-object", "objects"],
)
def test_deeply_nested_json_is_a_clear_422(client, write_headers, body: bytes) -> None:
    response = client.post(
        "/documents",
        headers={**write_headers, "content-type": "application/json"},
        content=body,
    )
    assert response.status_code == 422, response.text[:300]
    assert "nested" in response.json()["detail"]


def _post_streamed(app, headers: dict[str, str], chunk: bytes, chunks: int) -> tuple[int, int]:
    """POST ``chunks`` copies of ``chunk`` to ``/documents`` as a chunked upload (no
    Content-Length), straight through ASGI; returns (status, how many chunks the app read)."""
    import asyncio

    read = 0
    status = 0

    async def receive() -> dict:
        nonlocal read
        if read >= chunks:
            return {"type": "http.disconnect"}
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/documents",
        "raw_path": b"/documents",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"transfer-encoding", b"chunked"),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    return status, read


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "multipart/form-data; boundary=stdkg-test-boundary"],
)
def test_chunked_upload_is_refused_as_soon_as_it_passes_the_limit(
    api_app, write_headers, content_type: str
) -> None:
    from api.routers.documents import MAX_UPLOAD_BYTES

    chunk = b"x" * 65536
    chunks = 8 * MAX_UPLOAD_BYTES // len(chunk)  # 40 MB offered
    status, read = _post_streamed(
        api_app, {**write_headers, "content-type": content_type}, chunk, chunks
    )
    assert status == 413
    assert read * len(chunk) <= MAX_UPLOAD_BYTES + 2 * len(chunk), f"read {read} chunks"


def test_a_lying_content_length_does_not_get_past_the_limit(api_app, write_headers) -> None:
    from api.routers.documents import MAX_UPLOAD_BYTES

    chunk = b"x" * 65536
    headers = {**write_headers, "content-type": "application/json", "content-length": "10"}
    status, read = _post_streamed(api_app, headers, chunk, 8 * MAX_UPLOAD_BYTES // len(chunk))
    assert status == 413
    assert read * len(chunk) <= MAX_UPLOAD_BYTES + 2 * len(chunk)


MULTIPART_X = "multipart/form-data; boundary=x"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content": b"", "headers": {"content-type": MULTIPART_X}},
        {"content": b"", "headers": {"content-type": "multipart/form-data"}},
        {"content": b"--x\r\ngarbage", "headers": {"content-type": MULTIPART_X}},
    ],
    ids=["empty", "no-boundary", "truncated"],
)
def test_malformed_multipart_is_a_documented_422(client, write_headers, kwargs) -> None:
    headers = {**write_headers, **kwargs.pop("headers")}
    response = client.post("/documents", headers=headers, **kwargs)
    assert response.status_code == 422, response.text
    assert "multipart" in response.json()["detail"]


def test_titles_without_latin_letters_never_replace_each_other(client, write_headers) -> None:
    """Issue 11 #2: every Chinese or Arabic title used to become the id ``document``."""
    titles = ["城市标准化行动方案", "智慧城市标准化行动计划", "خطة التقييس الوطنية"]
    ids = []
    try:
        for number, title in enumerate(titles):
            text = f"{title}\n\n第一条 到2025年，制定智慧城市标准{number + 10}项。\n"
            response = client.post(
                "/documents", headers=write_headers, json={"title": title, "text": text}
            )
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
            assert response.json()["status"] == "ingested"
        assert len(set(ids)) == len(titles) and "document" not in ids
        listed = {d["id"] for d in client.get("/documents").json()["documents"]}
        assert set(ids) <= listed
    finally:
        for doc_id in ids:
            client.delete(f"/documents/{doc_id}", headers=write_headers)


def test_writes_503_says_unavailable_without_internals(down_client, write_headers) -> None:
    response = down_client.post(
        "/documents", headers=write_headers, json={"title": "t", "text": "Some policy text."}
    )
    assert response.status_code == 503
    assert response.json() == {"detail": "graph database unavailable"}
    assert response.headers["Retry-After"]
