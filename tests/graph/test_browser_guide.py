"""The Neo4j Browser guide (docs/browser.md) and style (graph/browser/stdkg.grass) stay true.

Every ```cypher block of the guide runs against a small real graph (a hand-built policy, the
Outline it cites, and three catalogue standards with embeddings), and must return the columns
the guide promises and the rows the fixture implies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from data_paths import current_settings
from policy_samples import EXTRACTOR, PLAN_TEXT, plan_extraction
from test_ingest_policies import ingest_outline, seed_catalogue

from graph.ingest_policies import write_policy_extraction

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "browser.md"
STYLE = ROOT / "graph" / "browser" / "stdkg.grass"
ACTION_PLAN = "cn-urban-standardization-action-plan-2023"

#: Per block, in order: the columns, and a check on the rows of the fixture graph.
EXPECTED: list[tuple[list[str], Any]] = [
    (
        ["id", "policy_key", "title", "clauses"],
        lambda rows: {r["id"] for r in rows} == {"outline-en", "smart-city-plan"},
    ),
    (["p", "q", "r"], lambda rows: len(rows) >= 5),
    (
        ["clause", "requirement", "closest", "best_score", "lacking"],
        lambda rows: (
            # "smart parking" is a transport topic (nlp.domain_model), "city brain" a smart-city one
            sorted(r["requirement"] for r in rows) == ["city brain"]
            and all(isinstance(r["lacking"], bool) for r in rows)
        ),
    ),
    (
        ["organization", "document", "clause", "scope", "named_as"],
        lambda rows: (
            [(r["organization"], r["clause"], r["scope"]) for r in rows]
            == [("Ministry of Industry and Information Technology", "(1)", "smart-city clause")]
        ),
    ),
    (
        ["kind", "citing", "clause", "edition", "status", "cited_as"],
        lambda rows: (
            sorted((r["kind"], r["citing"]) for r in rows)
            == [
                ("policy", "National Standardization Development Outline"),
                ("policy", "Smart City Standardization Plan"),
                ("standard", "ISO 37122:2019"),
            ]
        ),
    ),
    (
        ["clause", "requirement", "domain", "closest_current_standard", "score"],
        # smart parking's clause names a current standard: covered, never listed
        lambda rows: all(r["requirement"] != "smart parking" for r in rows),
    ),
    (
        ["policy", "id", "citations", "cited_as", "outline_only_cited"],
        lambda rows: (
            [(r["id"], r["citations"], r["outline_only_cited"]) for r in rows]
            == [("smart-city-plan", 1, False)]
        ),
    ),
    (
        ["relationship", "document", "clause", "start", "end", "surface", "extractor"],
        lambda rows: (
            len(rows) >= 10
            and all(
                PLAN_TEXT[r["start"] : r["end"]] == r["surface"]
                for r in rows
                if r["document"] == "smart-city-plan"
            )
        ),
    ),
]


def guide_queries() -> list[str]:
    return re.findall(r"```cypher\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_guide_has_the_expected_queries() -> None:
    assert len(guide_queries()) == len(EXPECTED)


def test_style_covers_every_label_with_a_caption() -> None:
    style = STYLE.read_text(encoding="utf-8")
    rules = dict(re.findall(r"node\.(\w+) \{(.*?)\n\}", style, re.DOTALL))
    labels = {
        "Standard": "ref",
        "Publisher": "name",
        "Committee": "ref",
        "ICS": "code",
        "Domain": "name",
        "Document": "title",
        "Clause": "number",
        "Organization": "name",
        "Requirement": "topic",
        "Target": "surface",
    }
    assert set(rules) == set(labels)
    for label, caption in labels.items():
        assert f'caption: "{{{caption}}}";' in rules[label], label
        assert re.search(r"color: #[0-9A-F]{6};", rules[label]), label
        assert re.search(r"diameter: \d+px;", rules[label]), label
    assert style.count("{") == style.count("}")


@pytest.fixture
def guide_graph(clean_db: Any, embedder: Any) -> Any:
    seed_catalogue(clean_db)
    standards, _, _ = clean_db.execute_query(
        "MATCH (s:Standard) RETURN s.key AS key, s.title AS title"
    )
    clean_db.execute_query(
        """
        UNWIND $rows AS row
        MATCH (s:Standard {key: row.key}), (d:Domain {key: 'smart-city'})
        SET s.embedding = row.vector
        MERGE (s)-[:IN_DOMAIN {via: ['ics']}]->(d)
        """,
        rows=[{"key": r["key"], "vector": embedder.embed_one(r["title"])} for r in standards],
    )
    clean_db.execute_query(
        "MATCH (a:Standard {key: 'ISO 37122:2019'}), (b:Standard {key: 'ISO 37120:2018'}) "
        "MERGE (a)-[:CITES {source: 'abstract', surface: 'ISO 37120', resolved: 'current'}]->(b)"
    )
    write_policy_extraction(
        clean_db,
        plan_extraction(),
        PLAN_TEXT,
        extractor=EXTRACTOR,
        policy_key=ACTION_PLAN,
        embed=embedder.embed,
        settings=current_settings(),
    )
    ingest_outline(clean_db, embedder)
    return clean_db


@pytest.mark.neo4j
@pytest.mark.models
def test_every_guide_query_runs_and_answers(guide_graph: Any) -> None:
    queries = guide_queries()
    assert len(queries) == len(EXPECTED)
    for query, (columns, check) in zip(queries, EXPECTED, strict=True):
        records, _summary, keys = guide_graph.execute_query(query)
        assert keys == columns, query
        rows = [record.data() for record in records]
        assert check(rows), (query, rows)
