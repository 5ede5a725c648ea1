"""PC4 centroids in RD New -> pc4_centroid with WGS84 lon/lat."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from kansrijk.errors import InputError, MissingColumnError, TruncatedFileError
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.pc4_centroids import DEFAULT_YEAR, Pc4CentroidsReader
from kansrijk.sources.reader import ReadContext
from kansrijk.sources.registry import detect
from kansrijk.sources.result import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "geo"
FIXTURE = DATA / "pc4-centroids-fictief-rd.csv"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "geo"
REAL_FILE = REAL / "pc4-centroids-rd.csv"
#: RDNAPTRANS2018 position of the RD origin (Amersfoort, x 155000, y 463000).
AMERSFOORT = (5.38720621, 52.15517440)


def read(path: Path, context: ReadContext | None = None) -> ReadResult:
    result = Pc4CentroidsReader().read(path, context or ReadContext())
    assert result.dataset.name == "cbs_pc4_centroids"
    assert result.tables["pc4_centroid"].schema == arrow_schema("pc4_centroid")
    return result


def by_pc4(result: ReadResult) -> dict[str, dict[str, Any]]:
    return {r["pc4"]: r for r in result.tables["pc4_centroid"].to_pylist()}


def write(tmp_path: Path, text: str, name: str = "pc4-centroids-rd.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_rows_and_transformation() -> None:
    result = read(FIXTURE)
    rows = by_pc4(result)
    assert sorted(rows) == ["9901", "9902", "9911"]
    origin = rows["9901"]
    assert (origin["x_rd"], origin["y_rd"], origin["residents"]) == (155000.0, 463000.0, 365.0)
    assert origin["area_km2"] == pytest.approx(2.5180412299)
    # PROJ without the NSGI grid (Helmert) is ~0.25 m from RDNAPTRANS: 1e-5 degrees
    assert origin["lon"] == pytest.approx(AMERSFOORT[0], abs=1e-5)
    assert origin["lat"] == pytest.approx(AMERSFOORT[1], abs=1e-5)
    assert rows["9911"]["lon"] == pytest.approx(4.888, abs=1e-3)  # Amsterdam
    assert rows["9911"]["lat"] == pytest.approx(52.3698, abs=1e-3)


def test_nan_residents_and_missing_centroid_noted() -> None:
    result = read(FIXTURE)
    rows = by_pc4(result)
    assert rows["9902"]["residents"] is None
    assert "9903" not in rows
    assert any("9903 (line 4)" in n for n in result.notes)
    assert any("9902" in n and "nan" in n for n in result.notes)


def test_default_year_is_documented() -> None:
    result = read(FIXTURE)
    assert result.years == (DEFAULT_YEAR,) == (2022,)
    assert any("2022" in n and "vintage" in n for n in result.notes)
    assert read(FIXTURE, ReadContext(year=2021)).years == (2021,)


def test_year_from_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURE.read_text(encoding="utf-8"), "pc4-centroids-2023.csv")
    assert read(path).years == (2023,)


def test_outside_rd_bounds(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("121000.0,487000.0", "121000.0,687000.0")
    with pytest.raises(InputError, match="outside the Netherlands") as err:
        read(write(tmp_path, text))
    assert err.value.line == 5


def test_bad_postcode_and_number(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="4-digit postcode") as err:
        read(write(tmp_path, text.replace("9911.0,", "991.0,")))
    assert err.value.line == 5
    with pytest.raises(InputError, match="number") as err:
        read(write(tmp_path, text.replace("155250.5", "155250.5x")))
    assert err.value.column == "X_RD"


def test_missing_column(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("y_rd", "y", 1)
    with pytest.raises(MissingColumnError, match="Y_RD"):
        read(write(tmp_path, text))


def test_truncated(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(TruncatedFileError) as err:
        read(write(tmp_path, text[: text.index("9911.0") + 20]))
    assert err.value.line == 5


def test_detect() -> None:
    assert detect(FIXTURE).info.name == "cbs_pc4_centroids"


@pytest.mark.realdata
def test_real_file() -> None:
    if not REAL_FILE.exists():
        pytest.skip(f"real data not available at {REAL_FILE}")
    with REAL_FILE.open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    with_xy = [r for r in raw if r["x_rd"] and r["y_rd"]]
    result = read(REAL_FILE)
    rows = by_pc4(result)
    assert len(rows) == len(with_xy) == len(raw) - 1 == 4067
    r1011 = next(r for r in raw if r["postcode"] == "1011.0")
    assert rows["1011"]["residents"] == float(r1011["inwoners"])
    assert rows["1011"]["x_rd"] == float(r1011["x_rd"])
    assert rows["1011"]["lat"] == pytest.approx(52.372, abs=0.01)  # Amsterdam centre
    assert rows["1011"]["lon"] == pytest.approx(4.90, abs=0.01)
    assert all(3.2 < r["lon"] < 7.3 and 50.7 < r["lat"] < 53.6 for r in rows.values())
    assert sum(1 for r in rows.values() if r["residents"] is None) == sum(
        1 for r in with_xy if r["inwoners"] == "nan"
    )
