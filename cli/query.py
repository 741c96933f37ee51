"""Commands contributed by the ``api`` package to the ``stdkg`` command line."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _serve(
    host: Annotated[
        str | None,
        typer.Option(
            help="Interface to bind (default 127.0.0.1; 0.0.0.0 exposes the API to the network)."
        ),
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Worker processes.")] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from api.deps import api_key_for
    from stdkg.config import get_settings

    settings = get_settings()
    bind_host = host or settings.api_host
    bind_port = port or settings.api_port
    api_key_for(settings)  # create the key file now, so the message below can point to it
    where = "STDKG_API_KEY" if settings.api_key else str(Path(settings.home) / "api_key")
    typer.echo(f"stdkg API on http://{bind_host}:{bind_port}/docs (write key: {where})")
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        log_level=log_level,
    )


def _search(
    query: Annotated[str, typer.Argument(help="Words, a question or a standard identifier.")],
    k: Annotated[int, typer.Option("--k", "-k", help="How many results (1-100).")] = 10,
    mode: Annotated[str, typer.Option(help="hybrid, lexical or semantic.")] = "hybrid",
    kind: Annotated[str, typer.Option(help="standard, clause, requirement or any.")] = "any",
    status: Annotated[str, typer.Option(help="current or all.")] = "current",
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table or json.")
    ] = OutputFormat.table,
) -> None:
    """Search the loaded graph from the command line (no server needed)."""
    from api.deps import open_search_service
    from api.schemas import SearchKind, SearchMode, StatusFilter
    from api.search import SearchParams, validate_k, validate_query
    from stdkg.errors import InputError

    try:
        params = SearchParams(
            query=query,
            k=k,
            mode=SearchMode(mode),
            kind=SearchKind(kind),
            status=StatusFilter(status),
        )
    except ValueError as error:
        raise InputError(f"bad option: {error}") from error
    validate_query(params.query)  # fail fast, before the model loads
    validate_k(params.k)
    with open_search_service(load_model=params.mode != SearchMode.lexical) as service:
        response = service.search(params)
    if output == OutputFormat.json:
        typer.echo(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    typer.echo(
        f"{len(response.results)} results for {response.query!r} ({response.mode}, "
        f"{response.took_ms:.0f} ms)"
    )
    for number, hit in enumerate(response.results, start=1):
        label = hit.ref or hit.key
        typer.echo(f"{number:>3}. [{hit.kind}] {label}  {hit.status or ''}  {hit.score:.4f}")
        typer.echo(f"     {hit.title[:110]}")
        typer.echo(f"     why: {hit.why}")


def _eval_search(
    gold: Annotated[
        Path | None,
        typer.Option(help="Labelled queries (default corpus/gold/search_queries.json)."),
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
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
    from api.deps import open_search_service
    from api.evaluate_search import evaluate, format_table, ingest_judged_standards
    from stdkg.config import get_settings

    with open_search_service(load_model=True) as service:
        if load_judged:
            driver = service.graph.driver  # type: ignore[attr-defined]  # an api.deps.Graph
            summary = ingest_judged_standards(driver, get_settings(), gold)
            for line in summary.lines():
                typer.echo(line)
        report = evaluate(service, gold)
    if output == OutputFormat.json:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_table(report))


# --- gaps and overlaps command bodies (owned by the gaps/overlaps engineer) ---
def _gaps(
    document: Annotated[str, typer.Option(help="Document id, or 'all'.")] = "all",
    domain: Annotated[str | None, typer.Option(help="Only this domain (key).")] = None,
    output: Annotated[str, typer.Option("--format", help="table, json, csv or md.")] = "table",
) -> None:
    """Gap analysis: which requirements current standards cover, with the best candidates."""
    from api.gaps import GapAnalysisInputError, GapService, open_graph
    from api.report_formats import gap_report_csv, gap_report_markdown, gap_report_text

    renderers = {
        "table": gap_report_text,
        "csv": gap_report_csv,
        "md": gap_report_markdown,
        "json": lambda report: (
            json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        ),
    }
    if output not in renderers:
        raise GapAnalysisInputError(f"unknown format {output!r}: use table, json, csv or md")
    with open_graph() as graph:
        report = GapService(graph).report(document, domain)
    typer.echo(renderers[output](report), nl=False)


def _overlaps(
    kind: Annotated[str, typer.Option(help="standards, requirements or assignments.")],
    domain: Annotated[str | None, typer.Option(help="Restrict to one domain (key).")] = None,
    threshold: Annotated[float | None, typer.Option(help="Similarity cut-off.")] = None,
    seeds: Annotated[int | None, typer.Option(help="At most this many seeds.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many pairs.")] = 100,
    output: Annotated[str, typer.Option("--format", help="md, json or csv.")] = "md",
) -> None:
    """Overlapping standards, requirements repeated across policies, shared assignments."""
    from api.gaps import GapAnalysisInputError, open_graph
    from api.overlaps import OverlapService
    from api.report_formats import overlap_report_csv, overlap_report_markdown

    if output not in ("md", "json", "csv"):
        raise GapAnalysisInputError(f"unknown format {output!r}: use md, json or csv")
    with open_graph() as graph:
        report = OverlapService(graph).report(
            kind, domain=domain, threshold=threshold, seeds=seeds, limit=limit
        )
    if output == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif output == "csv":
        typer.echo(overlap_report_csv(report), nl=False)
    else:
        typer.echo(overlap_report_markdown(report), nl=False)


def _eval_gaps(
    labels: Annotated[
        Path | None,
        typer.Option(help="Gap labels (default corpus/gold/gap_labels.json)."),
    ] = None,
    document: Annotated[
        str, typer.Option(help="Document the labels belong to.")
    ] = "cn-urban-standardization-action-plan-2023-en",
    pool: Annotated[
        bool,
        typer.Option(help="Also calibrate offline on the catalogue pool (shared data)."),
    ] = True,
    shared_data: Annotated[
        Path | None, typer.Option(help="Catalogue folder (default: settings.shared_data).")
    ] = None,
    load_pool: Annotated[
        bool,
        typer.Option(help="First load the pool's standards into the graph (demo subset)."),
    ] = False,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Agreement of /gaps verdicts with the hand labels: threshold sweep, cross-validated
    accuracy / kappa / gap precision-recall, and end to end on the labelled document."""
    from api.evaluate_gaps import evaluate, format_table
    from api.gaps import open_graph
    from nlp.embedder import get_embedder
    from stdkg.config import get_settings

    embedder = get_embedder()
    pool_from = (shared_data or get_settings().shared_data) if pool else None
    with open_graph() as graph:
        result = evaluate(
            graph, embedder.embed, labels, document, pool_from=pool_from, load_pool=load_pool
        )
    if output == OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(result), nl=False)


# --- end gaps and overlaps command bodies ---


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add this package's commands to the main app (and its ``eval`` group)."""
    app.command("serve")(_serve)
    app.command("search")(_search)
    eval_app.command("search")(_eval_search)
    # --- gaps and overlaps commands (owned by the gaps/overlaps engineer) ---
    app.command("gaps")(_gaps)
    app.command("overlaps")(_overlaps)
    eval_app.command("gaps")(_eval_gaps)
    # --- end gaps and overlaps commands ---
