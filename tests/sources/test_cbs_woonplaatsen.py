"""CBS woonplaatsen -> gemeente."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from tests.conftest import FIXTURES, SHARED_DATA, require_real_data

from kansrijk.errors import InputError
from kansrijk.sources import ReadContext, detect
from kansrijk.sources.cbs_woonplaatsen import CbsWoonplaatsenReader

FIXTURE = FIXTURES / "cbs" / "woonplaatsen-gemeente-fictief-2024.csv"
REAL = SHARED_DATA / "cbs-extra" / "woonplaatsen-gemeente-corop-2024.csv"
READER = CbsWoonplaatsenReader()


def test_fixture_read_and_detected() -> None:
    assert detect(FIXTURE).info.name == "cbs_woonplaatsen"
    res = READER.read(FIXTURE, ReadContext())
    t = res.tables["woonplaats"]  # noqa: F841 - read by duckdb.sql by name
    assert res.years == (2024,)
    assert duckdb.sql(
        "SELECT woonplaats_code, name, gemeente_code, corop_code FROM t ORDER BY 1"
    ).fetchall() == [
        ("9001", "Oudstad", "GM9901", "CR98"),
        ("9002", "Nieuwdorp", "GM9902", "CR98"),
        ("9003", "Nieuwdorp", "GM9903", "CR99"),
        ("9004", "Zevenhuizen", "GM9904", "CR99"),
    ]


def test_duplicate_code_and_bad_gemeente_are_named(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    dup = tmp_path / "woonplaatsen-2024.csv"
    dup.write_text(text + "9001,Elders,9901,Fictiefdorp,98,Fictief-Noord\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 6, column 'WOONPLAATSCODE'.*9001 appears twice"):
        READER.read(dup, ReadContext())
    bad = tmp_path / "woonplaatsen-2023.csv"
    bad.write_text(text.replace("9903,Nergens", "XX,Nergens"), encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4, column 'GEMEENTECODE'.*'XX'"):
        READER.read(bad, ReadContext())


@pytest.mark.realdata
def test_real_2024_table() -> None:
    require_real_data()
    if not REAL.exists():
        pytest.skip(f"{REAL} not found")
    with REAL.open(encoding="utf-8-sig", newline="") as fh:
        raw = list(csv.DictReader(fh))
    res = READER.read(REAL, ReadContext())
    t = res.tables["woonplaats"]  # noqa: F841 - read by duckdb.sql by name
    assert res.rows == len(raw) == 2501
    velp = duckdb.sql("SELECT gemeente_code FROM t WHERE name = 'Velp' ORDER BY 1").fetchall()
    assert velp == sorted(("GM" + r["Gemeentecode"],) for r in raw if r["Woonplaats"] == "Velp")
    assert len(velp) == 2
