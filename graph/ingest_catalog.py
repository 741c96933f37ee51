"""Catalogue ingestion: stream records, skip what the graph already holds, write the rest in
batches, then link relations, citations and domains, then embed.

Why this order: nodes first (a relation or citation needs both ends), links second as a
set-based pass over the rows written in this run, embeddings last-per-batch through the disk
cache. Unchanged rows are recognised in bulk (one query per batch compares content hashes)
BEFORE anything is written, so a re-run on unchanged data performs zero writes.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import neo4j
from tqdm import tqdm

from graph.catalog.cross_refs import cross_references, title_key, title_tail_key
from graph.catalog.detect import read_catalog
from graph.catalog.identity import identify
from graph.catalog.records import CatalogRecord, Relation, embedding_text, record_to_dict
from graph.classify import Domain, classify, compile_domains
from graph.embeddings import EmbeddingCache, embed_with_cache, text_hash
from graph.errors import CatalogFormatError, MalformedRecordError
from graph.queries.search import SUPPLEMENT_PATTERN
from graph.schema import embedding_dimensions, ensure_schema, rebuild_vector_index
from graph.taxonomy import domain_rows, ingest_domains
from graph.writer import WriteCounters, Writer
from nlp.errors import InvalidIdentifierError
from stdkg.config import Settings

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 1000
#: A load that set at least this many vectors rebuilds the standards' vector index in one pass
#: (``graph.schema.rebuild_vector_index``): batch writes leave it in many segments, each
#: searched on its own. Small loads (the demo, a user's CSV) are not worth the 20-40 s.
REINDEX_MIN_VECTORS = 5000
MAX_SKIP_EXAMPLES = 20
RecordFilter = Callable[[CatalogRecord], bool]
#: the kind of a skip reason is its text before the first quote or colon
_REASON_KIND = re.compile(r"['\":(]")


@dataclass
class IngestSummary:
    """What a load did. ``created``/``updated``/``unchanged`` count catalogue rows."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    filtered: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: list[str] = field(default_factory=list)
    links: Counter[str] = field(default_factory=Counter)
    unresolved_links: int = 0
    embedded: int = 0
    embeddings_computed: int = 0
    reindexed: bool = False
    file_errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counters: WriteCounters = field(default_factory=WriteCounters)

    def skip(self, error: MalformedRecordError) -> None:
        reason = _REASON_KIND.split(error.reason, maxsplit=1)[0].strip() or "malformed"
        self.skipped[reason] += 1
        if len(self.skipped_examples) < MAX_SKIP_EXAMPLES:
            self.skipped_examples.append(str(error))
        log.warning("skipped %s", error)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["skipped"] = dict(self.skipped)
        data["links"] = dict(self.links)
        data["seconds"] = {k: round(v, 2) for k, v in self.seconds.items()}
        return data

    def lines(self) -> list[str]:
        """The human summary printed at the end of a load."""
        c = self.counters
        out = [
            f"records read {self.read}: created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, filtered out {self.filtered}, "
            f"skipped {sum(self.skipped.values())}",
            f"graph writes: {c.nodes_created} nodes created, {c.relationships_created} "
            f"relationships created, {c.relationships_deleted} deleted, "
            f"{c.properties_set} properties set",
        ]
        if self.links:
            out.append(
                "links: "
                + ", ".join(f"{k} {v}" for k, v in sorted(self.links.items()))
                + f" (unresolved targets {self.unresolved_links})"
            )
        if self.embedded:
            out.append(
                f"embeddings: {self.embedded} set ({self.embeddings_computed} computed, "
                f"rest from cache)"
            )
        if self.reindexed:
            out.append(
                f"vector index rebuilt in one pass ({self.seconds.get('reindex', 0.0):.0f} s)"
            )
        out.extend(f"file not loaded: {error}" for error in self.file_errors)
        for reason, count in self.skipped.most_common():
            out.append(f"skipped {count}: {reason}")
        out.extend(f"  e.g. {example}" for example in self.skipped_examples[:5])
        return out


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LinkSpool:
    """Rows whose relations, citations and domains still have to be linked, kept in a temporary
    SQLite file so memory stays flat however large the load."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="stdkg-links-")
        self._db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite")
        self._db.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT)")
        self.count = 0

    def add(self, records: Sequence[CatalogRecord]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT INTO rows (payload) VALUES (?)",
                [(json.dumps(record_to_dict(r), ensure_ascii=False),) for r in records],
            )
        self.count += len(records)

    def batches(self, size: int) -> Iterator[list[CatalogRecord]]:
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT id, payload FROM rows WHERE id > ? ORDER BY id LIMIT ?", (last, size)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [record_from_json(payload) for _, payload in rows]

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()


def record_from_json(payload: str) -> CatalogRecord:
    data = json.loads(payload)
    data["relations"] = tuple(Relation(**relation) for relation in data["relations"])
    for name in ("publishers", "ics", "keywords"):
        data[name] = tuple(data[name])
    return CatalogRecord(**data)


# ---------------------------------------------------------------------------------------------
# link rows
# ---------------------------------------------------------------------------------------------


@dataclass
class LinkRows:
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    #: one row per document an abstract names (resolved against the graph by the linker)
    citations: list[dict[str, Any]] = field(default_factory=list)
    #: per record: its title key and the common-text pairs its abstract states
    cross_refs: list[dict[str, Any]] = field(default_factory=list)
    domains: list[dict[str, Any]] = field(default_factory=list)
    unresolved: int = 0


#: Separates the two works of a common-text claim stored on a node (no identifier has it).
CLAIM_SEPARATOR = "\t"


def link_rows(records: Sequence[CatalogRecord], domains: Sequence[Domain]) -> LinkRows:
    """Relation, citation, common-text and domain rows for a batch of records (pure)."""
    out = LinkRows()
    for record in records:
        for relation in record.relations:
            try:
                target = identify(relation.target).key
            except InvalidIdentifierError:
                out.unresolved += 1
                continue
            start, end = (target, record.key) if relation.inverse else (record.key, target)
            out.relations[relation.type].append(
                {"start": start, "end": end, "origin": record.origin, "source": record.source}
            )
        cited, claims = cross_references(
            record.abstract, record.work, record.publisher, record.title
        )
        for citation in cited:
            out.citations.append(
                {
                    "start": record.key,
                    "surface": citation.surface,
                    "origin": record.origin,
                    "key": citation.key,
                    "work": citation.work,
                    "publisher": citation.publisher,
                }
            )
        out.cross_refs.append(
            {
                "key": record.key,
                "title_key": title_key(record.title),
                "title_tail_key": title_tail_key(record.title),
                "claims": [CLAIM_SEPARATOR.join(pair) for pair in claims],
            }
        )
        for hit in classify(
            ics=record.ics,
            committee=record.committee,
            title=record.title,
            keywords=record.keywords,
            domains=domains,
        ):
            out.domains.append(
                {
                    "key": record.key,
                    "domain": hit.domain,
                    "via": list(hit.via),
                    "score": hit.score,
                    "origin": record.origin,
                }
            )
    return out


@dataclass(frozen=True)
class CitedTargets:
    """What the graph holds for the documents a batch of abstracts names."""

    keys: frozenset[str] = frozenset()
    #: work -> the edition a citation of the work means (current base edition first)
    works: Mapping[str, str] = field(default_factory=dict)
    #: works of ``works`` none of whose editions is current (cited: the latest one)
    not_current: frozenset[str] = frozenset()
    #: work not in the catalogue -> the current editions of its parts ("IEC 61850" -> ...)
    families: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass
class ResolvedCitations:
    to_standards: list[dict[str, Any]] = field(default_factory=list)
    to_references: list[dict[str, Any]] = field(default_factory=list)


def resolve_citation(row: dict[str, Any], found: CitedTargets) -> dict[str, Any]:
    """Where one citation points (pure): ``{"end": key, "resolved": ...}`` for a Standard,
    or a Reference row (``"reference": True``).

    A dated citation of an edition in the catalogue cites that edition; otherwise a citation
    of a work in the catalogue cites the work's current base edition ('current', or 'latest'
    when none is current); an undated number whose parts are in the catalogue is a family
    reference ("IEC 61850"); anything else is kept as a Reference node outside the catalogue
    (IETF RFCs, EN, IEEE, editions the catalogue lacks), so a reader of "what does this
    standard cite" sees every cited document.
    """
    if row["key"] and row["key"] in found.keys:
        return {"end": row["key"], "resolved": "edition"}
    if row["work"] in found.works:
        resolved = "latest" if row["work"] in found.not_current else "current"
        return {"end": found.works[row["work"]], "resolved": resolved}
    family = not row["key"] and row["work"] in found.families
    return {
        "reference": True,
        "key": row["work"] if family else row["key"] or row["work"],
        "work": row["work"],
        "publisher": row["publisher"],
        "dated": bool(row["key"]) and not family,
        "family": family,
        "parts": list(found.families[row["work"]]) if family else [],
    }


def resolve_citations(rows: Sequence[dict[str, Any]], found: CitedTargets) -> ResolvedCitations:
    """Split a batch of citation rows into edges to Standards and to References (pure)."""
    out = ResolvedCitations()
    for row in rows:
        base = {"start": row["start"], "surface": row["surface"], "origin": row["origin"]}
        target = resolve_citation(row, found)
        if target.pop("reference", False):
            out.to_references.append({**base, **target})
        else:
            out.to_standards.append({**base, **target})
    return out


#: Bump when what the linker derives from a row changes: every row is linked again on the next
#: load, after withdrawing what it asserted before. 5: citations outside the catalogue as
#: Reference nodes, family references, bare ETSI/ITU numbers, own series and own twin numbers
#: left out, common texts, title keys. 6: EU acts cited by number. 7: title tail keys.
#: 8: 3GPP, joined EN and CEPT references. 9: other national standards families.
LINKS_VERSION = 9

_STATUS_RANK = {"current": 0, "withdrawn": 1, "development": 2}
_SUPPLEMENT_KEY = re.compile(SUPPLEMENT_PATTERN)


def is_supplement(key: str, doctype: str | None = None) -> bool:
    """An amendment or corrigendum, which shares its base's work but describes only a change
    ("ISO 9001:2015/Amd 1:2024", "ITU-T X.509 (2019) Cor. 3 (07/2026)")."""
    kind = (doctype or "").lower()
    return bool(_SUPPLEMENT_KEY.match(key)) or "amendment" in kind or "corrigendum" in kind


def representative(editions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The edition that speaks for its work in the vector index (pure).

    A current edition beats a withdrawn one, which beats a draft (the past is a better
    description of a work than a draft of its future); a base publication beats its
    amendments and corrigenda; then the latest (publication date, year, ITU/ETSI edition
    order), then the key, so the choice is deterministic.
    """

    def newest_first(value: object) -> str:
        return "".join(chr(0x10FFFF - ord(c)) for c in str(value or ""))

    def rank(row: dict[str, Any]) -> tuple[Any, ...]:
        return (
            _STATUS_RANK.get(row.get("status") or "", 3),
            is_supplement(row["key"], row.get("doctype")),
            not row.get("title"),  # a titleless row (an ITU corrigendum) describes nothing
            newest_first(row.get("edition_order")),  # ETSI version, ITU date: sortable text
            newest_first(row.get("published") or row.get("year")),
            row["key"],
        )

    return min(editions, key=rank)


# ---------------------------------------------------------------------------------------------
# the load
# ---------------------------------------------------------------------------------------------


@dataclass
class CatalogIngest:
    """One catalogue load into one database. Use ``run`` (or ``ingest_catalog``)."""

    writer: Writer
    settings: Settings
    batch_size: int = DEFAULT_BATCH_SIZE
    embed: bool = True
    progress: bool = True
    record_filter: RecordFilter | None = None
    summary: IngestSummary = field(default_factory=IngestSummary)

    def __post_init__(self) -> None:
        self._spool = LinkSpool()
        self._edition_works: set[str] = set()
        self._works: set[str] = set()
        self._domains = compile_domains(domain_rows())
        self._cache: EmbeddingCache | None = None
        self._embed_fn: Callable[[Sequence[str]], list[list[float]]] | None = None

    def run(self, paths: Sequence[Path], fmt: str = "auto") -> IngestSummary:
        def streams() -> Iterator[tuple[str, Iterable[CatalogRecord | MalformedRecordError]]]:
            for path in paths:
                try:
                    yield Path(path).name, read_catalog(Path(path), fmt)
                except CatalogFormatError as error:
                    self._file_failed(error)

        return self.run_streams(streams())

    def _file_failed(self, error: CatalogFormatError) -> None:
        """A whole file is unusable (not a catalogue, truncated): report it, go on with the
        other files, and still link what was written."""
        log.error("%s", error)
        self.summary.file_errors.append(str(error))

    def run_streams(
        self, streams: Iterable[tuple[str, Iterable[CatalogRecord | MalformedRecordError]]]
    ) -> IngestSummary:
        """Load named record streams (a file's reader, or a pre-selected subset)."""
        try:
            for name, stream in streams:
                self._load_stream(name, stream)
            self._link()
            if self.embed and self._works:
                self._embed_works()
            if self.summary.embedded >= REINDEX_MIN_VECTORS:
                self._rebuild_vector_index()
        finally:
            self._spool.close()
            if self._cache is not None:
                self._cache.close()
        self.summary.counters = self.writer.counters
        return self.summary

    # -- nodes --------------------------------------------------------------------------------

    def _load_stream(
        self, name: str, stream: Iterable[CatalogRecord | MalformedRecordError]
    ) -> None:
        with tqdm(desc=name, unit="rec", disable=not self.progress, smoothing=0.1) as bar:
            chunk: list[CatalogRecord | MalformedRecordError] = []
            try:
                for item in stream:
                    chunk.append(item)
                    if len(chunk) >= self.batch_size:
                        self._load_batch(chunk)
                        bar.update(len(chunk))
                        bar.set_postfix(
                            new=self.summary.created,
                            upd=self.summary.updated,
                            same=self.summary.unchanged,
                            skip=sum(self.summary.skipped.values()),
                        )
                        chunk = []
            except CatalogFormatError as error:
                self._file_failed(error)
            if chunk:  # the rows read before the end (or before a broken stream) still load
                self._load_batch(chunk)
                bar.update(len(chunk))

    def _load_batch(self, chunk: list[CatalogRecord | MalformedRecordError]) -> None:
        records: list[CatalogRecord] = []
        for item in chunk:
            self.summary.read += 1
            if isinstance(item, MalformedRecordError):
                self.summary.skip(item)
            elif self.record_filter is not None and not self.record_filter(item):
                self.summary.filtered += 1
            else:
                records.append(item)
        if not records:
            return
        started = time.perf_counter()
        states = self.writer.standard_states(
            (record.key for record in records), links_version=LINKS_VERSION
        )
        self.summary.seconds["compare"] += time.perf_counter() - started
        to_write: list[CatalogRecord] = []
        to_link: list[CatalogRecord] = []
        seen_keys: set[str] = set()
        for record in records:
            state = states.get(record.key)
            if state is not None and f"{record.origin}={record.content_hash}" in state.hashes:
                self.summary.unchanged += 1
                if state.links_pending:
                    to_link.append(record)
                continue
            if state is None and record.key not in seen_keys:
                self.summary.created += 1
            else:
                self.summary.updated += 1
            seen_keys.add(record.key)
            to_write.append(record)
            to_link.append(record)
        if to_write:
            started = time.perf_counter()
            self.writer.write_standards(to_write)
            self.summary.seconds["write"] += time.perf_counter() - started
        if to_link:
            self._spool.add(to_link)
            self._edition_works.update(r.work for r in to_link if r.edition_order)
        self._works.update(record.work for record in records)

    # -- embeddings -----------------------------------------------------------------------------

    def _embed_works(self) -> None:
        """One vector per work, on its representative edition (see ``representative``).

        Why per work: the editions, amendments and ETSI versions of one deliverable share a
        topic, and the catalogue has 64k works in 144k rows. Embedding each work once halves
        the load and keeps semantic search from returning five editions of one standard.
        Editions that stop being representative lose their vector, so the index holds one
        entry per work; the text is keyed by work, not edition, so a new edition with the
        same title and abstract is a cache hit.
        """
        started = time.perf_counter()
        works = sorted(self._works)
        if self._embed_fn is None:
            from nlp.embedder import get_embedder

            embedder = get_embedder(self.settings)
            self._embed_fn = embedder.embed
            self._cache = EmbeddingCache.for_model(self.settings.cache_dir, embedder.cache_key)
        assert self._cache is not None
        with tqdm(
            total=len(works), desc="embedding works", unit="work", disable=not self.progress
        ) as bar:
            for chunk in batched(works, 4 * self.batch_size):
                by_work: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for row in self.writer.work_editions(chunk):
                    by_work[row["work"]].append(row)
                wanted: dict[str, str] = {}
                clear: list[str] = []
                for work, editions in by_work.items():
                    chosen = representative(editions)
                    text = embedding_text(work, chosen["title"], chosen["abstract"])
                    if not chosen["embedded"] or chosen["embedding_hash"] != text_hash(text):
                        wanted[chosen["key"]] = text
                    clear.extend(
                        row["key"] for row in editions if row["embedded"] and row is not chosen
                    )
                if wanted:
                    vectors, computed = embed_with_cache(
                        list(wanted.values()),
                        self._embed_fn,
                        self._cache,
                        chunk_size=512,
                        progress=False,
                    )
                    self.writer.set_embeddings(
                        [
                            {"key": key, "vector": vector, "hash": text_hash(text)}
                            for (key, text), vector in zip(wanted.items(), vectors, strict=True)
                        ]
                    )
                    self.summary.embedded += len(wanted)
                    self.summary.embeddings_computed += computed
                if clear:
                    self.writer.clear_embeddings(clear)
                bar.update(len(chunk))
        self.summary.seconds["embed"] += time.perf_counter() - started

    def _rebuild_vector_index(self) -> None:
        if self.progress:
            tqdm.write("rebuilding the standards' vector index in one pass ...")
        self.summary.seconds["reindex"] += rebuild_vector_index(
            self.writer.driver,
            dimensions=embedding_dimensions(self.settings),
            database=self.writer.database,
        )
        self.summary.reindexed = True

    # -- links ----------------------------------------------------------------------------------

    def _link(self) -> None:
        started = time.perf_counter()
        with tqdm(
            total=self._spool.count,
            desc="linking",
            unit="rec",
            disable=not self.progress or not self._spool.count,
        ) as bar:
            for records in self._spool.batches(self.batch_size):
                rows = link_rows(records, self._domains)
                cited = resolve_citations(rows.citations, self._cited_targets(rows.citations))
                before = self.writer.counters.relationships_created
                self.writer.write_links(
                    relations=rows.relations,
                    cites=cited.to_standards,
                    cites_references=cited.to_references,
                    cross_refs=rows.cross_refs,
                    domains=rows.domains,
                    done_keys=sorted({record.key for record in records}),
                    links_version=LINKS_VERSION,
                    origins=[{"key": r.key, "origin": r.origin} for r in records],
                )
                self.summary.unresolved_links += rows.unresolved
                for kind, kind_rows in rows.relations.items():
                    self.summary.links[kind] += len(kind_rows)
                self.summary.links["CITES"] += len(cited.to_standards)
                self.summary.links["CITES outside the catalogue"] += len(cited.to_references)
                self.summary.links["IN_DOMAIN"] += len(rows.domains)
                self.summary.links["created"] += self.writer.counters.relationships_created - before
                bar.update(len(records))
        works = sorted(self._edition_works)
        for chunk in batched(works, self.batch_size):
            self.writer.link_editions(chunk)
        if self._spool.count:
            self._resolve_references()
            counters = self.writer.link_common_texts()
            self.summary.links["COMMON_TEXT"] = counters.relationships_created
        self.summary.seconds["link"] += time.perf_counter() - started

    def _cited_targets(self, rows: Sequence[dict[str, Any]]) -> CitedTargets:
        found = self.writer.cited_targets(
            keys=sorted({row["key"] for row in rows if row["key"]}),
            works=sorted({row["work"] for row in rows}),
        )
        return CitedTargets(
            keys=frozenset(found["keys"]),
            works={row["work"]: row["best"] for row in found["works"] if row["best"]},
            not_current=frozenset(
                row["work"] for row in found["works"] if row["best"] and not row["current"]
            ),
            families={row["work"]: row["parts"] for row in found["works"] if row["parts"]},
        )

    def _resolve_references(self) -> None:
        """Citations kept outside the catalogue are resolved again after every load: a later
        file (ISO abstracts cite ETSI, loaded last) may hold what they name."""
        references = self.writer.references()
        for chunk in batched(references, self.batch_size):
            rows = [
                {
                    "key": ref["key"] if ref["dated"] else None,
                    "work": ref["work"],
                    "publisher": ref["publisher"],
                }
                for ref in chunk
            ]
            found = self._cited_targets(rows)
            moves: list[dict[str, Any]] = []
            parts: list[dict[str, Any]] = []
            for ref, row in zip(chunk, rows, strict=True):
                target = resolve_citation(row, found)
                if not target.get("reference"):
                    moves.append({"key": ref["key"], **target})
                elif target["family"]:
                    parts.append({"key": ref["key"], "parts": target["parts"]})
            self.writer.move_references(moves, parts)
        self.writer.drop_orphan_references()


def ingest_catalog(
    driver: neo4j.Driver,
    paths: Sequence[Path],
    *,
    fmt: str = "auto",
    batch_size: int = DEFAULT_BATCH_SIZE,
    embed: bool = True,
    settings: Settings,
    progress: bool = True,
    record_filter: RecordFilter | None = None,
) -> IngestSummary:
    """Load catalogue files into the graph (schema and domain nodes ensured first)."""
    for path in paths:
        if not Path(path).is_file():
            raise CatalogFormatError(f"{path}: no such file")
    if batch_size < 1 or batch_size > 100_000:
        from stdkg.errors import InputError

        raise InputError(f"batch size must be between 1 and 100000, not {batch_size}")
    writer = Writer(driver, settings.neo4j_database)
    ensure_schema(
        driver, database=settings.neo4j_database, dimensions=embedding_dimensions(settings)
    )
    ingest_domains(writer)
    job = CatalogIngest(
        writer,
        settings,
        batch_size=batch_size,
        embed=embed,
        progress=progress,
        record_filter=record_filter,
    )
    return job.run(paths, fmt)
