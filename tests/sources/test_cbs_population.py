"""CBS residents per postcode x age band -> population (pc4)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.cbs_population import CbsPostcodeAgeReader, age_range
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.registry import detect
from kansrijk.sources.result import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "cbs"
FIXTURE = DATA / "inwoners-per-pc-leeftijd-fictief-2021.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cbs"
REAL_FILE = REAL / "inwoners-per-pc-leeftijd-2021.csv"


def read(path: Path, context: ReadContext | None = None) -> ReadResult:
    result = CbsPostcodeAgeReader().read(path, context or ReadContext())
    assert result.dataset.name == "cbs_population_pc4_age"
    assert result.tables["population"].schema == arrow_schema("population")
    return result


def rows(table: pa.Table, **where: object) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())]


def write(tmp_path: Path, text: str, name: str = "inwoners-per-pc-leeftijd-2021.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_only_pc4_rows_kept_and_aggregates_noted() -> None:
    result = read(FIXTURE)
    table = result.tables["population"]
    assert result.years == (2021,)
    assert set(table.column("area_code").to_pylist()) == {"9901", "9902", "9911", "9912"}
    assert table.num_rows == 4 * 4 * 3
    assert set(table.column("area_level").to_pylist()) == {"pc4"}
    note = result.notes[0]
    assert "skipped 4 PC2 aggregate rows (1 areas)" in note
    assert "8 PC3 aggregate rows (2 areas)" in note


def test_counts_ages_and_sexes() -> None:
    table = read(FIXTURE).tables["population"]
    row = rows(table, area_code="9901", age_band="0-4", sex="all")[0]
    assert (row["count"], row["masked"], row["age_min"], row["age_max"]) == (125.0, False, 0, 4)
    assert rows(table, area_code="9901", age_band="0-4", sex="m")[0]["count"] == 65.0
    assert rows(table, area_code="9901", age_band="0-4", sex="f")[0]["count"] == 60.0
    old = rows(table, area_code="9912", age_band="95+", sex="f")[0]
    assert (old["age_min"], old["age_max"], old["count"]) == (95, None, 10.0)
    zero = rows(table, area_code="9902", age_band="95+", sex="all")[0]
    assert (zero["count"], zero["masked"]) == (0.0, False)  # a real zero stays 0


def test_empty_and_secret_values_are_masked_not_zero() -> None:
    result = read(FIXTURE)
    table = result.tables["population"]
    secret = rows(table, area_code="9902", age_band="5-9", sex="m")[0]
    assert (secret["count"], secret["masked"]) == (None, True)
    empty = rows(table, area_code="9911")
    assert len(empty) == 12
    assert all(r["count"] is None and r["masked"] for r in empty)
    assert any("5 PC4 rows in 2 postcodes" in n for n in result.notes)


def test_detect() -> None:
    assert detect(FIXTURE).info.name == "cbs_population_pc4_age"


def test_age_range() -> None:
    assert age_range("10-14") == (10, 14)
    assert age_range("95+") == (95, None)
    assert age_range("65 jaar en ouder") == (65, None)
    assert age_range("onbekend") is None


def test_bad_age_band(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("9901,5-9,", "9901,5 tot 9,")
    with pytest.raises(InputError, match="age band") as err:
        read(write(tmp_path, text))
    assert err.value.line == 15
    assert err.value.column == "LEEFTIJD"


def test_negative_value_that_is_no_marker(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("9901,10-14,95.0", "9901,10-14,-5.0")
    with pytest.raises(InputError, match=r"-5\.0"):
        read(write(tmp_path, text))


def test_missing_column(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("inwoners_vrouw", "vrouwen", 1)
    with pytest.raises(MissingColumnError, match="INWONERS_VROUW"):
        read(write(tmp_path, text))


def test_truncated(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    path = write(tmp_path, text[: text.index("9912,5-9") + 14])
    with pytest.raises(TruncatedFileError) as err:
        read(path)
    assert err.value.line == 27
    assert path.name in str(err.value)


def test_year_needed(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURE.read_text(encoding="utf-8"), "inwoners.csv")
    with pytest.raises(InputError, match="year"):
        read(path)
    assert read(path, ReadContext(year=2020)).years == (2020,)


@pytest.mark.realdata
def test_real_file() -> None:
    if not REAL_FILE.exists():
        pytest.skip(f"real data not available at {REAL_FILE}")
    with REAL_FILE.open(encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    pc4 = [r for r in raw if len(r["postcode"]) == 4]
    result = read(REAL_FILE)
    table = result.tables["population"]
    assert table.num_rows == 3 * len(pc4)
    assert len(set(table.column("area_code").to_pylist())) == len({r["postcode"] for r in pc4})
    assert len({r["postcode"] for r in pc4}) == 4074
    expected = sum(float(r["inwoners"]) for r in pc4 if r["postcode"] == "1011")
    got = sum(r["count"] for r in rows(table, area_code="1011", sex="all"))
    assert got == expected
    pc2 = sum(1 for r in raw if len(r["postcode"]) == 2)
    assert f"skipped {pc2} PC2 aggregate rows" in result.notes[0]
    empty = sum(1 for r in pc4 if r["inwoners"] == "")
    assert empty == 300
    masked = rows(table, sex="all", masked=True)
    assert len(masked) == empty
    assert all(r["count"] is None for r in masked)
    total = sum(c for c in table.column("count").to_pylist()[0::3] if c is not None)
    assert total == sum(float(r["inwoners"]) for r in raw if len(r["postcode"]) == 2)
