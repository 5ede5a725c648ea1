from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from kansrijk.errors import UnknownDatasetError, WarehouseError
from kansrijk.warehouse import Warehouse, ingest, status

DUO = FIXTURES / "duo"


def _snapshot(wh: Warehouse) -> list[tuple[object, ...]]:
    return (
        wh.query("SELECT dataset, year, rows, sha256 FROM provenance ORDER BY ALL")
        + wh.query("SELECT count(*), sum(count) FROM vo_enrollment")
        + wh.query("SELECT count(*) FROM location")
    )


def test_load_reload_and_replace(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        first = ingest(
            wh, [DUO / "enrollment-fictief-2019.csv", DUO / "locations-fictief-2019.csv"]
        )
        assert [o.status for o in first] == ["loaded", "loaded"]
        before = _snapshot(wh)
        again = ingest(wh, [DUO / "enrollment-fictief-2019.csv"])
        assert [o.status for o in again] == ["unchanged"]
        assert _snapshot(wh) == before
        # a newer release of the same dataset-year replaces only that dataset-year
        newer = tmp_path / "leerlingen-2019.csv"
        newer.write_text(
            (DUO / "enrollment-fictief-2019.csv").read_text("latin-1").replace(";12;1;", ";13;1;"),
            encoding="latin-1",
        )
        other = ingest(wh, [DUO / "enrollment-fictief-2023.csv"])
        assert other[0].status == "loaded"
        replaced = ingest(wh, [newer])
        assert replaced[0].status == "replaced"
        rows = {(s.dataset, s.year): s for s in status(wh)}
        assert rows[("duo_vo_enrollment", 2019)].file_name == "leerlingen-2019.csv"
        assert rows[("duo_vo_enrollment", 2023)].file_name == "enrollment-fictief-2023.csv"
        assert wh.query(
            "SELECT sum(count) FROM vo_enrollment WHERE year = 2019 AND profile = 'PIE'"
        ) == [(24,)]
        assert rows[("duo_vo_enrollment", 2019)].locations == 3
        assert rows[("duo_vo_enrollment", 2019)].pupils == 24 + 31 + 3 + 38 + 26 + 7


def test_failed_batch_leaves_warehouse_untouched(tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as wh:
        ingest(wh, [DUO / "locations-fictief-2019.csv"])
        before = _snapshot(wh)
        with pytest.raises(ValueError, match="line 10"):
            ingest(wh, [DUO / "enrollment-fictief-2019.csv", DUO / "enrollment-truncated-2019.csv"])
        assert _snapshot(wh) == before
        unknown = tmp_path / "something.csv"
        unknown.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
        with pytest.raises(UnknownDatasetError, match="not a dataset Kansrijk can read"):
            ingest(wh, [unknown])
        assert _snapshot(wh) == before


def test_schema_version_guard(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Warehouse(path) as wh:
        wh.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(WarehouseError, match="schema version 99 is newer"), Warehouse(path):
        pass
    with pytest.raises(WarehouseError, match="no warehouse here"):
        Warehouse(tmp_path / "none.duckdb", read_only=True).open()
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    with pytest.raises(WarehouseError, match=r"junk\.duckdb"):
        Warehouse(junk).open()
