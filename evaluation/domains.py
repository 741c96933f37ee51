"""``stdkg eval domains``: the domain of each labelled requirement, by the pipeline's rules and by
the embedding model of ``nlp.domain_model``, per gold folder; ``--export`` fits the shipped
centroids.

Why a command of its own: the domain model reads the vectors ingestion computes (the topic's and
its clause's), so ``stdkg eval extraction`` (which runs the pipeline alone) scores the rules'
domains; this command scores what the graph gets. Accuracy is over the labelled requirements the
pipeline also finds (overlapping spans), as the extraction scorer counts its attributes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from corpus import corpus_path, load_json
from evaluation.extraction import load_gold, load_texts
from graph.policy_rows import EMBED_TEXT_LIMIT  # the clause text ingestion embeds
from nlp.domain_model import CENTROIDS_FILE, DomainModel
from nlp.pipeline import extract_text

GOLD_ROOT = Path("corpus/gold/extraction")
#: The sets the shipped centroids never see: they measure them.
HELD_OUT = ("heldout11", "heldout12", "heldout13", "heldout14")


@dataclass
class LabelledTopic:
    folder: str
    topic: str  # the pipeline's topic where it finds the requirement, else the label's
    clause: str
    gold: str
    rule: str | None
    found: bool


def labelled_topics(folder: Path) -> list[LabelledTopic]:
    """Every labelled requirement with a domain in ``folder``, with its clause text and the
    domain the pipeline's rules give the requirement it finds there (if any)."""
    golds = load_gold(folder)
    texts = load_texts(golds)
    found: list[LabelledTopic] = []
    for gold in golds:
        text = texts[gold.document]
        extraction = extract_text(text)
        data = json.loads(gold.path.read_text(encoding="utf-8"))
        for item in data["types"].get("requirements", []):
            if not item.get("domain"):
                continue
            start, end = int(item["start"]), int(item["end"])
            match = next(
                (r for r in extraction.requirements if r.start < end and start < r.end), None
            )
            clauses = [c for c in extraction.clauses if c.start <= start < c.body_end]
            clause = clauses[-1] if clauses else None
            body = text[clause.start : clause.body_end].strip() if clause else ""
            found.append(
                LabelledTopic(
                    folder=str(folder),
                    topic=match.topic if match else str(item["topic"]),
                    clause=(body or (clause.heading if clause else "") or "")[:EMBED_TEXT_LIMIT],
                    gold=str(item["domain"]),
                    rule=match.domain if match else None,
                    found=match is not None,
                )
            )
    return found


def _vectors(texts: Sequence[str]) -> list[list[float]]:
    from nlp.embedder import get_embedder
    from stdkg.config import get_settings

    return get_embedder(get_settings()).embed(list(texts))


def _fit(
    model_name: str, topics: Sequence[LabelledTopic], vectors: dict[str, list[float]]
) -> DomainModel:
    domains = load_json("domains.json")
    descriptions = {str(d["key"]): vectors[str(d["description"])] for d in domains}
    examples = [(vectors[t.topic], vectors[t.clause] if t.clause else None, t.gold) for t in topics]
    return DomainModel.fit(model_name, examples, descriptions)


def _accuracy(
    model: DomainModel | None, topics: Sequence[LabelledTopic], vectors: dict[str, list[float]]
) -> float:
    scored = [t for t in topics if t.found]
    if not scored:
        return float("nan")
    right = 0
    for t in scored:
        domain = (
            t.rule
            if model is None
            else model.classify(vectors[t.topic], vectors[t.clause] if t.clause else None, t.rule)
        )
        right += domain == t.gold
    return right / len(scored)


def eval_domains_command(
    gold: Annotated[
        list[Path] | None,
        typer.Option(help="Gold folders to score (default: every folder under corpus/gold)."),
    ] = None,
    export: Annotated[
        bool,
        typer.Option(
            help="Fit the centroids on every folder but the held-out ones and write "
            f"corpus/{CENTROIDS_FILE}; prints each folder left out of its own fit first."
        ),
    ] = False,
) -> None:
    """Requirement domains: the pipeline's rules against the embedding model, per folder."""
    from stdkg.config import get_settings

    model_name = get_settings().embedding_model
    folders = gold or sorted({p.parent for p in GOLD_ROOT.rglob("*.json")})
    topics = {str(f): labelled_topics(f) for f in folders}
    texts = {d["description"] for d in load_json("domains.json")}
    for items in topics.values():
        texts.update(t.topic for t in items)
        texts.update(t.clause for t in items if t.clause)
    ordered = sorted(texts)
    vectors = dict(zip(ordered, _vectors(ordered), strict=True))
    training = [f for f in topics if not any(h in f for h in HELD_OUT)]
    shipped = None
    if export:
        fitted = _fit(model_name, [t for f in training for t in topics[f]], vectors)
        corpus_path(CENTROIDS_FILE).write_text(
            json.dumps(fitted.to_dict()) + "\n", encoding="utf-8"
        )
        shipped = fitted
    else:
        from nlp.domain_model import load_domain_model

        shipped = load_domain_model(model_name)
    typer.echo(f"{'folder':46s} {'n':>4s} {'rules':>6s} {'model':>6s} {'left out':>8s}")
    for folder, items in topics.items():
        others = [t for f in training if f != folder for t in topics[f]]
        left_out = _fit(model_name, others, vectors) if folder in training else shipped
        n = sum(t.found for t in items)
        typer.echo(
            f"{folder.removeprefix(str(GOLD_ROOT)).strip('/') or '.':46s} {n:4d} "
            f"{_accuracy(None, items, vectors):6.3f} {_accuracy(shipped, items, vectors):6.3f} "
            f"{_accuracy(left_out, items, vectors):8.3f}"
        )
