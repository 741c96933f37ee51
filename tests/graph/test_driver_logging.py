"""The driver's notifications are summarized in the log, never the whole Cypher statement
(issue 11 #7: 27 MB of log in a short test, each warning carrying its query)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from graph.connection import get_driver

pytestmark = pytest.mark.neo4j

#: A statement the server warns about (an unknown label), padded to well past the size of the
#: longer queries of graph/queries/ so a log line with the statement in it would be obvious.
LONG_WARNED_QUERY = (
    "MATCH (n:NoSuchLabelForTheLogTest) WHERE n.key IN $keys\n"
    + "".join(
        f"  AND n.key <> 'padding {i}'  // line {i} of a long statement\n" for i in range(300)
    )
    + "RETURN count(n) AS n"
)
#: One notification per unknown property: many distinct warnings from one statement.
MANY_WARNINGS_QUERY = (
    "MATCH (n) WHERE "
    + " AND ".join(f"n.no_such_property_{i} IS NULL" for i in range(40))
    + " RETURN count(n) AS n"
)


def test_notifications_are_logged_once_and_short(neo4j_settings: Any, caplog: Any) -> None:
    assert len(LONG_WARNED_QUERY) > 15_000
    caplog.set_level(logging.DEBUG, logger="neo4j.notifications")
    driver = get_driver(neo4j_settings)
    try:
        for _ in range(50):
            records, _, _ = driver.execute_query(
                LONG_WARNED_QUERY, keys=["a"], database_=neo4j_settings.neo4j_database
            )
            assert records[0]["n"] == 0
    finally:
        driver.close()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("neo4j.notifications")]
    assert lines, "the warning itself is still reported"
    assert any("NoSuchLabelForTheLogTest" in line for line in lines), lines[:1]
    assert max(len(line) for line in lines) < 600, lines[0][:800]
    assert sum(len(line) for line in lines) < 5_000, f"{len(lines)} lines"
    assert "line 299" not in "".join(lines)


def test_each_distinct_notification_is_one_short_line(neo4j_settings: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG, logger="neo4j.notifications")
    driver = get_driver(neo4j_settings)
    try:
        for _ in range(20):
            driver.execute_query(MANY_WARNINGS_QUERY, database_=neo4j_settings.neo4j_database)
    finally:
        driver.close()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("neo4j.notifications")]
    assert 1 <= len(lines) <= 40, len(lines)  # each property once, not once per run
    assert max(len(line) for line in lines) < 600
