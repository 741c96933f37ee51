"""The extraction pipeline: a text (or a file) in, an ``Extraction`` out.

Why a fixed list of small components, as in spaCy: each component reads what the earlier ones
left in the shared ``Context`` (content bounds, clauses, issuer blocks...) and adds its own
items, so each can be tested alone on hand-made strings and the order is visible in one place
(``COMPONENTS``). After the last one, every item's span is checked against the text: an item
whose ``text[start:end]`` is not its surface is dropped, so consumers can rely on the invariant.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp import (
    chrome,
    clauses,
    document,
    domains,
    issuers,
    org_resolution,
    organizations,
    policy_refs,
    requirements,
    standards,
    targets,
)
from nlp import parallel as side_branch
from nlp.errors import UnreadableInputError
from nlp.reader import MAX_POLICY_BYTES, check_not_binary, read_path
from nlp.spans import (
    Clause,
    Component,
    Context,
    DocumentInfo,
    DomainMention,
    OrganizationMention,
    PolicyRef,
    Requirement,
    StandardMention,
    Target,
)
from nlp.text import checksum, document_id
from stdkg.config import DEFAULT_SPACY_MODEL

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "stdkg-extract/0.15.0"
MAX_TEXT_CHARS = MAX_POLICY_BYTES  # the reader's limit, in characters once decoded

#: The components in the order they run; each declares what it reads and writes
#: (``tests/nlp/test_text_and_components.py`` checks the order against the declarations).
COMPONENTS: list[Component] = [
    chrome.COMPONENT,
    clauses.COMPONENT,
    document.COMPONENT,
    standards.COMPONENT,
    policy_refs.COMPONENT,
    issuers.COMPONENT,
    organizations.COMPONENT,
    org_resolution.COMPONENT,
    document.ISSUER_KEYS,
    domains.COMPONENT,
    requirements.COMPONENT,
    targets.COMPONENT,
]
ITEM_KEYS = ("standards", "organizations", "policy_refs", "domains", "requirements", "targets")


@dataclass
class Extraction:
    """Everything extracted from one document; spans point into ``text``."""

    text: str
    document: DocumentInfo
    clauses: list[Clause] = field(default_factory=list)
    standards: list[StandardMention] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    policy_refs: list[PolicyRef] = field(default_factory=list)
    domains: list[DomainMention] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    extractor: str = EXTRACTOR_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in docs/architecture.md (and printed by ``stdkg extract``)."""
        result: dict[str, Any] = {
            "document": self.document.to_dict(),
            "clauses": [clause.to_dict() for clause in self.clauses],
        }
        for key in ITEM_KEYS:
            result[key] = [item.to_dict() for item in getattr(self, key)]
        return result

    def clause_text(self, clause: Clause) -> str:
        """The full text of a clause (heading and body)."""
        return self.text[clause.start : clause.body_end]


def _has_sentences(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _check_spans(text: str, items: list[Any], name: str) -> list[Any]:
    """Keep only items whose span is inside the text and reproduces their surface."""
    kept = []
    for item in items:
        if 0 <= item.start < item.end <= len(text) and text[item.start : item.end] == item.surface:
            kept.append(item)
        else:
            log.warning("dropped a %s item with a broken span: %r", name, item)
    return kept


def extract_text(
    text: str,
    *,
    source: str | None = None,
    format: str = "text",
    spacy_model: str = DEFAULT_SPACY_MODEL,
    parallel: bool | None = None,
) -> Extraction:
    """Run every component over ``text``. A text without letters gives an empty result.
    ``spacy_model``: the tagger the requirements component loads (``Settings.spacy_model``).
    ``parallel``: run the domain and requirement components in a worker process while the
    others run here (``nlp/parallel.py``); by default only for long texts. Same result."""
    if not isinstance(text, str):
        raise UnreadableInputError(f"{source or 'input'}: expected text, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableInputError(
            f"{source or 'input'}: {len(text)} characters is over the {MAX_TEXT_CHARS} limit; "
            "split the document first."
        )
    check_not_binary(text, source=source or "input")
    ctx = Context(text=text, source=source, format=format, spacy_model=spacy_model)
    ctx.document.content_end = len(text)
    if not _has_sentences(text):
        ctx.document.checksum = checksum(text)
        ctx.document.id = document_id(Path(source).stem) if source else "empty"
        ctx.document.content_start = ctx.document.content_end = 0
        return Extraction(text=text, document=ctx.document)
    two_branches = side_branch.worth_it(text) if parallel is None else parallel
    if two_branches:
        _run_in_two_branches(ctx)
    else:
        for component in COMPONENTS:
            component(ctx)
    clauses = _check_spans(text, ctx.clauses, "clause")
    extraction = Extraction(text=text, document=ctx.document, clauses=clauses)
    for key in ITEM_KEYS:
        setattr(extraction, key, _check_spans(text, getattr(ctx, key), key))
    return extraction


def _run_in_two_branches(ctx: Context) -> None:
    """``COMPONENTS`` in order, except that ``side_branch.SIDE_BRANCH`` runs in a worker
    process from ``FORK_AFTER`` on, while the rest run here."""
    names = [component.name for component in COMPONENTS]
    fork = names.index(side_branch.FORK_AFTER) + 1
    for component in COMPONENTS[:fork]:
        component(ctx)
    pending = side_branch.start_side_branch(ctx)
    try:
        for component in COMPONENTS[fork:]:
            if component not in side_branch.SIDE_BRANCH:
                component(ctx)
    except BaseException:
        side_branch.cancel_side_branch(pending)
        raise
    side_branch.finish_side_branch(ctx, pending)


def extract_path(
    path: Path | str, *, max_bytes: int = MAX_POLICY_BYTES, spacy_model: str = DEFAULT_SPACY_MODEL
) -> Extraction:
    """Read a .txt/.html/.md file (see ``nlp.reader``) and extract from its text."""
    read = read_path(path, max_bytes=max_bytes)
    return extract_text(read.text, source=read.source, format=read.format, spacy_model=spacy_model)
