from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from tests.conftest import ENROLLMENT_2019, FIXTURES, require_real_data

from kansrijk.errors import MissingColumnError, TruncatedFileError, UnknownCodeError
from kansrijk.sources import ReadContext, detect
from kansrijk.sources.duo_vo_enrollment import DuoVoEnrollmentReader

DUO = FIXTURES / "duo"
READER = DuoVoEnrollmentReader()


def test_2019_layout_latin1() -> None:
    res = READER.read(DUO / "enrollment-fictief-2019.csv", ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2019,)
    pie = duckdb.sql(
        "SELECT sum(count) FROM t WHERE loc_code = '99XA00' AND profile = 'PIE'"
    ).fetchall()[0]
    assert pie == (23,)
    assert duckdb.sql("SELECT DISTINCT loc_name FROM t WHERE loc_code = '99XA00'").fetchall()[
        0
    ] == ("Fictief Collège Havenstad",)
    lwt = duckdb.sql("SELECT DISTINCT track, lwoo, lwt, ent FROM t WHERE profile = 'ZW'").fetchall()
    assert lwt == [("vmbo_kb", True, True, False)]
    route = duckdb.sql(
        "SELECT profile, route, sum(count) FROM t WHERE route IS NOT NULL GROUP BY ALL"
    ).fetchall()
    assert route == [(None, "techniek", 3)]
    assert duckdb.sql("SELECT DISTINCT profile FROM t WHERE track = 'havo'").fetchall() == [
        ("NT/NG",)
    ]
    assert duckdb.sql("SELECT count(*) FROM t WHERE count = 0").fetchall()[0] == (0,)


def test_newer_layout_utf8_bom_quoted_masked_renamed_columns() -> None:
    path = DUO / "enrollment-fictief-2023.csv"
    assert detect(path).info.name == "duo_vo_enrollment"
    res = READER.read(path, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2023,)
    masked = duckdb.sql(
        "SELECT loc_code, profile, grade, sex FROM t WHERE masked ORDER BY ALL"
    ).fetchall()
    # every 1-4 count of the fixture is '<5' there: NULL and masked, never 0
    assert ("99XA00", "PIE", 3, "f") in masked
    assert duckdb.sql("SELECT count(*) FROM t WHERE masked AND count IS NOT NULL").fetchall()[
        0
    ] == (0,)
    assert duckdb.sql("SELECT sum(count) FROM t WHERE profile = 'PIE'").fetchall()[0] == (22,)


def test_truncated_file_names_file_and_line() -> None:
    with pytest.raises(TruncatedFileError) as err:
        READER.read(DUO / "enrollment-truncated-2019.csv", ReadContext())
    assert "enrollment-truncated-2019.csv, line 10" in str(err.value)
    assert "expected 22" in str(err.value)


def test_unknown_profile_names_file_line_column() -> None:
    with pytest.raises(UnknownCodeError) as err:
        READER.read(DUO / "enrollment-unknown-profile-2019.csv", ReadContext())
    msg = str(err.value)
    assert "enrollment-unknown-profile-2019.csv, line 3, column 'AFDELING'" in msg
    assert "'Bakken en braden'" in msg
    assert "Produceren, installeren en energie" in msg


def test_missing_column(tmp_path: Path) -> None:
    src = (DUO / "enrollment-fictief-2019.csv").read_text(encoding="latin-1")
    bad = tmp_path / "leerlingen-2019.csv"
    bad.write_text(src.replace("AFDELING;", "AFD;", 1), encoding="latin-1")
    with pytest.raises(MissingColumnError, match=r"missing column.*'AFDELING'"):
        READER.read(bad, ReadContext())


def test_no_year_in_name_asks_for_year(tmp_path: Path) -> None:
    f = tmp_path / "leerlingen.csv"
    f.write_bytes((DUO / "enrollment-fictief-2019.csv").read_bytes())
    with pytest.raises(ValueError, match=r"--year YEAR"):
        READER.read(f, ReadContext())
    assert READER.read(f, ReadContext(year=2020)).years == (2020,)


@pytest.mark.realdata
def test_real_2019_file_against_independent_count() -> None:
    require_real_data()
    locs: set[str] = set()
    total = 0
    with ENROLLMENT_2019.open(encoding="latin-1") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"] in {
                "VMBO BL lj 3-4",
                "VMBO KL lj 3-4",
                "VMBO GL lj 3-4",
            }:
                n = sum(
                    int(r[f"LEER- OF VERBLIJFSJAAR {j} - {s}"])
                    for j in (3, 4)
                    for s in ("MAN", "VROUW")
                )
                total += n
                if n:
                    locs.add(r["BRIN NUMMER"] + r["VESTIGINGSNUMMER"])
    res = READER.read(ENROLLMENT_2019, ReadContext())
    t = res.tables["vo_enrollment"]  # noqa: F841 - read by duckdb.sql by name
    got = duckdb.sql(
        "SELECT count(DISTINCT loc_code), sum(count) FROM t "
        "WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"
    ).fetchall()[0]
    assert got == (len(locs), total) == (574, 119243)
    assert duckdb.sql(
        "SELECT count(*) FROM t WHERE track IN ('vmbo_bb','vmbo_kb','vmbo_gl') "
        "AND profile IS NULL AND route IS NULL"
    ).fetchall()[0] == (0,)
