"""The search service: lexical (BM25), semantic (vector) and hybrid (reciprocal rank fusion).

Why fuse ranks instead of scores: BM25 scores are unbounded and depend on the query length,
cosine similarities live in [-1, 1]; neither is calibrated against the other. Reciprocal rank
fusion (Cormack, Clarke & Büttcher, SIGIR 2009) only uses each ranking's *ranks*:
``score(d) = sum_i w_i / (RRF_K + rank_i(d))``. The constant 60 is the value from
that paper, used by Elasticsearch, OpenSearch and Azure AI Search as default: large enough that
rank 1 does not dwarf rank 5 (1/61 vs 1/65), so a document found by *both* rankings in their top
ten beats one found by only one ranking at rank 1. On the full catalogue (137k standards) the
heads of the rankings carry more of the answer, and k = 20 ranked better on the dev queries
(``docs/benchmarks/search-fullscale.md``); a convex mix of cosine and normalized BM25 ranked
worse there, so ranks it is.

Standards are fused as works: the editions, amendments and versions of one deliverable are one
answer, shown by its current base edition. The standards' vector ranking asks twice (pseudo-
relevance feedback, one round trip), and a series named by number brings its parts.

A query that names a standard by identifier ("ISO 37120") is answered by the graph first: those
standards are pinned above the fused list (exact edition, then current, then newest), because
no text ranking reliably puts the right edition first.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from analysis.deliverable_prior import DEFAULT_PRIOR, DeliverablePrior
from analysis.lucene import build_fulltext_query
from analysis.models import (
    Evidence,
    FacetCount,
    RankingEvidence,
    SearchHit,
    SearchKind,
    SearchMode,
    SearchResponse,
    StatusFilter,
)
from graph.queries import search as search_queries
from graph.queries.search import SUPPLEMENT_PATTERN
from graph.reader import ReadsGraph, open_graph
from stdkg.config import Settings
from stdkg.errors import ErrorCategory, InputError, ModelError

RRF_K = 20
MAX_QUERY_CHARS = 1000
MIN_K, MAX_K = 1, 100
# How many candidates each ranking contributes before filtering: recall for the fusion and
# room for filters (applied after the index call) without scanning the whole index.
FETCH_PER_RANKING = 100
# Current standards are about half of the catalogue: three times the list is enough headroom.
FETCH_CURRENT_ONLY = 300
FETCH_WITH_FILTERS = 1000
# Weights of each ranking in the fusion. Full text counts half: on the full catalogue it is the
# weaker ranking (nDCG@10 0.55 vs 0.62 for vectors) and its misses are confident ones (common
# words of a question); at 1.0 it pulled hybrid below semantic on fresh questions. Chosen on
# the three older query sets together (docs/benchmarks/search-fullscale.md).
DEFAULT_WEIGHTS: dict[str, float] = {"fulltext": 0.5, "vector": 1.0}
# Extra weight of query words found in a standard's title (Lucene field boost): a title says
# what a standard is about, an abstract mentions much else. Tuned on the full-catalogue dev set.
DEFAULT_TITLE_BOOST = 2.0
SUPPLEMENT_KEY = re.compile(SUPPLEMENT_PATTERN)
# Pseudo-relevance feedback of the standards' vector ranking: how many of its best hits, and
# their weight against the query (0 turns it off). Chosen on the full-catalogue dev queries.
FEEDBACK_DOCUMENTS = 3
DEFAULT_FEEDBACK = 0.5
# How many vector hits the feedback step asks for to find its best few (status filter only).
# The index is approximate and its answers depend on how many are asked: with 30 the best
# three differed and held-out nDCG@10 fell 0.008; 100 gives the same rankings as 300.
FEEDBACK_FETCH = 300
SNIPPET_CHARS = 240

KINDS = ("standard", "clause", "requirement")
# Shared by all requests: index calls of one search run side by side (I/O-bound waits on Neo4j).
_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="stdkg-search")


class QueryError(InputError):
    """The search query or its parameters cannot be used."""

    category = ErrorCategory.INPUT


class QueryEmbedder(Protocol):
    def embed_one(self, text: str) -> list[float]: ...


@dataclass(frozen=True)
class SearchFilters:
    """Optional filters; standard-only filters exclude clauses and requirements."""

    publisher: str | None = None
    committee: str | None = None
    domain: str | None = None
    ics: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    @property
    def standard_only(self) -> bool:
        return any(
            value is not None
            for value in (self.publisher, self.committee, self.ics, self.year_from, self.year_to)
        )

    @property
    def active(self) -> bool:
        return self.standard_only or self.domain is not None


@dataclass(frozen=True)
class SearchParams:
    query: str
    k: int = 10
    mode: SearchMode = SearchMode.hybrid
    kind: SearchKind = SearchKind.any
    status: StatusFilter = StatusFilter.current
    filters: SearchFilters = field(default_factory=SearchFilters)


@dataclass
class Candidate:
    """One node found by at least one ranking, with what each ranking said about it."""

    key: str
    kind: str
    row: dict[str, Any]
    rankings: dict[str, tuple[int, float]] = field(default_factory=dict)
    fused: float = 0.0
    identifier_tier: int | None = None
    # why the fused score was discounted (``analysis.deliverable_prior``), if it was
    discount: str | None = None


def validate_query(text: str | None) -> str:
    """The query, stripped; a clear error for empty, oversized or binary input."""
    if text is None:
        raise QueryError("the query 'q' is required")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are allowed"
        )
    if any(ord(char) < 32 and char not in "\t\n\r" for char in text):
        raise QueryError("the query contains control characters; send plain text")
    stripped = " ".join(text.split())
    if not stripped:
        raise QueryError("the query is empty; type a few words or a standard identifier")
    if not any(char.isalnum() for char in stripped):
        # nothing to match: full-text finds nothing and the vector search k arbitrary hits
        raise QueryError(
            "the query has no letters or digits; type a few words or a standard identifier"
        )
    return stripped


def validate_k(k: int) -> int:
    if not MIN_K <= k <= MAX_K:
        raise QueryError(f"k must be between {MIN_K} and {MAX_K}, got {k}")
    return k


def rrf_fuse(
    rankings: Mapping[str, Sequence[str]],
    *,
    weights: Mapping[str, float] | None = None,
    k: int = RRF_K,
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of named rankings (each a list of keys, best first).

    Returns ``(key, fused score)`` best first; ties keep the order in which keys were first
    seen, so the result is deterministic. A key listed twice in one ranking counts once, at its
    best rank.
    """
    if k < 0:
        raise ValueError("the RRF constant must be >= 0")
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for name, keys in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        seen_here: set[str] = set()
        for rank, key in enumerate(keys, start=1):
            if key in seen_here:
                continue
            seen_here.add(key)
            first_seen.setdefault(key, len(first_seen))
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], first_seen[item[0]]))


def explain(candidate: Candidate) -> str:
    """The human-readable ``why`` of a hit."""
    parts: list[str] = []
    if candidate.identifier_tier is not None:
        label = {0: "exact edition", 1: "current edition", 2: "edition in development"}.get(
            candidate.identifier_tier, "earlier or withdrawn edition"
        )
        parts.append(f"identifier match ({label})")
    for name in ("fulltext", "vector"):
        if name in candidate.rankings:
            rank, score = candidate.rankings[name]
            what = "full-text (BM25)" if name == "fulltext" else "vector (cosine)"
            parts.append(f"{what} rank {rank}, score {score:.3f}")
    if "family" in candidate.rankings:
        parts.append("a part of the series named in the query")
    if candidate.discount:
        parts.append(f"ranked as {candidate.discount}")
    return "; ".join(parts) or "no ranking"


def snippet(text: str | None, terms: Sequence[str], limit: int = SNIPPET_CHARS) -> str | None:
    """A short window of ``text`` around the first query term found (or its start)."""
    if not text:
        return None
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms if len(term) > 2]
    found = [position for position in positions if position >= 0]
    start = max(0, min(found) - limit // 3) if found else 0
    window = text[start : start + limit].strip()
    return ("…" if start else "") + window + ("…" if start + limit < len(text) else "")


def compute_facets(candidates: Sequence[Candidate]) -> dict[str, list[FacetCount]]:
    """Counts per facet value over all candidates (before truncation to k). Each facet is
    counted by one ``Counter`` over a generator (counted in C): a search has ~300 candidates
    and counting them one update at a time was a tenth of its Python time."""
    rows = [candidate.row for candidate in candidates]
    counters: dict[str, Counter[str]] = {
        "kind": Counter(candidate.kind for candidate in candidates),
        "publisher": Counter(str(row["publisher"]) for row in rows if row.get("publisher")),
        "status": Counter(str(row["status"]) for row in rows if row.get("status")),
        "committee": Counter(str(row["committee"]) for row in rows if row.get("committee")),
        "domain": Counter(str(domain) for row in rows for domain in row.get("domains") or []),
    }
    return {
        name: [FacetCount(value=value, count=count) for value, count in counter.most_common(20)]
        for name, counter in counters.items()
        if counter
    }


def _normalized_filters(params: SearchParams) -> dict[str, Any]:
    filters = params.filters
    return {
        "status": "current" if params.status == StatusFilter.current else None,
        "publisher": filters.publisher.strip().upper() if filters.publisher else None,
        "committee": filters.committee.strip().upper() if filters.committee else None,
        "domain": filters.domain.strip() if filters.domain else None,
        "ics": filters.ics.strip() if filters.ics else None,
        "year_from": filters.year_from,
        "year_to": filters.year_to,
    }


def _fetch_size(kind: str, base: Mapping[str, Any]) -> int:
    """How many candidates to take from an index before filtering: more when filters will
    drop many of them (Neo4j 5 has no pre-filtered vector search)."""
    if kind == "standard":
        if any(
            base.get(name) is not None
            for name in ("publisher", "committee", "domain", "ics", "year_from", "year_to")
        ):
            return FETCH_WITH_FILTERS
        if base.get("status") is not None:
            return FETCH_CURRENT_ONLY
        return FETCH_PER_RANKING
    return FETCH_WITH_FILTERS if base.get("domain") is not None else FETCH_PER_RANKING


def kinds_for(params: SearchParams) -> list[str]:
    """Which node kinds a search covers (standard-only filters exclude policy text)."""
    if params.kind != SearchKind.any:
        return [params.kind.value]
    if params.filters.standard_only:
        return ["standard"]
    return list(KINDS)


def identifiers_in(query: str) -> list[tuple[str, str]]:
    """``(canonical, work)`` of every standard identifier in the query, in order."""
    from nlp.identifiers import find_identifiers

    found: list[tuple[str, str]] = []
    for match in find_identifiers(query):
        pair = (match.id.canonical, match.id.work)
        if pair not in found:
            found.append(pair)
    return found


@dataclass
class CandidateGroups:
    """Candidates folded into groups: a standard's work (its editions, amendments and
    versions are one answer), anything else itself."""

    group_of: dict[str, str]
    members: dict[str, list[Candidate]]

    def shown(self, group: str) -> Candidate:
        """The member a result shows for its group, carrying the best rank each ranking gave
        any member (so ``why`` explains the work's place)."""
        members = self.members[group]
        if len(members) == 1:  # most groups: nothing to choose or merge
            return members[0]
        chosen = min(members, key=display_rank)
        for member in members:
            for name, (rank, score) in member.rankings.items():
                if name not in chosen.rankings or rank < chosen.rankings[name][0]:
                    chosen.rankings[name] = (rank, score)
        return chosen


def first_per_work(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Keep the first candidate of each work (a series named by number would otherwise pin
    each of its editions)."""
    seen: set[str] = set()
    kept: list[Candidate] = []
    for candidate in candidates:
        work = str(candidate.row.get("work") or candidate.key)
        if work not in seen:
            seen.add(work)
            kept.append(candidate)
    return kept


def display_rank(candidate: Candidate) -> tuple[Any, ...]:
    """Which edition speaks for its work: a base publication before its amendments, a
    current one before others, then the newest."""
    row = candidate.row
    return (
        bool(SUPPLEMENT_KEY.match(candidate.key)),
        row.get("status") != "current",
        -(row.get("year") or 0),
        candidate.key,
    )


def group_candidates(candidates: Iterable[Candidate], *, by_work: bool = True) -> CandidateGroups:
    group_of: dict[str, str] = {}
    members: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        work = candidate.row.get("work") if candidate.kind == "standard" else None
        group = f"work:{work}" if by_work and work else candidate.key
        group_of[candidate.key] = group
        members.setdefault(group, []).append(candidate)
    return CandidateGroups(group_of, members)


def discounted(fused: list[Candidate], query: str, prior: DeliverablePrior) -> list[Candidate]:
    """The fused list re-ordered after each standard's deliverable discount (reports and test
    documents count a little less; ``analysis.deliverable_prior``). Stable: equal scores keep
    the fusion's order."""
    for candidate in fused:
        if candidate.kind != "standard":
            continue
        reference = candidate.row.get("ref") or candidate.key
        title = candidate.row.get("title")
        factor = prior.factor(reference, title, query)
        if factor != 1.0:
            candidate.fused *= factor
            candidate.discount = prior.label(reference, title, query)
    return sorted(fused, key=lambda candidate: -candidate.fused)


def _ranking_rows(records: list[dict]) -> list[dict]:
    """The rows of a ranking query, which answers one record holding them all."""
    return list(records[0]["rows"]) if records else []


class SearchService:
    """Runs searches against the graph. Stateless apart from its collaborators, so one instance
    serves every request."""

    def __init__(
        self,
        graph: ReadsGraph,
        embedder: QueryEmbedder | None,
        *,
        weights: Mapping[str, float] | None = None,
        rrf_k: int = RRF_K,
        title_boost: float = DEFAULT_TITLE_BOOST,
        group_works: bool = True,
        drop_question_words: bool = True,
        family: bool = True,
        feedback: float = DEFAULT_FEEDBACK,
        deliverable_prior: DeliverablePrior = DEFAULT_PRIOR,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.graph = graph
        self.embedder = embedder
        self.weights = dict(weights or DEFAULT_WEIGHTS)
        self.rrf_k = rrf_k
        self.title_boost = title_boost
        self.group_works = group_works
        self.drop_question_words = drop_question_words
        self.feedback = feedback
        self.family = family
        self.deliverable_prior = deliverable_prior
        self.clock = clock

    # -- the rankings ---------------------------------------------------------------------
    def _lucene_for(self, query: str, kind: str, plain: str) -> str:
        """The full-text query of one kind: standards weigh words found in their title."""
        if kind != "standard":
            return plain
        boosted = build_fulltext_query(
            query,
            field_boosts={"title": self.title_boost},
            drop_question_words=self.drop_question_words,
        )
        return boosted or plain

    def _fulltext(
        self, query: str, plain: str, kinds: Sequence[str], base: dict[str, Any]
    ) -> list[dict]:
        """The full-text rankings of all ``kinds`` in one round trip; rows carry their kind."""
        parameters: dict[str, Any] = {**base, "limit": FETCH_PER_RANKING}
        for kind in kinds:
            parameters[f"lucene_{kind}"] = self._lucene_for(query, kind, plain)
            parameters[f"fetch_{kind}"] = _fetch_size(kind, base)
        return _ranking_rows(
            self.graph.read(search_queries.FULLTEXT_RANKINGS[tuple(kinds)], parameters)
        )

    def _vector(
        self, vector: list[float], kinds: Sequence[str], base: dict[str, Any]
    ) -> list[dict]:
        """The vector rankings of all ``kinds`` in one round trip; rows carry their kind."""
        parameters: dict[str, Any] = {**base, "vector": vector, "limit": FETCH_PER_RANKING}
        for kind in kinds:
            parameters[f"fetch_{kind}"] = _fetch_size(kind, base)
        feedback = "standard" in kinds and bool(self.feedback)
        if feedback:
            # Pseudo-relevance feedback (Rocchio): a short query lands between topics; moving
            # it towards its best few standards asks again from where the answers are.
            fetch = parameters["fetch_standard"]
            parameters.update(
                feedback=self.feedback,
                feedback_docs=FEEDBACK_DOCUMENTS,
                # a few best hits suffice unless filters will drop most of them
                feedback_fetch=min(fetch, FEEDBACK_FETCH) if fetch <= FETCH_CURRENT_ONLY else fetch,
            )
        query = search_queries.VECTOR_RANKINGS[(tuple(kinds), feedback)]
        return _ranking_rows(self.graph.read(query, parameters))

    def _embed(self, query: str) -> tuple[list[float], float]:
        if self.embedder is None:
            raise ModelError("the embedding model is not loaded")
        started = self.clock()
        vector = self.embedder.embed_one(query)
        return vector, (self.clock() - started) * 1000

    def _identifier_rows(self, identifiers: list[tuple[str, str]], base: dict) -> list[dict]:
        if not identifiers:
            return []
        # An identifier with a year names one edition: keep it even if withdrawn.
        keys = [canonical for canonical, work in identifiers if canonical != work]
        works = [work for _, work in identifiers]
        parameters = {
            **base,
            "keys": keys,
            "works": works,
            "limit": 50,
            "supplement_pattern": search_queries.SUPPLEMENT_PATTERN,
        }
        return self.graph.read(search_queries.IDENTIFIER_LOOKUP, parameters)

    def _family_rows(self, identifiers: list[tuple[str, str]], base: dict) -> list[dict]:
        parameters = {**base, "works": [work for _, work in identifiers], "limit": 50}
        return self.graph.read(search_queries.FAMILY_LOOKUP, parameters)

    # -- the search -----------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResponse:
        started = self.clock()
        query = validate_query(params.query)
        validate_k(params.k)
        kinds = kinds_for(params)
        base: dict[str, Any] = _normalized_filters(params)

        identifiers = identifiers_in(query) if "standard" in kinds else []
        candidates: dict[str, Candidate] = {}
        rankings: dict[str, list[str]] = {}

        def remember(row: dict, ranking: str | None, rank: int) -> Candidate:
            candidate = candidates.get(row["key"])
            if candidate is None:
                candidate = Candidate(key=row["key"], kind=row["kind"], row=row)
                candidates[row["key"]] = candidate
            if ranking is not None:
                candidate.rankings.setdefault(ranking, (rank, float(row["score"])))
            return candidate

        # The index calls are independent: the full-text and identifier queries run on the
        # pool while this thread embeds the query and asks the vector index (the driver is
        # thread-safe). Only what can overlap goes to the pool: each hand-off between threads
        # costs CPU that a loaded server lacks.
        lexical = params.mode in (SearchMode.lexical, SearchMode.hybrid)
        semantic = params.mode in (SearchMode.semantic, SearchMode.hybrid)
        lucene = build_fulltext_query(query) if lexical else None
        identifier_job = (
            _POOL.submit(self._identifier_rows, identifiers, base) if identifiers else None
        )
        family_job = (
            _POOL.submit(self._family_rows, identifiers, base)
            if identifiers and self.family
            else None
        )
        fulltext_job = (
            _POOL.submit(self._fulltext, query, lucene, kinds, base) if lucene is not None else None
        )
        embed_ms = 0.0
        ranked: dict[str, list[dict]] = {}
        if semantic:
            vector, embed_ms = self._embed(query)
            ranked["vector"] = self._vector(vector, kinds, base)
        if fulltext_job is not None:
            ranked["fulltext"] = fulltext_job.result()

        if family_job is not None:
            rankings["family:standard"] = []
            for rank, row in enumerate(family_job.result(), start=1):
                remember(row, "family", rank)
                rankings["family:standard"].append(row["key"])
        for rank, row in enumerate(identifier_job.result() if identifier_job else [], start=1):
            candidate = remember(row, None, rank)
            candidate.identifier_tier = int(row["tier"])
            candidate.rankings.setdefault("identifier", (rank, float(row["score"])))
        for ranking in ("fulltext", "vector"):
            if ranking not in ranked:
                continue
            for kind in kinds:
                rankings[f"{ranking}:{kind}"] = []
            # ranks count within each kind: BM25 scores of different indexes do not compare
            for row in sorted(ranked[ranking], key=lambda row: -float(row["score"])):
                name = f"{ranking}:{row['kind']}"
                remember(row, ranking, len(rankings[name]) + 1)
                rankings[name].append(row["key"])

        pinned = sorted(
            (c for c in candidates.values() if c.identifier_tier is not None),
            key=lambda c: c.rankings["identifier"][0],
        )
        if params.status == StatusFilter.current:
            # one answer per work; with status=all the user asked to see its editions too
            pinned = first_per_work(pinned)
        weights = {name: self.weights.get(name.split(":")[0], 1.0) for name in rankings}
        groups = group_candidates(candidates.values(), by_work=self.group_works)
        grouped = {name: [groups.group_of[key] for key in keys] for name, keys in rankings.items()}
        pinned_groups = {groups.group_of[c.key] for c in pinned}
        rest: list[Candidate] = []
        for group, score in rrf_fuse(grouped, weights=weights, k=self.rrf_k):
            if group in pinned_groups:
                continue  # the identifier pin already shows this work
            shown = groups.shown(group)
            shown.fused = score
            rest.append(shown)
        if params.mode == SearchMode.hybrid:
            rest = discounted(rest, query, self.deliverable_prior)
        ordered = pinned + rest
        top = ordered[: params.k]
        hits = self._hits(top, query, params.mode)
        took_ms = (self.clock() - started) * 1000
        return SearchResponse(
            query=query,
            mode=params.mode,
            kind=params.kind,
            status=params.status,
            identifiers=[canonical for canonical, _ in identifiers],
            results=hits,
            facets=compute_facets(ordered),
            took_ms=round(took_ms, 2),
            embed_ms=round(embed_ms, 2),
        )

    def _score(self, candidate: Candidate, mode: SearchMode, top_fused: float) -> float:
        if candidate.identifier_tier is not None:
            # Pinned hits sit above every fused score.
            return round(1.0 + top_fused + 1.0 / (1 + candidate.rankings["identifier"][0]), 6)
        if mode == SearchMode.hybrid:
            return round(candidate.fused, 6)
        ranking = "fulltext" if mode == SearchMode.lexical else "vector"
        return round(candidate.rankings.get(ranking, (0, 0.0))[1], 6)

    def _context(self, top: Sequence[Candidate]) -> dict[str, dict[str, Any]]:
        """Graph context for all hits in one query: a map per hit key."""
        keys: dict[str, list[str]] = {f"{kind}_keys": [] for kind in KINDS}
        for candidate in top:
            keys[f"{candidate.kind}_keys"].append(candidate.key)
        if not any(keys.values()):
            return {}
        rows = self.graph.read(search_queries.HIT_CONTEXT, keys)
        return {row["key"]: dict(row["context"]) for row in rows}

    def _hits(self, top: Sequence[Candidate], query: str, mode: SearchMode) -> list[SearchHit]:
        from analysis.lucene import query_terms

        terms = query_terms(query)
        context = self._context(top)
        top_fused = max((c.fused for c in top), default=0.0)
        hits: list[SearchHit] = []
        for candidate in top:
            row = candidate.row
            extra = context.get(candidate.key, {})
            evidence: list[Evidence] = []
            text_snippet = snippet(extra.get("text") or row.get("text"), terms)
            if candidate.kind == "standard":
                if text_snippet:
                    evidence.append(Evidence(source="abstract", text=text_snippet))
                for mention in extra.get("mentions") or []:
                    if mention.get("surface"):
                        evidence.append(
                            Evidence(
                                source="mention",
                                text=mention["surface"],
                                doc_id=mention.get("doc_id"),
                                start=mention.get("start"),
                                end=mention.get("end"),
                            )
                        )
            elif candidate.kind == "clause":
                evidence.append(
                    Evidence(
                        source="clause",
                        text=text_snippet or row["title"],
                        doc_id=extra.get("doc_id") or row.get("doc_id"),
                        start=extra.get("start"),
                        end=extra.get("end"),
                    )
                )
            else:
                evidence.append(
                    Evidence(
                        source="requirement",
                        text=extra.get("surface") or row.get("text") or "",
                        doc_id=extra.get("doc_id") or row.get("doc_id"),
                        start=extra.get("start"),
                        end=extra.get("end"),
                    )
                )
            hits.append(
                SearchHit(
                    kind=candidate.kind,
                    key=candidate.key,
                    ref=row.get("ref"),
                    work=row.get("work"),
                    title=row.get("title") or candidate.key,
                    score=self._score(candidate, mode, top_fused),
                    status=row.get("status"),
                    publisher=row.get("publisher"),
                    committee=row.get("committee"),
                    year=row.get("year"),
                    domains=sorted(set(row.get("domains") or [])),
                    doc_id=extra.get("doc_id") or row.get("doc_id"),
                    cites=int(extra.get("cites") or 0),
                    cited_by=int(extra.get("cited_by") or 0),
                    mentioned_by=int(extra.get("mentioned_by") or 0),
                    why=explain(candidate),
                    rankings=[
                        RankingEvidence(ranking=name, rank=rank, score=round(score, 6))
                        for name, (rank, score) in candidate.rankings.items()
                    ],
                    evidence=evidence,
                )
            )
        return hits


class ResultCache:
    """Recent search answers, for a server: the same request again within ``ttl`` seconds is
    answered from memory.

    Why: people page, refresh and share searches, and a few queries are asked by many; a
    hybrid search costs ~60 ms of CPU on two cores, a cache hit microseconds. Correctness: an
    answer can be at most ``ttl`` seconds older than the graph when another process writes
    (``stdkg ingest`` from a shell); writes made through the API clear the cache at once.
    """

    def __init__(
        self, size: int = 1024, ttl: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.size = size
        self.ttl = ttl
        self.clock = clock
        self._entries: OrderedDict[SearchParams, tuple[float, SearchResponse]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, params: SearchParams) -> SearchResponse | None:
        """The cached answer to ``params`` (marked ``cached``), or None."""
        if self.size <= 0:
            return None
        started = time.perf_counter()
        with self._lock:
            entry = self._entries.get(params)
            if entry is None:
                return None
            stored, response = entry
            if self.clock() - stored > self.ttl:
                del self._entries[params]
                return None
            self._entries.move_to_end(params)
        took_ms = round((time.perf_counter() - started) * 1000, 3)
        return response.model_copy(update={"cached": True, "took_ms": took_ms, "embed_ms": 0.0})

    def put(self, params: SearchParams, response: SearchResponse) -> SearchResponse:
        """Keep ``response`` as the answer to ``params``; returns it."""
        if self.size <= 0:
            return response
        with self._lock:
            self._entries[params] = (self.clock(), response)
            self._entries.move_to_end(params)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return response

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


# Threads for query embedding. A query is one short sentence: intra-op parallelism gains
# nothing, and on a busy machine two threads per request oversubscribe the cores (measured on
# the 2-core dev box under load: median 750 ms with 2 threads, 66 ms with 1). Concurrent
# requests get their parallelism from the server's thread pool instead.
QUERY_INFERENCE_THREADS = int(os.environ.get("STDKG_API_TORCH_THREADS", "1"))


def limit_inference_threads(threads: int = QUERY_INFERENCE_THREADS) -> None:
    """Cap this process's embedding threads for query-at-a-time use (``nlp.embedder``)."""
    from nlp.embedder import set_inference_threads

    set_inference_threads(threads)


@contextmanager
def open_search_service(settings: Settings, *, load_model: bool = True) -> Iterator[SearchService]:
    """A search service outside the web app (CLI, evaluation, benchmarks): a reader of its own
    (``graph.reader.open_graph``), closed on exit; the shared embedder when ``load_model``."""
    with open_graph(settings) as graph:
        embedder = None
        if load_model:
            from nlp.embedder import get_embedder

            limit_inference_threads()
            embedder = get_embedder(settings)
        yield SearchService(graph, embedder)
