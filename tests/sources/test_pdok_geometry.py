"""CBS/PDOK gemeente boundaries (degrees with codes; RD New with names) -> geometry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kansrijk.errors import InputError, MissingColumnError, UnknownCodeError
from kansrijk.regions import GemeenteNames
from kansrijk.sources.arrow import arrow_schema
from kansrijk.sources.cbs_regions import CbsRegionsReader, gemeente_names
from kansrijk.sources.pdok_geometry import GemeenteBoundariesReader, sniff_geojson
from kansrijk.sources.reader import ReadContext, Sniff
from kansrijk.sources.registry import detect
from kansrijk.sources.result import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data" / "geo"
DEGREES = DATA / "gemeenten-fictief-2023.geojson"
RD = DATA / "gemeenten-fictief-2022-rd.geojson"
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data"
REAL_2023 = REAL / "geo" / "gemeenten-2023.geojson"
REAL_2022 = REAL / "geo" / "gemeenten-2022-rd.geojson"
REAL_GEBIEDEN = REAL / "cbs" / "gebieden-in-nederland-2024.csv"
NAMES = GemeenteNames(
    {
        "GM9901": "Fictiefdorp",
        "GM9902": "Verzinstad",
        "GM9903": "Nergenshuizen",
        "GM9904": "'t Droomveld",
    }
)
#: RDNAPTRANS2018 position of the RD origin (Amersfoort, x 155000, y 463000).
AMERSFOORT = (5.38720621, 52.15517440)


def read(path: Path, names: GemeenteNames | None = NAMES) -> ReadResult:
    result = GemeenteBoundariesReader().read(path, ReadContext(gemeente_names=names))
    assert result.dataset.name == "cbs_gemeentegrenzen"
    assert result.tables["geometry"].schema == arrow_schema("geometry")
    return result


def geometries(result: ReadResult) -> list[dict[str, Any]]:
    return [r | {"geo": json.loads(r["geojson"])} for r in result.tables["geometry"].to_pylist()]


def edit(tmp_path: Path, source: Path, change: Any, name: str = "gemeenten-2022.geojson") -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_degrees_with_codes() -> None:
    result = read(DEGREES, names=None)  # codes printed: no names needed
    assert result.years == (2023,)
    rows = geometries(result)
    assert [(r["area_code"], r["area_code_source"], r["name"]) for r in rows] == [
        ("GM9901", "GM9901", "Fictiefdorp (gemeente)"),
        ("GM9902", "GM9902", "Verzinstad"),
    ]
    first = rows[0]["geo"]
    assert first["type"] == "MultiPolygon"
    assert first["coordinates"][0][0][1] == [5.15, 52.050123]  # rounded to 6 decimals
    assert len(first["coordinates"]) == 2
    second = rows[1]["geo"]
    assert second["type"] == "Polygon"
    assert len(second["coordinates"]) == 2  # the hole is kept
    assert all(r["area_level"] == "gemeente" for r in rows)
    assert any("4289" in n for n in result.notes)


def test_rd_transformed_to_wgs84() -> None:
    rows = geometries(read(RD))
    assert [(r["area_code"], r["area_code_source"], r["name"]) for r in rows] == [
        ("GM9901", None, "Fictiefdorp"),
        ("GM9904", None, "'t Droomveld"),
        ("GM9902", None, "Verzinstad"),
    ]
    lon, lat = rows[0]["geo"]["coordinates"][0][0][0]
    # PROJ without the NSGI grid uses a Helmert transformation: ~0.25 m (3e-6 degrees)
    # from the official RDNAPTRANS position; with the grid installed it matches within 1e-6.
    assert lon == pytest.approx(AMERSFOORT[0], abs=1e-5)
    assert lat == pytest.approx(AMERSFOORT[1], abs=1e-5)
    assert lon == round(lon, 6)
    assert rows[2]["geo"]["type"] == "Polygon"


def test_merged_gemeenten_keep_one_row_per_feature(tmp_path: Path) -> None:
    def rename(data: Any) -> None:
        data["features"][0]["properties"]["gemeente"] = "Brielle"
        data["features"][1]["properties"]["gemeente"] = "Hellevoetsluis"

    result = read(edit(tmp_path, RD, rename))
    rows = geometries(result)
    assert [(r["area_code"], r["area_code_source"], r["name"]) for r in rows[:2]] == [
        ("GM1992", "GM0501", "Brielle"),
        ("GM1992", "GM0530", "Hellevoetsluis"),
    ]
    assert any("GM1992 <- Brielle, Hellevoetsluis" in n for n in result.notes)


def test_unknown_names_listed(tmp_path: Path) -> None:
    def rename(data: Any) -> None:
        data["features"][0]["properties"]["gemeente"] = "Nergensland"
        data["features"][2]["properties"]["gemeente"] = "Luchtkasteel"

    with pytest.raises(UnknownCodeError) as err:
        read(edit(tmp_path, RD, rename))
    assert "'Nergensland' (feature 0)" in str(err.value)
    assert "'Luchtkasteel' (feature 2)" in str(err.value)


def test_names_need_gebieden() -> None:
    with pytest.raises(InputError, match="must be ingested first"):
        read(RD, names=None)


def test_non_polygon_feature_named(tmp_path: Path) -> None:
    def point(data: Any) -> None:
        data["features"][2]["geometry"] = {"type": "Point", "coordinates": [155000, 463000]}

    with pytest.raises(InputError, match="feature 2: expected a Polygon or MultiPolygon"):
        read(edit(tmp_path, RD, point))


def test_rd_outside_netherlands(tmp_path: Path) -> None:
    def move(data: Any) -> None:
        data["features"][1]["geometry"]["coordinates"][0][0][2] = [123000.0, 989000.0]

    with pytest.raises(InputError, match="feature 1: RD New coordinates outside"):
        read(edit(tmp_path, RD, move))


def test_metres_declared_as_degrees(tmp_path: Path) -> None:
    def drop_crs(data: Any) -> None:
        del data["crs"]

    with pytest.raises(InputError, match="not degrees"):
        read(edit(tmp_path, RD, drop_crs))


def test_unsupported_crs_and_missing_properties(tmp_path: Path) -> None:
    def crs(data: Any) -> None:
        data["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::3035"

    with pytest.raises(InputError, match="unsupported crs"):
        read(edit(tmp_path, RD, crs))

    def props(data: Any) -> None:
        for f in data["features"]:
            f["properties"] = {"inwoners": 1}

    with pytest.raises(MissingColumnError):
        read(edit(tmp_path, RD, props))


def test_truncated_json(tmp_path: Path) -> None:
    path = tmp_path / "gemeenten-2023.geojson"
    text = DEGREES.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError, match="truncated") as err:
        read(path)
    assert err.value.line is not None
    with pytest.raises(InputError, match="truncated"):  # reported, not "unknown dataset"
        sniff_geojson(path)


def test_sniff_and_detect() -> None:
    assert sniff_geojson(DEGREES) == (
        "gemeenteCode",
        "gemeenteNaam",
        "CRS:urn:ogc:def:crs:EPSG::4289",
    )
    header = sniff_geojson(RD)
    assert header[-1] == "CRS:urn:ogc:def:crs:EPSG::28992"
    assert GemeenteBoundariesReader().matches(Sniff(RD, ".geojson", header))
    assert not GemeenteBoundariesReader().matches(Sniff(RD, ".csv", header))
    assert detect(DEGREES).info.name == detect(RD).info.name == "cbs_gemeentegrenzen"


@pytest.mark.realdata
def test_real_2023_degrees() -> None:
    if not REAL_2023.exists():
        pytest.skip(f"real data not available at {REAL_2023}")
    raw = json.loads(REAL_2023.read_text(encoding="utf-8"))["features"]
    rows = geometries(read(REAL_2023, names=None))
    assert len(rows) == len(raw) == 342
    assert {r["area_code"] for r in rows} == {f["properties"]["gemeenteCode"] for f in raw}
    assert next(r for r in rows if r["area_code"] == "GM1992")["name"] == "Voorne aan Zee"


@pytest.mark.realdata
def test_real_2022_rd_every_name_resolves() -> None:
    if not (REAL_2022.exists() and REAL_GEBIEDEN.exists()):
        pytest.skip(f"real data not available at {REAL}")
    names = gemeente_names(CbsRegionsReader().read(REAL_GEBIEDEN, ReadContext()))
    raw = json.loads(REAL_2022.read_text(encoding="utf-8"))["features"]
    result = read(REAL_2022, names)
    rows = geometries(result)
    assert len(rows) == len(raw) == 345
    assert [r["name"] for r in rows] == [f["properties"]["gemeente"] for f in raw]
    voorne = {
        r["name"]: (r["area_code"], r["area_code_source"])
        for r in rows
        if r["area_code"] == "GM1992"
    }
    assert voorne == {
        "Brielle": ("GM1992", "GM0501"),
        "Hellevoetsluis": ("GM1992", "GM0530"),
        "Westvoorne": ("GM1992", "GM0614"),
    }
    assert len({r["area_code"] for r in rows}) == 342
    for r in rows:
        polygons = r["geo"]["coordinates"]
        for poly in polygons if r["geo"]["type"] == "MultiPolygon" else [polygons]:
            for ring in poly:
                assert all(3.2 < x < 7.3 and 50.7 < y < 53.6 for x, y in ring), r["name"]
