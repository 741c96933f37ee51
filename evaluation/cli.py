"""``stdkg eval extraction|search|gaps``: the evaluation commands, a plugin of the CLI.

Why a plugin: nothing in the product imports ``evaluation``. ``pyproject.toml`` declares
``register`` under the entry point group ``stdkg.commands``; the CLI (``cli.main``) finds it
there at start-up and calls it with its Typer app.
"""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

eval_app = typer.Typer(
    help="Measure accuracy on the labelled data in corpus/gold/.", no_args_is_help=True
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the ``eval`` group to the ``stdkg`` app (the ``stdkg.commands`` entry point)."""
    from evaluation.domains import eval_domains_command
    from evaluation.extraction import eval_extraction_command

    eval_app.command("extraction")(eval_extraction_command)
    eval_app.command("domains")(eval_domains_command)
    eval_app.command("search")(_eval_search)
    eval_app.command("gaps")(_eval_gaps)
    eval_app.command("citations")(_eval_citations)
    eval_app.command("common-texts")(_eval_common_texts)
    app.add_typer(eval_app, name="eval")


def _eval_search(
    gold: Annotated[
        Path | None,
        typer.Option(help="Labelled queries (default corpus/gold/search_queries.json)."),
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    baselines: Annotated[
        bool,
        typer.Option(
            help="Also run the plain baselines (BM25 call; MiniLM over titles, brute force)."
        ),
    ] = True,
    load_judged: Annotated[
        bool,
        typer.Option(
            help="First load every edition of the judged standards from the shared "
            "catalogues (for a graph holding only the demo subset)."
        ),
    ] = False,
) -> None:
    """nDCG@10, Recall@20 and MRR@10 of lexical, semantic and hybrid search on the gold
    queries, against the loaded graph: the full catalogue, or the demo subset plus
    --load-judged."""
    from analysis.search import open_search_service
    from evaluation.search import evaluate, format_table, ingest_judged_standards
    from stdkg.config import get_settings

    settings = get_settings()
    with open_search_service(settings, load_model=True) as service:
        if load_judged:
            driver = service.graph.driver  # type: ignore[attr-defined]  # a graph.reader.GraphReader
            summary = ingest_judged_standards(driver, settings, gold)
            for line in summary.lines():
                typer.echo(line)
        plain: dict[str, Any] = {}
        if baselines:
            from evaluation.baselines import PlainBm25, TitleVectors
            from graph.embeddings import EmbeddingCache, embed_with_cache
            from nlp.embedder import get_embedder

            embedder = get_embedder(settings)
            cache = EmbeddingCache.for_model(settings.cache_dir, embedder.cache_key)

            def embed(texts: list[str]) -> list[list[float]]:
                return embed_with_cache(texts, embedder.embed, cache, progress=True)[0]

            bm25 = PlainBm25(service.graph)
            titles = TitleVectors(service.graph, embed)
            plain = {bm25.name: bm25.search, titles.name: titles.search}
        report = evaluate(service, gold, baselines=plain)
    if output == OutputFormat.json:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_table(report))


def _eval_gaps(
    labels: Annotated[
        list[Path] | None,
        typer.Option(
            help="Gap label files (default: corpus/gold/gap_labels.json and "
            "corpus/gold/fullscale/gap_labels.json); repeat the option for several."
        ),
    ] = None,
    document: Annotated[
        str, typer.Option(help="Document for the end-to-end part (must be ingested).")
    ] = "cn-urban-standardization-action-plan-2023-en",
    baselines: Annotated[
        bool,
        typer.Option(help="Also run the MiniLM-over-titles baseline (embeds current titles)."),
    ] = True,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Agreement of the gap verdicts with the hand labels, per split (dev: 5-fold CV;
    heldout: the shipped model), beside the plain max-cosine baselines; the refit
    coefficients; and end to end on the labelled document."""
    from evaluation.gaps import evaluate, format_table
    from graph.embeddings import EmbeddingCache, embed_with_cache
    from graph.reader import open_graph
    from nlp.embedder import get_embedder
    from stdkg.config import get_settings

    settings = get_settings()
    embedder = get_embedder(settings)
    cache = EmbeddingCache.for_model(settings.cache_dir, embedder.cache_key)

    def embed(texts: Any) -> list[list[float]]:
        return embed_with_cache(list(texts), embedder.embed, cache, progress=True)[0]

    with open_graph(settings) as graph:
        titles = None
        if baselines:
            from evaluation.baselines import TitleVectors

            titles = TitleVectors(graph, embed)
        result = evaluate(graph, embed, labels, document, titles=titles)
    if output == OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(result), nl=False)


def _eval_citations(
    gold: Annotated[
        Path | None,
        typer.Option(help="Hand-read citations (default corpus/gold/citations/...json)."),
    ] = None,
    errors: Annotated[bool, typer.Option(help="List missed and spurious citations.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Precision and recall of 'cites' in GET /standards/{ref} against citations read by hand
    from catalogue abstracts, per split, beside the catalogue-only baseline (full catalogue
    loaded)."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from evaluation.citations import DEFAULT_GOLD, evaluate, format_table
    from stdkg.config import get_settings

    app = create_app(get_settings(), load_embedder=False)
    with TestClient(app) as client:

        def fetch(reference: str) -> tuple[int, Any]:
            response = client.get("/standards/" + quote(reference, safe=""))
            return response.status_code, response.json()

        result = evaluate(fetch, gold or DEFAULT_GOLD)
    if output == OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(result, errors=errors), nl=False)


def _eval_common_texts(
    gold: Annotated[
        Path | None,
        typer.Option(help="Labelled pairs (default corpus/gold/fullscale/common_texts.json)."),
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Recall and precision of the common texts GET /overlaps?kind=standards reports, per
    split, against labelled ITU-T | ISO/IEC (and ETSI) pairs (full catalogue loaded)."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from evaluation.common_texts import DEFAULT_GOLD, evaluate, format_table
    from stdkg.config import get_settings

    app = create_app(get_settings(), load_embedder=False)
    with TestClient(app) as client:

        def fetch(params: dict[str, Any]) -> tuple[int, Any, float]:
            started = time.perf_counter()
            response = client.get("/overlaps", params=params)
            return response.status_code, response.json(), time.perf_counter() - started

        result = evaluate(fetch, gold or DEFAULT_GOLD)
    if output == OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(result), nl=False)
