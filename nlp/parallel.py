"""The pipeline's second branch, run in a worker process for long texts.

Why: extraction is pure Python and holds one core, while the machines stdkg runs on have two
or more. Once clauses are known, the domain and requirement components need nothing the
organization, policy and target components produce (and those need nothing from them), so
the two branches can run at the same time: on a 1 MB text the branch takes about 3 of the 7
seconds. Short texts never pay for it: below ``MIN_CHARS`` the pipeline runs in one process.

Which components form the branch is written once, here (``SIDE_BRANCH``), and checked against
the components' declared reads and writes (``tests/nlp/test_parallel.py``). The result is the
same as the sequential run's; when the worker cannot be started, is busy with another text, or
dies, the branch runs in this process instead (logged), so a failure costs time, never items.

Why a plain subprocess (``python -m nlp.parallel``) and not ``multiprocessing``: its ``spawn``
and ``forkserver`` children import the caller's main script again, which runs a user's
unguarded script twice; ``fork`` copies a process that may hold other threads' locks (the API
server). The worker speaks pickled messages over two pipes (``multiprocessing.connection``
framing), loads the spaCy tagger and the gazetteers once, and lives as long as this process.
"""

from __future__ import annotations

import atexit
import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from nlp import domains, requirements
from nlp.spans import Clause, Component, Context, DocumentInfo

log = logging.getLogger(__name__)

#: The branch: the components run in the worker, in this order, after ``FORK_AFTER``.
SIDE_BRANCH: tuple[Component, ...] = (domains.COMPONENT, requirements.COMPONENT)
#: The last component both branches need before they part.
FORK_AFTER = "document"
#: Texts shorter than this are extracted in one process (the worker's round trip and the
#: pickling would cost more than they save).
MIN_CHARS = 200_000

Written = dict[str, list[Any]]


def worth_it(text: str) -> bool:
    """Whether a text is long enough, and the machine has a second core, for the branch."""
    return len(text) >= MIN_CHARS and (os.cpu_count() or 1) > 1 and os.name == "posix"


def run_side_branch(payload: dict[str, Any]) -> Written:
    """Run ``SIDE_BRANCH`` on a context rebuilt from ``payload``; return what it wrote."""
    ctx = Context(
        text=payload["text"],
        source=payload.get("source"),
        format=payload.get("format", "text"),
        spacy_model=payload["spacy_model"],
    )
    document = payload.get("document")
    if isinstance(document, DocumentInfo):
        ctx.document = document
    else:
        ctx.document.content_end = len(ctx.text)
    clauses: list[Clause] = payload.get("clauses") or []
    ctx.set_clauses(list(clauses))
    for component in SIDE_BRANCH:
        component(ctx)
    return {name: getattr(ctx, name) for component in SIDE_BRANCH for name in component.writes}


def _payload(ctx: Context) -> dict[str, Any]:
    """What the branch reads (its components' declared reads), in picklable form."""
    return {
        "text": ctx.text,
        "source": ctx.source,
        "format": ctx.format,
        "spacy_model": ctx.spacy_model,
        "document": ctx.document,
        "clauses": ctx.clauses,
    }


# --------------------------------------------------------------------------- the worker side


def _serve(read_fd: int, write_fd: int, spacy_model: str) -> None:
    """The worker's loop: one payload in, ``("ok", written)`` or ``("error", message)`` out,
    until the parent closes its end."""
    requests, replies = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    from nlp.spacy_model import get_nlp

    get_nlp(spacy_model)
    warm_text = "Standards for smart meters are lacking.\n"
    run_side_branch({"text": warm_text, "spacy_model": spacy_model})
    replies.send(("ready", None))
    while True:
        try:
            payload = requests.recv()
        except (EOFError, OSError):
            return
        try:
            replies.send(("ok", run_side_branch(payload)))
        except Exception as error:  # reported to the parent, which runs the branch itself
            replies.send(("error", f"{type(error).__name__}: {error}"))


# --------------------------------------------------------------------------- the parent side


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    requests: Connection
    replies: Connection
    spacy_model: str
    ready: bool = False

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        for connection in (self.requests, self.replies):
            connection.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


_lock = threading.Lock()  # guards _worker
_busy = threading.Lock()  # one text at a time in the worker
_worker: _Worker | None = None


def _start(spacy_model: str) -> _Worker:
    parent_read, child_write = os.pipe()
    child_read, parent_write = os.pipe()
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "nlp.parallel", str(child_read), str(child_write), spacy_model],
            pass_fds=(child_read, child_write),
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=root,
        )
    finally:
        os.close(child_read)
        os.close(child_write)
    return _Worker(
        process,
        Connection(parent_write, readable=False),
        Connection(parent_read, writable=False),
        spacy_model,
    )


def _get_worker(spacy_model: str) -> _Worker:
    global _worker
    with _lock:
        if _worker is not None and (not _worker.alive() or _worker.spacy_model != spacy_model):
            _worker.close()
            _worker = None
        if _worker is None:
            _worker = _start(spacy_model)
        return _worker


def _await_ready(worker: _Worker) -> None:
    if not worker.ready:
        kind, _ = worker.replies.recv()
        if kind != "ready":
            raise RuntimeError(f"extraction worker said {kind!r} instead of 'ready'")
        worker.ready = True


def warm_up(spacy_model: str) -> None:
    """Start the worker now and wait until it has loaded its models (before timing, or
    before a batch of long documents)."""
    with _busy:
        _await_ready(_get_worker(spacy_model))


def shutdown() -> None:
    """Stop the worker (tests; it also stops when this process exits)."""
    global _worker
    with _lock:
        if _worker is not None:
            _worker.close()
        _worker = None


atexit.register(shutdown)


@dataclass
class Pending:
    """A branch sent to the worker; ``finish_side_branch`` collects it."""

    worker: _Worker


def start_side_branch(ctx: Context) -> Pending | None:
    """Send the branch to the worker; None when the worker is busy with another text or
    cannot be started (the caller then runs the branch itself)."""
    if not _busy.acquire(blocking=False):
        return None
    try:
        worker = _get_worker(ctx.spacy_model)
        worker.requests.send(_payload(ctx))
        return Pending(worker)
    except Exception as error:  # no processes allowed here, pipe broken...
        _busy.release()
        log.warning("extraction worker unavailable, extracting in one process: %s", error)
        shutdown()
        return None


def _collect(pending: Pending) -> Written:
    try:
        _await_ready(pending.worker)
        kind, value = pending.worker.replies.recv()
    finally:
        _busy.release()
    if kind != "ok":
        raise RuntimeError(str(value))
    return dict(value)


def cancel_side_branch(pending: Pending | None) -> None:
    """Give up a branch whose text failed here: its reply is never read, so the worker is
    stopped (the next long text starts a fresh one)."""
    if pending is not None:
        shutdown()
        _busy.release()


def finish_side_branch(ctx: Context, pending: Pending | None) -> None:
    """Take the branch's items into ``ctx`` (running the branch here if the worker failed)."""
    written: Written | None = None
    if pending is not None:
        try:
            written = _collect(pending)
        except Exception as error:  # the worker died or raised: redo the branch here
            log.warning("extraction worker failed, extracting in one process: %s", error)
            shutdown()
    if written is None:
        for component in SIDE_BRANCH:
            component(ctx)
        return
    for name, items in written.items():
        setattr(ctx, name, items)


if __name__ == "__main__":
    _serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
