"""GraphReader rows: plain Python values, the same as ``Record.data()`` gives, from the server."""

from __future__ import annotations

import neo4j
import neo4j.time

from graph.reader import GraphReader, plain_value


def test_plain_values_pass_through_unchanged() -> None:
    row = {"key": "ISO 37120", "year": 2018, "score": 0.5, "ok": True, "none": None}
    assert plain_value(row) == row
    assert plain_value([["a", 1], {"b": [2.5]}]) == [["a", 1], {"b": [2.5]}]


def test_other_driver_values_are_converted_like_record_data() -> None:
    date = neo4j.time.Date(2024, 5, 1)
    assert plain_value(date) == neo4j.Record({"value": date}).data()["value"]


def test_driver_values_nested_in_lists_of_maps_are_converted_too() -> None:
    date = neo4j.time.Date(2024, 5, 1)
    expected = neo4j.Record({"value": date}).data()["value"]
    rows = [{"key": "a", "domains": ["x"], "when": date}, {"key": "b", "domains": []}]
    assert plain_value(rows) == [
        {"key": "a", "domains": ["x"], "when": expected},
        {"key": "b", "domains": []},
    ]


def test_nodes_come_back_as_property_maps(clean_db: neo4j.Driver, neo4j_settings) -> None:  # type: ignore[no-untyped-def]
    database = neo4j_settings.neo4j_database
    clean_db.execute_query("CREATE (:Probe {name: 'probe', sizes: [1, 2]})", database_=database)
    reader = GraphReader(clean_db, database)
    rows = reader.read(
        "MATCH (n:Probe {name: $name}) "
        "RETURN n, n.name AS name, [n.sizes] AS nested, {a: n.name} AS map",
        {"name": "probe"},
    )
    assert rows == [
        {
            "n": {"name": "probe", "sizes": [1, 2]},
            "name": "probe",
            "nested": [[1, 2]],
            "map": {"a": "probe"},
        }
    ]
