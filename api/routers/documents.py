"""``/documents``: list, read, ingest (``POST``) and remove (``DELETE``) policy documents.

Writes go through graph's ingestion (``ingest_policy_text`` / ``remove_document``), so a
document posted here lands in the graph exactly as ``stdkg ingest`` would put it, and need the
``X-API-Key`` header.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, status
from pydantic import ValidationError

from api.deps import ApiKeyDep, GraphDep, SettingsDep
from api.errors import PayloadTooLargeError
from api.schemas import (
    ClauseOut,
    DocumentDeleted,
    DocumentDetail,
    DocumentIn,
    DocumentIngested,
    DocumentList,
    DocumentSummary,
    ErrorOut,
    ExtractedItem,
)
from graph.queries import documents as documents_queries
from graph.reader import GraphReader
from stdkg.config import Settings
from stdkg.errors import ErrorCategory, InputError, ModelError, NotFoundError

router = APIRouter(tags=["documents"])

#: The largest request body the API accepts: an HTTP limit, below the policy-text limit of
#: ``nlp.reader.MAX_POLICY_BYTES``, so a runaway upload is refused before it is read.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"
DocId = Annotated[str, Path(pattern=DOC_ID_PATTERN, description="Document id (a slug).")]


class DocumentInputError(InputError):
    """The posted document cannot be used (bad JSON, no text, undecodable upload)."""

    category = ErrorCategory.INPUT


def _summary(document: dict[str, Any], **counts: int) -> dict[str, Any]:
    return {
        **{key: value for key, value in document.items() if value is not None},
        "issuers": [str(issuer) for issuer in document.get("issuers") or []],
        "date": None if document.get("date") is None else str(document["date"]),
        "number": None if document.get("number") is None else str(document["number"]),
        "stub": bool(document.get("stub")),
        **counts,
    }


@router.get("/documents", response_model=DocumentList)
def list_documents(
    graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    include_stubs: Annotated[
        bool,
        Query(description="Also list policies only known because another document cites them."),
    ] = False,
) -> DocumentList:
    """Ingested policy documents with how many clauses, requirements and standard mentions
    were extracted from each."""
    parameters = {"include_stubs": include_stubs, "skip": offset, "limit": limit}
    rows = graph.read(documents_queries.LIST_DOCUMENTS, parameters)
    total = graph.read(documents_queries.COUNT_DOCUMENTS, parameters)[0]["total"]
    documents = [
        DocumentSummary(
            **_summary(
                row["document"],
                clauses=row["clauses"],
                requirements=row["requirements"],
                standards=row["standards"],
            )
        )
        for row in rows
    ]
    return DocumentList(documents=documents, total=total)


def document_detail(graph: GraphReader, doc_id: str) -> DocumentDetail:
    rows = graph.read(documents_queries.DOCUMENT_DETAIL, {"id": doc_id})
    if not rows:
        raise NotFoundError(f"no document {doc_id!r} in the graph; GET /documents lists them")
    row = rows[0]
    clauses = [
        ClauseOut(**clause)
        for clause in graph.read(documents_queries.DOCUMENT_CLAUSES, {"id": doc_id})
    ]
    items = [
        ExtractedItem(**{**item, "label": None if item["label"] is None else str(item["label"])})
        for item in graph.read(documents_queries.DOCUMENT_ITEMS, {"id": doc_id})
    ]
    return DocumentDetail(
        **_summary(
            row["document"],
            clauses=len(clauses),
            requirements=row["requirements"],
            standards=row["standards"],
        ),
        clause_list=clauses,
        items=items,
    )


@router.get(
    "/documents/{doc_id}", response_model=DocumentDetail, responses={404: {"model": ErrorOut}}
)
def get_document(graph: GraphDep, doc_id: DocId) -> DocumentDetail:
    """A document's metadata, its clauses, and every extracted item with its span."""
    return document_detail(graph, doc_id)


async def _read_limited(request: Request) -> bytes:
    """The request body, read chunk by chunk and refused as soon as it passes
    ``MAX_UPLOAD_BYTES``: a chunked upload (no Content-Length) or one whose Content-Length lies
    is never buffered whole."""
    length = request.headers.get("content-length") or ""
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
        raise PayloadTooLargeError(
            f"the request is {length} bytes; at most {MAX_UPLOAD_BYTES} are accepted"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise PayloadTooLargeError(f"the request is over {MAX_UPLOAD_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_form(request: Request, body: bytes) -> Any:
    """The multipart form of an already read (size-checked) body; a malformed form is the
    caller's error (422), not starlette's undocumented 400."""
    from starlette.exceptions import HTTPException as StarletteHTTPException
    from starlette.formparsers import MultiPartException

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, replay).form()
    except (StarletteHTTPException, MultiPartException, ValueError) as error:
        detail = getattr(error, "detail", None) or str(error)
        raise DocumentInputError(f"the multipart form cannot be read: {detail}") from error


async def _read_upload(request: Request) -> DocumentIn:
    """A ``DocumentIn`` from a JSON body or a multipart upload (``file`` plus optional
    ``title`` and ``id`` fields)."""
    from nlp.reader import read_bytes

    content_type = request.headers.get("content-type", "")
    body = await _read_limited(request)
    if content_type.startswith("multipart/form-data"):
        form = await _read_form(request, body)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise DocumentInputError("the multipart form needs a 'file' field with the text")
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise PayloadTooLargeError(f"the file is over {MAX_UPLOAD_BYTES} bytes")
        name = upload.filename or "upload.txt"
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        text = read_bytes(data, source=name, suffix=suffix).text
        title = form.get("title")
        doc_id = form.get("id")
        fields = {
            "title": title if isinstance(title, str) and title.strip() else name.rsplit(".", 1)[0],
            "text": text,
            "id": doc_id if isinstance(doc_id, str) and doc_id else None,
        }
    else:
        try:
            fields = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DocumentInputError(
                'send JSON {"title": ..., "text": ..., "id"?: ...} or a multipart '
                f"file upload: {error}"
            ) from error
        except RecursionError as error:
            # json raises this past ~1000 levels; the documents the API takes are flat
            raise DocumentInputError(
                "the JSON is nested too deeply; send a flat object "
                '{"title": ..., "text": ..., "id"?: ...}'
            ) from error
        if not isinstance(fields, dict):
            raise DocumentInputError("the JSON body must be an object with title and text")
    try:
        document = DocumentIn.model_validate(fields)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise DocumentInputError(f"invalid document: {problems}") from error
    if not document.text.strip():
        raise DocumentInputError("the document text is empty")
    from nlp.reader import check_not_binary

    check_not_binary(document.text, source=document.title)
    return document


_WRITE_ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorOut, "description": "X-API-Key missing."},
    403: {"model": ErrorOut, "description": "X-API-Key wrong."},
    413: {"model": ErrorOut},
    422: {"model": ErrorOut},
    503: {"model": ErrorOut},
}


@router.post(
    "/documents",
    response_model=DocumentIngested,
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": DocumentIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "title": {"type": "string", "maxLength": 500},
                            # empty means "derive it from the title", as in a blank form field
                            "id": {"type": "string", "pattern": f"^$|{DOC_ID_PATTERN}"},
                        },
                    }
                },
            },
        }
    },
)
async def post_document(
    request: Request, _: ApiKeyDep, graph: GraphDep, settings: SettingsDep
) -> DocumentIngested:
    """Extract a policy text and add it to the graph (replacing an earlier version with the
    same id). JSON ``{title, text, id?}`` or a multipart upload of a .txt/.html/.md file."""
    from starlette.concurrency import run_in_threadpool

    document = await _read_upload(request)
    embedder = getattr(request.app.state, "embedder", None)
    if embedder is None:
        raise ModelError("the embedding model is not loaded; cannot ingest now")
    result = await run_in_threadpool(_ingest, graph, settings, document, embedder.embed)
    request.app.state.search_cache.clear()  # the graph changed: cached answers may be stale
    return result


def _ingest(
    graph: GraphReader, settings: Settings, document: DocumentIn, embed: Any
) -> DocumentIngested:
    from graph.ingest_policies import ingest_policy_text

    # The app's own settings (its database, its model) and embedder, passed explicitly: the
    # process-wide settings may name another database, and graph's default embed wraps a
    # SQLite cache that may only be used from the thread that opened it.
    outcome = ingest_policy_text(
        graph.driver,
        document.text,
        settings=settings,
        title=document.title,
        doc_id=document.id,
        source="api",
        embed=embed,
    )
    return DocumentIngested(
        id=outcome.doc_id,
        title=outcome.title,
        status=outcome.status,
        counts={key: int(value) for key, value in outcome.counts.items()},
    )


def _removal_counts(summary: Any) -> dict[str, int]:
    """Flat counts from graph.remove's ``RemovalSummary``."""
    counts = {"clauses": int(summary.clauses), "moved_citations": int(summary.moved_citations)}
    for label, number in (summary.deleted_orphans or {}).items():
        counts[f"deleted_{label}"] = int(number)
    return counts


@router.delete(
    "/documents/{doc_id}",
    response_model=DocumentDeleted,
    responses={404: {"model": ErrorOut}, **_WRITE_ERRORS},
)
def delete_document(
    request: Request, _: ApiKeyDep, graph: GraphDep, doc_id: DocId
) -> DocumentDeleted:
    """Remove a document and everything only it contributed to the graph."""
    from graph.remove import remove_document

    if not graph.read(documents_queries.DOCUMENT_EXISTS, {"id": doc_id}):
        raise NotFoundError(f"no document {doc_id!r} in the graph")
    outcome = remove_document(graph.driver, doc_id, database=graph.database)
    request.app.state.search_cache.clear()
    return DocumentDeleted(id=doc_id, deleted=True, counts=_removal_counts(outcome))
