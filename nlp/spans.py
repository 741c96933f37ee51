"""The items the pipeline emits, and the shared state its components fill in.

Why one module: every item carries a character span into the original decoded text, and the
pipeline checks ``text[start:end] == surface`` for all of them in one place; the components only
need these small types and the helpers to find the clause and sentence around an offset.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from stdkg.config import DEFAULT_SPACY_MODEL


@dataclass(kw_only=True)
class Mention:
    """Anything found in the text: its surface form and where it is."""

    surface: str
    start: int
    end: int
    clause: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(kw_only=True)
class Clause:
    """A numbered part or item. ``start``/``end``/``surface`` are the heading line; the clause's
    body runs from ``start`` to ``body_end`` (up to the next clause at the same or a higher
    level), which is how other items find the clause they are in."""

    id: str
    number: str
    heading: str
    level: int
    parent: str | None
    start: int
    end: int
    surface: str
    body_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(kw_only=True)
class StandardMention(Mention):
    canonical: str
    work: str
    publisher: str


@dataclass(kw_only=True)
class OrganizationMention(Mention):
    canonical: str
    key: str
    kind: str
    role: str  # issuer | assigned | mentioned
    #: For a local counterpart of a ministry ("civil affairs departments of each province"):
    #: the ministry's gazetteer key.
    parent: str | None = None


@dataclass(kw_only=True)
class PolicyRef(Mention):
    canonical: str
    key: str
    type: str


@dataclass(kw_only=True)
class DomainMention(Mention):
    canonical: str
    score: float


@dataclass(kw_only=True)
class Requirement(Mention):
    topic: str
    action: str
    domain: str | None = None


@dataclass(kw_only=True)
class Target(Mention):
    value: float | None
    comparator: str
    unit: str | None
    year: int | None


@dataclass
class DocumentInfo:
    id: str = ""
    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    date: str | None = None
    number: str | None = None
    language: str = "en"
    content_start: int = 0
    content_end: int = 0
    checksum: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Context:
    """What the components share while one document runs through the pipeline."""

    text: str
    source: str | None = None
    format: str = "text"
    spacy_model: str = DEFAULT_SPACY_MODEL
    document: DocumentInfo = field(default_factory=DocumentInfo)
    clauses: list[Clause] = field(default_factory=list)
    issuer_blocks: list[tuple[int, int]] = field(default_factory=list)
    issuer_lines: list[tuple[int, int]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    standards: list[StandardMention] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    policy_refs: list[PolicyRef] = field(default_factory=list)
    domains: list[DomainMention] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def content(self) -> tuple[int, int]:
        return self.document.content_start, self.document.content_end

    def set_clauses(self, clauses: list[Clause]) -> None:
        self.clauses = sorted(clauses, key=lambda clause: clause.start)
        self._clause_starts = [clause.start for clause in self.clauses]

    def clause_at(self, offset: int) -> Clause | None:
        """The innermost clause whose body contains ``offset`` (None in the preamble)."""
        index = bisect.bisect_right(self._clause_starts, offset) - 1
        while index >= 0:
            clause = self.clauses[index]
            if clause.start <= offset < clause.body_end:
                return clause
            index -= 1
        return None

    def clause_id_at(self, offset: int) -> str | None:
        clause = self.clause_at(offset)
        return clause.id if clause else None

    def in_content(self, start: int, end: int) -> bool:
        return self.document.content_start <= start and end <= self.document.content_end


#: What the pipeline puts in a ``Context`` before the first component runs.
INITIAL_FIELDS = ("text", "source", "format", "spacy_model")


@dataclass(frozen=True)
class Component:
    """One step of the pipeline and its contract: which ``Context`` fields it reads and which
    it writes (``document.<field>`` for the document's metadata, ``document.content`` for its
    content bounds). ``nlp.pipeline.COMPONENTS`` lists them in order; a test checks that every
    read is initial or written by an earlier component, and that a component changes only what
    it declares."""

    name: str
    run: Callable[[Context], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, ctx: Context) -> None:
        self.run(ctx)


def clause_domains(ctx: Context) -> dict[str | None, list[tuple[str, float]]]:
    """Per clause id, its domains with the best score each, best first."""
    best: dict[str | None, dict[str, float]] = defaultdict(dict)
    for mention in ctx.domains:
        scores = best[mention.clause]
        scores[mention.canonical] = max(scores.get(mention.canonical, 0.0), mention.score)
    return {
        clause: sorted(scores.items(), key=lambda item: -item[1]) for clause, scores in best.items()
    }


# Sentence ends: Latin full stop/?/! followed by space and not after a short abbreviation,
# CJK full stops, semicolons, and line breaks (policy texts put one item per line).
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bNo)(?<!\bArt)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)"
    r"[.!?](?=\s+[\"“(A-Z0-9\u4e00-\u9fff])|[。！？；;]|\n"
)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans (stripped of surrounding whitespace) in ``text[start:end]``.

    A rule splitter, not spaCy's parser: it is exact on the punctuation policy texts use and
    costs nothing, so spaCy only runs on the few sentences that need tagging. Several
    components split the same content in turn: the spans are computed once (cached)."""
    return iter(_sentence_spans(text, max(0, start), min(end, len(text))))


@functools.lru_cache(maxsize=64)
def _sentence_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        spans.extend(_stripped(text, position, cut))
        position = cut
    if position < end:
        spans.extend(_stripped(text, position, end))
    return tuple(spans)


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def trim_span(
    text: str, start: int, end: int, chars: str = " \t\r\n,.;:，。；：、"
) -> tuple[int, int]:
    """Shrink a span past leading/trailing whitespace and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# "Home > Plans > Net Zero Strategy", "Print | Share": a breadcrumb or menu separator, which no
# sentence has between two words (the title finder and the policy references skip such lines).
NAVIGATION_SEPARATOR = re.compile(r"\S[ \t]+[>|›»][ \t]+\S")


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every line in ``text[start:end]``, without the newline."""
    stop = len(text) if end is None else end
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline < 0 else newline
        yield position, line_end
        position = line_end + 1


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_cjk_text(text: str) -> bool:
    """True when CJK characters make up a large share of the letters."""
    sample = text[:20000]
    cjk = len(CJK.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return cjk > 0 and cjk * 3 >= latin
