"""The pipeline's second branch (``nlp/parallel.py``): declared so that it can run apart,
the same items as the sequential run, and a fallback that loses nothing when the worker
cannot start or dies. The worker is a real subprocess (started once for the module)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlp import parallel
from nlp.pipeline import COMPONENTS, extract_text
from nlp.spans import INITIAL_FIELDS, Context
from stdkg.config import get_settings

GOLD_TEXTS = Path(__file__).resolve().parents[2] / "corpus" / "gold" / "extraction"


def _top(field: str) -> str:
    return field.split(".", 1)[0]


def test_the_branch_reads_only_what_exists_when_it_leaves() -> None:
    names = [component.name for component in COMPONENTS]
    fork = names.index(parallel.FORK_AFTER) + 1
    available = set(INITIAL_FIELDS)
    for component in COMPONENTS[:fork]:
        available.update(component.writes)
    for component in parallel.SIDE_BRANCH:
        assert component in COMPONENTS[fork:], component.name
        missing = [field for field in component.reads if field not in available]
        assert not missing, f"{component.name} reads {missing}, written after the fork"
        available.update(component.writes)
    # the branch keeps the pipeline's order
    positions = [COMPONENTS.index(component) for component in parallel.SIDE_BRANCH]
    assert positions == sorted(positions)


def test_nothing_else_reads_or_writes_what_the_branch_writes() -> None:
    side_writes = {_top(f) for component in parallel.SIDE_BRANCH for f in component.writes}
    assert "document" not in side_writes  # the branch never touches shared metadata
    for component in COMPONENTS:
        if component in parallel.SIDE_BRANCH:
            continue
        touched = {_top(f) for f in (*component.reads, *component.writes)}
        assert not touched & side_writes, (component.name, touched & side_writes)
    branch_reads = {f for component in parallel.SIDE_BRANCH for f in component.reads}
    later_writes = {
        f
        for component in COMPONENTS[COMPONENTS.index(parallel.SIDE_BRANCH[0]) :]
        if component not in parallel.SIDE_BRANCH
        for f in component.writes
    }
    assert not branch_reads & later_writes


def test_only_long_texts_take_the_branch() -> None:
    assert not parallel.worth_it("x" * (parallel.MIN_CHARS - 1))
    two_cores = (parallel.os.cpu_count() or 1) > 1 and parallel.os.name == "posix"
    assert parallel.worth_it("x" * parallel.MIN_CHARS) is two_cores


@pytest.fixture(scope="module")
def long_text() -> str:
    """About 60 KB of real gold texts (long enough to exercise every component, short enough
    to keep the test quick; ``parallel=True`` forces the branch)."""
    texts = sorted(GOLD_TEXTS.glob("unseen/heldout*/**/texts/*.txt"))[:16]
    assert texts
    return "\n\n".join(p.read_text(encoding="utf-8") for p in texts)


@pytest.fixture(scope="module")
def worker() -> Iterator[None]:
    parallel.warm_up(get_settings().spacy_model)
    yield
    parallel.shutdown()


def _context_at_the_fork(text: str) -> Context:
    """A context after the components both branches need."""
    ctx = Context(text=text, spacy_model=get_settings().spacy_model)
    ctx.document.content_end = len(text)
    for component in COMPONENTS[: [c.name for c in COMPONENTS].index(parallel.FORK_AFTER) + 1]:
        component(ctx)
    return ctx


def test_two_branches_give_the_sequential_result(long_text: str, worker: None) -> None:
    sequential = extract_text(long_text, parallel=False).to_dict()
    branched = extract_text(long_text, parallel=True).to_dict()
    assert branched["requirements"] and branched["domains"] and branched["organizations"]
    assert branched == sequential


def test_a_worker_that_cannot_start_costs_time_not_items(
    long_text: str, worker: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    expected = extract_text(long_text, parallel=False).to_dict()
    parallel.shutdown()

    def refuse(model: str) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(parallel, "_start", refuse)
    with caplog.at_level(logging.WARNING, logger="nlp.parallel"):
        assert extract_text(long_text, parallel=True).to_dict() == expected
    assert "worker unavailable" in caplog.text


def test_a_worker_that_dies_mid_branch_costs_time_not_items(
    long_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    expected = extract_text(long_text, parallel=False)
    parallel.warm_up(get_settings().spacy_model)
    ctx = _context_at_the_fork(long_text)
    pending = parallel.start_side_branch(ctx)
    assert pending is not None
    pending.worker.process.kill()
    with caplog.at_level(logging.WARNING, logger="nlp.parallel"):
        parallel.finish_side_branch(ctx, pending)
    assert "worker failed" in caplog.text
    assert [r.to_dict() for r in ctx.requirements] == [r.to_dict() for r in expected.requirements]
    # the next long text starts a fresh worker and takes the branch again
    assert extract_text(long_text, parallel=True).to_dict() == expected.to_dict()
    parallel.shutdown()


def test_a_busy_worker_is_not_waited_for(long_text: str, worker: None) -> None:
    """Two texts at once (two API requests): the second runs its branch itself."""
    ctx = _context_at_the_fork(long_text)
    first = parallel.start_side_branch(ctx)
    assert first is not None
    assert parallel.start_side_branch(ctx) is None
    parallel.finish_side_branch(ctx, first)
    assert ctx.requirements
