"""``stdkg extract``: run the extraction pipeline (``nlp.pipeline``) on one file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

TABLE_WIDTH = 70


def _short(value: Any, width: int = TABLE_WIDTH) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(result: dict[str, Any]) -> None:
    document = result["document"]
    typer.echo(f"document  {document['id']}")
    for key in ("title", "issuers", "date", "number", "language", "content_start", "content_end"):
        typer.echo(f"  {key:<14}{_short(document[key])}")
    columns = {
        "clauses": ("id", "level", "heading"),
        "standards": ("canonical", "clause", "surface"),
        "organizations": ("key", "role", "clause", "surface"),
        "policy_refs": ("type", "clause", "canonical"),
        "domains": ("canonical", "score", "clause", "surface"),
        "requirements": ("action", "domain", "clause", "topic"),
        "targets": ("comparator", "value", "unit", "year", "surface"),
    }
    for section, keys in columns.items():
        items = result[section]
        typer.echo(f"\n{section} ({len(items)})")
        for item in items:
            typer.echo("  " + " | ".join(_short(item.get(key), 60) for key in keys))


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the main app."""

    @app.command("extract")
    def extract(
        path: Path = typer.Argument(..., help="A policy text: .txt, .html or .md."),
        format: str = typer.Option("json", "--format", "-f", help="json or table."),
        max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse files larger than this."),
        model_domains: bool = typer.Option(
            False,
            "--model-domains",
            help="Give requirements the domains ingestion stores (the embedding model of "
            "nlp/domain_model.py; loading it takes seconds), not the pipeline's rules' domains.",
        ),
    ) -> None:
        """Extract document metadata, clauses, standards, organizations, policy references,
        domains, requirements and targets from a policy text."""
        from nlp.errors import ExtractionError
        from nlp.pipeline import extract_path
        from stdkg.config import get_settings

        if format not in ("json", "table"):
            raise ExtractionError(f"unknown --format {format!r}; use json or table")
        limit = int(max_mb * 1024 * 1024)
        spacy_model = get_settings().spacy_model
        extraction = extract_path(path, max_bytes=limit, spacy_model=spacy_model)
        result = extraction.to_dict()
        if model_domains and result["requirements"]:
            from graph.ingest_policies import requirement_domains

            domains = requirement_domains(result, extraction.text, settings=get_settings()) or {}
            for item in result["requirements"]:
                item["domain"] = domains.get((item["start"], item["end"]), item["domain"])
        if format == "json":
            typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            _print_table(result)
