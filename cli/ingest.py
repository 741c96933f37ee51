"""``stdkg ingest catalog|taxonomies|demo|policies`` and ``stdkg remove document``: loading
the graph (``graph.ingest_catalog``, ``graph.taxonomy``, ``graph.demo``,
``graph.ingest_policies``) and removing a document (``graph.remove``)."""

from __future__ import annotations

from pathlib import Path

import typer

#: ``stdkg ingest ...``: catalogue commands below; the policy commands are added to the same group
ingest_app = typer.Typer(
    help="Load catalogues, taxonomies and policies into the graph.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` and ``remove`` groups to the main app."""
    app.add_typer(ingest_app, name="ingest")
    app.add_typer(remove_app, name="remove")


# ---- catalogue ingestion (graph/ingest_catalog.py) -----------------------------------------


def _print_summary(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


@ingest_app.command("catalog")
def ingest_catalog_command(
    paths: list[Path] = typer.Argument(
        ...,
        help="Catalogue files: Relaton JSONL(.gz), ISO Open "
        "Data JSONL, or CSV with a 'reference' column.",
    ),
    fmt: str = typer.Option("auto", "--format", help="auto|relaton|iso-opendata|csv"),
    batch_size: int = typer.Option(1000, "--batch-size", help="Rows per write transaction."),
    no_embed: bool = typer.Option(False, "--no-embed", help="Skip embeddings (fast load)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bars."),
) -> None:
    """Stream catalogue files into the graph (idempotent: unchanged rows are not rewritten).

    Full load of the four shared catalogues:
    stdkg ingest catalog ../shared/data/standards/{iso,iec,itu,etsi}.jsonl.gz
    """
    from graph.connection import get_driver
    from graph.ingest_catalog import ingest_catalog
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        summary = ingest_catalog(
            driver,
            paths,
            fmt=fmt,
            batch_size=batch_size,
            embed=not no_embed,
            settings=settings,
            progress=not quiet,
        )
    finally:
        driver.close()
    _print_summary(summary.lines())
    if summary.file_errors:
        raise typer.Exit(1)


@ingest_app.command("taxonomies")
def ingest_taxonomies_command(
    ics: Path | None = typer.Option(None, help="ICS JSONL (default: shared ics-ed7.jsonl)."),
    committees: Path | None = typer.Option(
        None, help="ISO committees JSONL (default: shared iso-committees.jsonl)."
    ),
    domains: Path | None = typer.Option(None, help="Domain JSON (default: corpus/domains.json)."),
) -> None:
    """Load the ICS hierarchy, ISO committees, publishers and the project's domains."""
    from graph.connection import get_driver
    from graph.schema import embedding_dimensions, ensure_schema
    from graph.taxonomy import COMMITTEES_FILE, ICS_FILE, ingest_taxonomies
    from graph.writer import Writer
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        ensure_schema(
            driver, database=settings.neo4j_database, dimensions=embedding_dimensions(settings)
        )
        summary = ingest_taxonomies(
            Writer(driver, settings.neo4j_database),
            ics_path=ics or settings.shared_data.joinpath(*ICS_FILE),
            committees_path=committees or settings.shared_data.joinpath(*COMMITTEES_FILE),
            domains_path=domains,
        )
    finally:
        driver.close()
    typer.echo(
        f"ICS codes {summary.ics}, committees {summary.committees}, domains "
        f"{summary.domains}, skipped rows {summary.skipped}"
    )


@ingest_app.command("reindex")
def ingest_reindex_command() -> None:
    """Rebuild the standards' vector index in one pass (done by `ingest catalog` after a large
    load; run it once on a graph loaded by an older stdkg). Semantic search pauses meanwhile."""
    from graph.connection import get_driver
    from graph.schema import embedding_dimensions, rebuild_vector_index
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        typer.echo("rebuilding the standards' vector index ...")
        seconds = rebuild_vector_index(
            driver, dimensions=embedding_dimensions(settings), database=settings.neo4j_database
        )
    finally:
        driver.close()
    typer.echo(f"vector index rebuilt in {seconds:.0f} s")


@ingest_app.command("demo")
def ingest_demo_command(
    no_embed: bool = typer.Option(False, "--no-embed", help="Skip embeddings (fast load)."),
) -> None:
    """The demo corpus (corpus/demo.json): taxonomies + the smart-city catalogue subset."""
    from graph.connection import get_driver
    from graph.demo import ingest_demo_catalog
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        summary = ingest_demo_catalog(driver, settings, embed=not no_embed)
    finally:
        driver.close()
    _print_summary(summary.lines())


# ---- policy documents (graph/ingest_policies.py, graph/remove.py) ---------------------------

remove_app = typer.Typer(
    help="Remove a policy document's contribution from the graph.", no_args_is_help=True
)


@ingest_app.command("policies")
def ingest_policies_command(
    paths: list[Path] = typer.Argument(
        ..., help="Policy files (.txt/.md/.html, UTF-8 or GB18030) or folders of them."
    ),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
    force: bool = typer.Option(
        False,
        "--force",
        help="Rewrite documents even when their text and extractor version are unchanged.",
    ),
) -> None:
    """Extract each policy and write it into the graph, one transaction per document.

    Unchanged documents are skipped, changed ones replace their old contribution, and a bad
    file is reported while the run goes on; the exit status is 1 if any input failed. Example:
    stdkg ingest policies ../shared/data/policies/
    """
    from graph.connection import get_driver
    from graph.ingest_policies import ingest_policy_paths
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        summary = ingest_policy_paths(
            driver, paths, settings=settings, progress=not quiet, force=force
        )
    finally:
        driver.close()
    for outcome in summary.outcomes:
        counts = ", ".join(f"{name} {n}" for name, n in outcome.counts.items() if n)
        typer.echo(f"{outcome.status:9s} {outcome.doc_id}  ({counts})")
    typer.echo(summary.describe())
    if summary.failures:
        # any failure fails the run (a script or CI must notice), with what failed on stderr
        total = len(summary.outcomes) + len(summary.failures)
        typer.echo(
            f"error: {len(summary.failures)} of {total} inputs failed:\n"
            + "\n".join(f"  {source}: {reason}" for source, reason in summary.failures),
            err=True,
        )
        raise typer.Exit(1)


@remove_app.command("document")
def remove_document_command(
    doc_id: str = typer.Argument(
        ...,
        help="The document id (see `stdkg ingest policies` output, or Document.id in the graph).",
    ),
) -> None:
    """Delete one document and what only it contributed; shared nodes stay."""
    from graph.connection import get_driver
    from graph.remove import remove_document
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        removed = remove_document(driver, doc_id, database=settings.neo4j_database)
    finally:
        driver.close()
    orphans = ", ".join(f"{name} {n}" for name, n in removed.deleted_orphans.items() if n)
    typer.echo(
        f"removed {removed.doc_id}: {removed.clauses} clauses, "
        f"{removed.moved_citations} citations moved to a stub"
        + (f", orphans deleted: {orphans}" if orphans else "")
    )
