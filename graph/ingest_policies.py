"""Policy ingestion: extract a policy text fully, then write its contribution in ONE transaction.

Why this shape:
- Extraction and embedding happen before the transaction opens, so bad input (empty, binary,
  undecodable, huge) fails with nothing written, and a slow model never holds graph locks.
- The Document node stores the text checksum and the extractor version. Re-ingesting the same
  text with the same extractor is a no-op; anything else replaces the document's old
  contribution (clauses, requirements, targets, evidence edges) inside the same transaction
  that writes the new one, so a failure leaves the old version intact and an interrupted run
  simply resumes: nothing is ever half-written.
- Mentions land on the nodes the catalogue owns (Standard by canonical key, Organization by
  gazetteer key, Domain by key); citations of other policies land on the ingested Document of
  that policy or on a stub that the policy's later ingest takes over (see ``policy_key``).

The API (``POST /documents``) calls :func:`ingest_policy_text`; the CLI calls
:func:`ingest_policy_paths`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from graph.errors import IngestError
from graph.policy_rows import (
    STUB_PREFIX,
    PolicyRows,
    build_policy_rows,
    stub_document_id,
    validate_doc_id,
)
from graph.queries import policies as policies_queries
from nlp.domain_model import load_domain_model
from nlp.reader import MAX_POLICY_BYTES
from nlp.text import document_id, text_digest
from stdkg.config import Settings
from stdkg.errors import InputError, StdkgError

if TYPE_CHECKING:
    import neo4j

#: File types the policy reader understands.
POLICY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

Embed = Callable[[Sequence[str]], list[list[float]]]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one document."""

    doc_id: str
    status: str  # "ingested" | "replaced" | "unchanged"
    title: str | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    source: str | None = None


@dataclass
class IngestSummary:
    """The result of a run over many files: one line per outcome, failures with reasons."""

    outcomes: list[IngestOutcome] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def by_status(self, status: str) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status == status]

    def describe(self) -> str:
        parts = [
            f"{len(self.by_status('ingested'))} ingested",
            f"{len(self.by_status('unchanged'))} unchanged",
            f"{len(self.by_status('replaced'))} replaced",
            f"{len(self.failures)} failed",
        ]
        lines = [", ".join(parts)]
        lines += [f"  failed {source}: {reason}" for source, reason in self.failures]
        return "\n".join(lines)


# --------------------------------------------------------------------------- gazetteers


@lru_cache(maxsize=1)
def _gazetteers() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any]]:
    """Policies, organizations by key and domains by key from ``corpus/`` (read once)."""
    from corpus import load_json

    policies = list(load_json("policies.json"))
    organizations = {str(o["key"]): o for o in load_json("organizations.json")}
    domains = {str(d["key"]): d for d in load_json("domains.json")}
    return policies, organizations, domains


def _decorate(rows: PolicyRows) -> None:
    """Add gazetteer names to rows, so nodes created here carry readable captions."""
    policies, organizations, domains = _gazetteers()
    titles = {str(p["key"]): p for p in policies}
    for row in [*rows.organization_mentions, *rows.issuers]:
        entry = organizations.get(row["key"], {})
        row["name"] = entry.get("name") or row.get("name")
        row["kind"] = entry.get("kind") or row.get("kind")
        row["abbreviation"] = entry.get("abbreviation")
        row["country"] = entry.get("country")
    for row in [*rows.domain_mentions, *rows.requirements]:
        key = row.get("domain")
        row["domain_name"] = domains.get(key, {}).get("name", key) if key else None
    for row in rows.policy_refs:
        entry = titles.get(row["policy_key"], {})
        row["policy_title"] = entry.get("title") or row["title"]
        row["type"] = row.get("type") or entry.get("type")


# --------------------------------------------------------------------------- embeddings


_embed_functions: dict[tuple[str, str, int], Embed] = {}


def _default_embed(settings: Settings) -> Embed:
    """The shared embedder behind the shared content-hash cache (``graph/embeddings.py``), so
    re-ingesting a document whose clauses did not change costs no model time."""
    from graph.embeddings import EmbeddingCache, embed_with_cache
    from nlp.embedder import get_embedder

    # one cache connection per thread: SQLite connections refuse to be shared across threads
    place = (str(settings.cache_dir), settings.embedding_model, threading.get_ident())
    if place in _embed_functions:
        return _embed_functions[place]
    embedder = get_embedder(settings)
    cache = EmbeddingCache.for_model(settings.cache_dir, embedder.cache_key)

    def embed(texts: Sequence[str]) -> list[list[float]]:
        vectors, _computed = embed_with_cache(texts, embedder.embed, cache)
        return vectors

    _embed_functions[place] = embed
    return embed


def requirement_domains(
    extraction: Mapping[str, Any], text: str, *, settings: Settings, embed: Embed | None = None
) -> dict[tuple[int, int], str | None] | None:
    """The domain each requirement gets where the graph is written (``nlp.domain_model`` over
    the topic's and its clause's vectors), by span; None when the configured embedding model
    has no shipped centroids. Why here: ``stdkg extract`` shows what ingestion will store, and
    the vectors it computes land in the same cache ingestion reads."""
    if load_domain_model(settings.embedding_model) is None:
        return None
    rows = build_policy_rows(extraction, text, extractor="preview", doc_id="preview")
    _embed_rows(rows, settings, embed)
    return {(int(r["start"]), int(r["end"])): r.get("domain") for r in rows.requirements}


def _embed_rows(rows: PolicyRows, settings: Settings, embed: Embed | None) -> None:
    """Vectors for the rows' clauses and requirements, then the requirements' domains from
    them (``nlp.domain_model``, when the embedding model has shipped centroids)."""
    texts = rows.embedding_texts()
    rows.set_embeddings((embed or _default_embed(settings))(texts) if texts else [])
    domain_model = load_domain_model(settings.embedding_model)
    if domain_model is not None and rows.refine_requirement_domains(domain_model):
        _decorate(rows)  # the changed domains' names


# --------------------------------------------------------------------------- schema


_schema_ready: set[int] = set()


def _ensure_schema(driver: neo4j.Driver, settings: Settings) -> None:
    """Constraints make MERGE on keys safe and fast; created once per driver per process
    (``ensure_schema`` is idempotent, but waiting for indexes on every API call is not free)."""
    if id(driver) in _schema_ready:
        return
    from graph.schema import embedding_dimensions, ensure_schema

    ensure_schema(
        driver, database=settings.neo4j_database, dimensions=embedding_dimensions(settings)
    )
    _schema_ready.add(id(driver))


# --------------------------------------------------------------------------- writing


def _session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    """A session without server notifications: on a graph with no MENTIONS yet, the server
    warns on every query that names the type, which would bury the progress bar."""
    return driver.session(database=database, notifications_min_severity="OFF")


def document_state(
    driver: neo4j.Driver, doc_id: str, *, database: str = "neo4j"
) -> dict[str, Any] | None:
    """The stored checksum/extractor/title of a document, or None when it is not in the graph."""
    with _session(driver, database) as session:
        record = session.run(policies_queries.POLICY_DOCUMENT_STATE, doc_id=doc_id).single()
    return dict(record) if record else None


def _is_unchanged(state: Mapping[str, Any] | None, rows: PolicyRows) -> bool:
    return bool(
        state
        and not state["stub"]
        and state["checksum"] == rows.document["checksum"]
        and state["extractor"] == rows.document["extractor"]
        and state["title"] == rows.document["title"]
        and state["policy_key"] == rows.document["policy_key"]
    )


def contribution_neighbours(tx: neo4j.ManagedTransaction, doc_id: str) -> dict[str, list[str]]:
    """Keys of the shared nodes a document's contribution touches (standards, organizations,
    cited policies): the candidates for orphan clean-up once the contribution is gone."""
    record = tx.run(policies_queries.POLICY_CONTRIBUTION_NEIGHBOURS, doc_id=doc_id).single()
    names = ("standards", "organizations", "policy_keys")
    return {name: [v for v in (record[name] if record else []) if v is not None] for name in names}


def relink_policy_references(
    tx: neo4j.ManagedTransaction, policy_keys: Iterable[str], *, exclude_id: str = ""
) -> int:
    """Point every citation of these policies at the right node: the first ingested
    Document of the policy (other than ``exclude_id``, a document being removed), else the
    stub ``policy:<key>``. Returns how many REFERS_TO edges moved."""
    keys = sorted({k for k in policy_keys if k})
    if not keys:
        return 0
    policies = {str(p["key"]): p for p in _gazetteers()[0]}
    moves = []
    for record in tx.run(
        policies_queries.POLICY_REFERENCE_TARGETS, policy_keys=keys, exclude_id=exclude_id
    ):
        key = record["key"]
        entry = policies.get(key, {})
        moves.append(
            {
                "policy_key": key,
                "target_id": record["target_id"] or stub_document_id(key),
                "title": entry.get("title") or key,
                "type": entry.get("type"),
            }
        )
    moved = tx.run(policies_queries.POLICY_RELINK_REFERENCES, moves=moves).single()
    return int(moved["moved"]) if moved else 0


def delete_orphans(
    tx: neo4j.ManagedTransaction,
    neighbours: Mapping[str, Sequence[str]],
    extra_policy_keys: Iterable[str] = (),
) -> dict[str, int]:
    """Remove stubs and policy-created organizations among ``neighbours`` that nothing uses."""
    policy_keys = {*neighbours.get("policy_keys", ()), *extra_policy_keys}
    record = tx.run(
        policies_queries.POLICY_DELETE_ORPHANS,
        standard_keys=list(neighbours.get("standards", ())),
        organization_keys=list(neighbours.get("organizations", ())),
        stub_ids=[stub_document_id(k) for k in policy_keys if k],
    ).single()
    return dict(record) if record else {}


def _write_rows(tx: neo4j.ManagedTransaction, rows: PolicyRows) -> None:
    doc_id = rows.doc_id
    tx.run(policies_queries.POLICY_UPSERT_DOCUMENT, doc=rows.document).consume()
    tx.run(policies_queries.POLICY_WRITE_CLAUSES, doc_id=doc_id, rows=rows.clauses).consume()
    tx.run(policies_queries.POLICY_WRITE_CLAUSE_PARENTS, rows=rows.clauses).consume()
    batches = (
        (policies_queries.POLICY_WRITE_REQUIREMENTS, rows.requirements),
        (policies_queries.POLICY_WRITE_TARGETS, rows.targets),
        (policies_queries.POLICY_WRITE_STANDARD_MENTIONS, rows.standard_mentions),
        (policies_queries.POLICY_WRITE_ORGANIZATION_MENTIONS, rows.organization_mentions),
        (policies_queries.POLICY_WRITE_DOMAIN_MENTIONS, rows.domain_mentions),
        (policies_queries.POLICY_WRITE_REFERENCES, rows.policy_refs),
    )
    for query, batch in batches:
        if batch:
            tx.run(query, doc_id=doc_id, rows=batch).consume()
    if rows.issuers:
        tx.run(policies_queries.POLICY_WRITE_ISSUERS, doc_id=doc_id, rows=rows.issuers).consume()


def _replace_document(tx: neo4j.ManagedTransaction, rows: PolicyRows, force: bool) -> str:
    """The whole write of one document, inside one transaction. Returns the outcome status."""
    doc_id = rows.doc_id
    record = tx.run(policies_queries.POLICY_DOCUMENT_STATE, doc_id=doc_id).single()
    state = dict(record) if record else None
    if not force and _is_unchanged(state, rows):
        return "unchanged"  # another writer got here first with the same text
    replacing = bool(state and not state["stub"])
    neighbours: Mapping[str, Sequence[str]] = {}
    if state is not None:  # a new document has no earlier contribution to take back
        neighbours = contribution_neighbours(tx, doc_id)
        tx.run(policies_queries.POLICY_DELETE_CONTRIBUTION, doc_id=doc_id).consume()
    _write_rows(tx, rows)
    old_key = state["policy_key"] if state else None
    relink_policy_references(tx, [k for k in (old_key, rows.document["policy_key"]) if k])
    delete_orphans(tx, neighbours, [k for k in (old_key, rows.document["policy_key"]) if k])
    return "replaced" if replacing else "ingested"


def write_policy_rows(
    driver: neo4j.Driver,
    rows: PolicyRows,
    *,
    settings: Settings,
    embed: Embed | None = None,
    force: bool = False,
) -> IngestOutcome:
    """Write prepared rows (embedding them first unless the document is unchanged).
    ``force`` rewrites an unchanged document too (after an extractor fix that kept its
    version string)."""
    title = rows.document["title"]
    try:
        _ensure_schema(driver, settings)
        database = settings.neo4j_database
        state = None if force else document_state(driver, rows.doc_id, database=database)
    except StdkgError:
        raise
    except Exception as error:  # unreachable server, auth expired...: nothing was written
        raise IngestError(f"{rows.doc_id}: cannot read the graph: {error}") from error
    if not force and _is_unchanged(state, rows):
        return IngestOutcome(
            rows.doc_id, "unchanged", title, rows.counts(), rows.document["source"]
        )
    _embed_rows(rows, settings, embed)
    try:
        with _session(driver, database) as session:
            status = session.execute_write(_replace_document, rows, force)
    except StdkgError:
        raise
    except Exception as error:  # driver/server errors: the transaction was rolled back
        raise IngestError(
            f"{rows.doc_id}: writing to Neo4j failed, the graph keeps its previous state: {error}"
        ) from error
    return IngestOutcome(rows.doc_id, status, title, rows.counts(), rows.document["source"])


def write_policy_extraction(
    driver: neo4j.Driver,
    extraction: Mapping[str, Any],
    text: str,
    *,
    settings: Settings,
    extractor: str,
    doc_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    policy_key: str | None = None,
    embed: Embed | None = None,
    force: bool = False,
) -> IngestOutcome:
    """Write an ``Extraction.to_dict()`` (and its text) as one document's contribution."""
    rows = build_policy_rows(
        extraction,
        text,
        extractor=extractor,
        doc_id=doc_id,
        title=title,
        source=source,
        policies=_gazetteers()[0],
        policy_key=policy_key,
    )
    _decorate(rows)
    return write_policy_rows(driver, rows, settings=settings, embed=embed, force=force)


# --------------------------------------------------------------------------- entry points


def _extractor_version() -> str:
    from nlp.pipeline import EXTRACTOR_VERSION

    return str(EXTRACTOR_VERSION)


def ingest_policy_text(
    driver: neo4j.Driver,
    text: str,
    *,
    settings: Settings,
    doc_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    policy_key: str | None = None,
    embed: Embed | None = None,
) -> IngestOutcome:
    """Extract ``text`` and write it as document ``doc_id`` (default: a slug of ``title``, else
    of the title the pipeline finds). The entry point of ``POST /documents``."""
    if doc_id is not None:
        validate_doc_id(doc_id)
    if not isinstance(text, str) or not text.strip():
        raise InputError("the policy text is empty")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_POLICY_BYTES:
        raise InputError(f"the policy text is larger than {MAX_POLICY_BYTES // (1024 * 1024)} MB")
    if "\x00" in text:
        raise InputError("the policy text contains NUL characters (binary data?)")
    from nlp.pipeline import extract_text

    # ``source`` ("api", an URL) is provenance, not a name: the pipeline would slug it into the
    # id and every posted text would replace the previous one. Unnamed texts are keyed by the
    # given title, else by the title the pipeline finds (else a checksum slug).
    extraction = extract_text(text)
    if doc_id is None and title:
        doc_id = document_id(title)
    return write_policy_extraction(
        driver,
        extraction.to_dict(),
        extraction.text,
        settings=settings,
        extractor=_extractor_version(),
        doc_id=doc_id,
        title=title,
        source=source,
        policy_key=policy_key,
        embed=embed,
    )


def ingest_policy_file(
    driver: neo4j.Driver,
    path: Path | str,
    *,
    settings: Settings,
    doc_id: str | None = None,
    policy_key: str | None = None,
    embed: Embed | None = None,
    force: bool = False,
) -> IngestOutcome:
    """Extract one file (txt/html/md, UTF-8 or GB18030) and write it as one document."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_POLICY_BYTES:
        raise InputError(
            f"{path}: {size / (1024 * 1024):.1f} MB is larger than the "
            f"{MAX_POLICY_BYTES // (1024 * 1024)} MB a policy text may have"
        )
    from nlp.pipeline import extract_path

    extraction = extract_path(path)
    return write_policy_extraction(
        driver,
        extraction.to_dict(),
        extraction.text,
        settings=settings,
        extractor=_extractor_version(),
        doc_id=doc_id,
        source=str(path),
        policy_key=policy_key,
        embed=embed,
        force=force,
    )


def expand_policy_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest (folders searched recursively for policy file types, in name order),
    and the arguments that are neither, with the reason."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in POLICY_SUFFIXES
            )
            if not found:
                problems.append((str(path), "no .txt/.md/.html files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(path), "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def ingest_policy_paths(
    driver: neo4j.Driver,
    paths: Iterable[Path | str],
    *,
    settings: Settings,
    progress: bool = True,
    embed: Embed | None = None,
    force: bool = False,
) -> IngestSummary:
    """Ingest many files; a bad file is reported and the run goes on with the next one."""
    files, problems = expand_policy_paths(paths)
    summary = IngestSummary(failures=list(problems))
    for path in tqdm(files, desc="policies", unit="file", disable=not progress):
        try:
            summary.outcomes.append(
                ingest_policy_file(driver, path, settings=settings, embed=embed, force=force)
            )
        except StdkgError as error:
            summary.failures.append((str(path), str(error)))
    if summary.outcomes:
        try:
            resolve_stub_mentions(driver, database=settings.neo4j_database)
        except Exception as error:  # the documents are in; only the tidy-up could not run
            summary.failures.append(("(placeholder resolution)", str(error)))
    return summary


def resolve_stub_mentions(driver: neo4j.Driver, *, database: str = "neo4j") -> int:
    """Move undated mentions from placeholders to current editions the catalogue has since
    provided. Safe to call any time (the catalogue ingest may call it too)."""
    with _session(driver, database) as session:
        session.run(policies_queries.POLICY_CLEAR_FILLED_STUBS).consume()
        record = session.run(policies_queries.POLICY_RESOLVE_STUB_MENTIONS).single()
    return int(record["resolved_stubs"]) if record else 0


def list_documents(driver: neo4j.Driver, *, database: str = "neo4j") -> list[dict[str, Any]]:
    """Ingested (non-stub) documents: id, title, policy_key, checksum."""
    with _session(driver, database) as session:
        return [dict(r) for r in session.run(policies_queries.POLICY_DOCUMENT_IDS)]


__all__ = [
    "MAX_POLICY_BYTES",
    "STUB_PREFIX",
    "IngestOutcome",
    "IngestSummary",
    "document_state",
    "expand_policy_paths",
    "ingest_policy_file",
    "ingest_policy_paths",
    "ingest_policy_text",
    "list_documents",
    "resolve_stub_mentions",
    "text_digest",
    "write_policy_extraction",
    "write_policy_rows",
]
