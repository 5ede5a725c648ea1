"""Schema version 3: the mbo tables, and mbo_location's address columns added to an older
warehouse in place."""

from __future__ import annotations

from pathlib import Path

import duckdb

from kansrijk.warehouse import SCHEMA_VERSION, Warehouse


def test_older_warehouse_gains_mbo_tables_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.execute(
        "CREATE TABLE mbo_location (dataset VARCHAR NOT NULL, year INTEGER NOT NULL, "
        "mbo_code VARCHAR NOT NULL, name VARCHAR, pc4 VARCHAR, gemeente_code VARCHAR, "
        "sectorkamers VARCHAR, x_rd DOUBLE, y_rd DOUBLE)"
    )
    con.execute(
        "INSERT INTO mbo_location VALUES ('demo_mbo', 2024, 'ZZM001', 'x', '0103', "
        "'GM9901', 'TGO', 1.0, 2.0)"
    )
    con.close()
    with Warehouse(path) as wh:
        cols = {
            r[0]
            for r in wh.query(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'mbo_location'"
            )
        }
        assert {"brin", "postcode", "kind", "province"} <= cols
        tables = {r[0] for r in wh.query("SELECT table_name FROM duckdb_tables()")}
        assert {"mbo_student", "mbo_student_home", "mbo_entrant", "mbo_diploma"} <= tables
        assert wh.query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0] == str(
            SCHEMA_VERSION
        )
        assert wh.query("SELECT mbo_code, brin FROM mbo_location")[0] == ("ZZM001", None)
