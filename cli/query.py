"""``stdkg serve`` (the HTTP API) and the read commands that need no server: ``search``,
``gaps``, ``overlaps`` (the ``analysis`` services over a graph reader of their own)."""

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
    from analysis.models import SearchKind, SearchMode, StatusFilter
    from analysis.search import SearchParams, open_search_service, validate_k, validate_query
    from stdkg.config import get_settings
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
    settings = get_settings()
    with open_search_service(settings, load_model=params.mode != SearchMode.lexical) as service:
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


# --- gaps and overlaps command bodies (owned by the gaps/overlaps engineer) ---
def _gaps(
    document: Annotated[str, typer.Option(help="Document id, or 'all'.")] = "all",
    domain: Annotated[str | None, typer.Option(help="Only this domain (key).")] = None,
    output: Annotated[str, typer.Option("--format", help="table, json, csv or md.")] = "table",
) -> None:
    """Gap analysis: which requirements current standards cover, with the best candidates."""
    from analysis.gaps import GapAnalysisInputError, GapService
    from analysis.reports import gap_report_csv, gap_report_markdown, gap_report_text
    from graph.reader import open_graph
    from stdkg.config import get_settings

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
    with open_graph(get_settings()) as graph:
        report = GapService(graph).report(document, domain)
    typer.echo(renderers[output](report), nl=False)


def _overlaps(
    kind: Annotated[str, typer.Option(help="standards, requirements or assignments.")],
    domain: Annotated[str | None, typer.Option(help="Restrict to one domain (key).")] = None,
    threshold: Annotated[float | None, typer.Option(help="Similarity cut-off.")] = None,
    seeds: Annotated[int | None, typer.Option(help="At most this many seeds.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many pairs.")] = 100,
    output: Annotated[str, typer.Option("--format", help="md, json or csv.")] = "md",
    relation: Annotated[
        str | None,
        typer.Option(help="Standards only: common-text, near-duplicate or all (default)."),
    ] = None,
) -> None:
    """Overlapping standards (common texts of two bodies, near-duplicates across bodies),
    requirements repeated across policies, shared assignments."""
    from analysis.gaps import GapAnalysisInputError
    from analysis.overlaps import OverlapService
    from analysis.reports import overlap_report_csv, overlap_report_markdown
    from graph.reader import open_graph
    from stdkg.config import get_settings

    if output not in ("md", "json", "csv"):
        raise GapAnalysisInputError(f"unknown format {output!r}: use md, json or csv")
    with open_graph(get_settings()) as graph:
        report = OverlapService(graph).report(
            kind, domain=domain, threshold=threshold, seeds=seeds, limit=limit, relation=relation
        )
    if output == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif output == "csv":
        typer.echo(overlap_report_csv(report), nl=False)
    else:
        typer.echo(overlap_report_markdown(report), nl=False)


# --- end gaps and overlaps command bodies ---


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``search``, ``gaps`` and ``overlaps`` to the main app."""
    app.command("serve")(_serve)
    app.command("search")(_search)
    # --- gaps and overlaps commands (owned by the gaps/overlaps engineer) ---
    app.command("gaps")(_gaps)
    app.command("overlaps")(_overlaps)
    # --- end gaps and overlaps commands ---
