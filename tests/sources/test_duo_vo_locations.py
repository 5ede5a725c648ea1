from __future__ import annotations

import csv

import duckdb
import pytest
from tests.conftest import FIXTURES, SHARED_DATA, require_real_data

from kansrijk.errors import InputError
from kansrijk.sources import ReadContext
from kansrijk.sources.duo_vo_locations import DuoVoLocationsReader


def test_fixture_maps_old_gemeente_codes() -> None:
    res = DuoVoLocationsReader().read(
        FIXTURES / "duo" / "locations-fictief-2019.csv", ReadContext()
    )
    rows = res.tables["location"].to_pylist()
    assert rows[0]["loc_code"] == "99XA00"
    assert rows[0]["name"] == "Fictief Collège Havenstad"
    assert (rows[0]["gemeente_code_source"], rows[0]["gemeente_code"]) == ("GM0501", "GM1992")
    assert (rows[0]["postcode"], rows[0]["pc4"], rows[0]["corop_code"]) == (
        "9901AB",
        "9901",
        "CR29",
    )


def test_duplicate_location_is_an_error(tmp_path: pytest.TempPathFactory) -> None:
    src = (FIXTURES / "duo" / "locations-fictief-2019.csv").read_text(encoding="latin-1")
    lines = src.splitlines()
    bad = tmp_path / "alle-vestigingen-2019.csv"  # type: ignore[operator]
    bad.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="latin-1")
    with pytest.raises(
        InputError, match=r"line 4: location 99XA00 appears twice \(first on line 2\)"
    ):
        DuoVoLocationsReader().read(bad, ReadContext())


@pytest.mark.realdata
def test_real_locations() -> None:
    require_real_data()
    path = SHARED_DATA / "duo" / "alle-vestigingen-vo-2019.csv"
    with path.open(encoding="latin-1") as fh:
        n = sum(1 for _ in csv.DictReader(fh, delimiter=";"))
    t = DuoVoLocationsReader().read(path, ReadContext()).tables["location"]
    assert t.num_rows == n == 1619
    voorne = duckdb.sql(
        "SELECT DISTINCT gemeente_code FROM t WHERE gemeente_code_source IN "
        "('GM0501', 'GM0530', 'GM0614')"
    ).fetchall()
    assert voorne == [("GM1992",)]
    assert duckdb.sql("SELECT gemeente_code FROM t WHERE loc_code = '18BR00'").fetchall()[0] == (
        "GM0106",
    )
