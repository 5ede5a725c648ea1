"""The demo region's geography: regions, boundaries, postcode areas and residents."""

from __future__ import annotations

import json
from functools import cache

from pyproj import Transformer

from kansrijk.demo.draws import binomial, stream
from kansrijk.demo.spec import (
    COROP,
    ENROLLMENT_YEARS,
    GEMEENTE_SIZE,
    GEMEENTEN,
    GEO_YEAR,
    LABOUR_MARKET,
    NL,
    ORIGIN,
    PC4_COLS,
    PC4_ROWS,
    PROVINCE,
    PROVINCE_NAME,
    REGION_YEARS,
    Gemeente,
)
from kansrijk.regions import Level

Row = dict[str, object]
Box = tuple[float, float, float, float]  # lon0, lat0, lon1, lat1

#: Five-year age bands of young residents: (band, min, max) and share of all residents.
AGE_BANDS: tuple[tuple[str, int, int, float], ...] = (
    ("0-4", 0, 4, 0.051),
    ("5-9", 5, 9, 0.054),
    ("10-14", 10, 14, 0.057),
    ("15-19", 15, 19, 0.059),
    ("20-24", 20, 24, 0.066),
)
MALE_SHARE = 0.512


@cache
def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def to_rd(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 degrees to RD New metres, rounded to 0.1 m."""
    x, y = _transformer().transform(lon, lat)
    return round(float(x), 1), round(float(y), 1)


def gemeente_box(g: Gemeente) -> Box:
    """The rectangle of a gemeente in the 2 x 2 grid."""
    w, h = GEMEENTE_SIZE
    lon0, lat0 = ORIGIN[0] + g.col * w, ORIGIN[1] + g.row * h
    return (round(lon0, 6), round(lat0, 6), round(lon0 + w, 6), round(lat0 + h, 6))


def pc4_box(g: Gemeente, cell: int) -> Box:
    """The rectangle of a gemeente's ``cell``-th PC4 area (row-major, south row first)."""
    lon0, lat0, lon1, lat1 = gemeente_box(g)
    w, h = (lon1 - lon0) / PC4_COLS, (lat1 - lat0) / PC4_ROWS
    c, r = cell % PC4_COLS, cell // PC4_COLS
    return (
        round(lon0 + c * w, 6),
        round(lat0 + r * h, 6),
        round(lon0 + (c + 1) * w, 6),
        round(lat0 + (r + 1) * h, 6),
    )


def centre(box: Box) -> tuple[float, float]:
    """The centre (lon, lat) of a box."""
    return round((box[0] + box[2]) / 2, 6), round((box[1] + box[3]) / 2, 6)


def _ring(box: Box) -> list[list[float]]:
    lon0, lat0, lon1, lat1 = box
    # counter-clockwise exterior ring, closed (RFC 7946)
    return [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]


def polygon_json(box: Box) -> str:
    """A GeoJSON Polygon geometry of a box."""
    return json.dumps({"type": "Polygon", "coordinates": [_ring(box)]}, separators=(",", ":"))


def area_km2(box: Box) -> float:
    """Area of a box in km², from its corners in RD New (shoelace formula)."""
    pts = [to_rd(lon, lat) for lon, lat in _ring(box)[:-1]]
    twice = sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True)
    )
    return round(abs(twice) / 2 / 1e6, 3)


def region_tables(dataset: str) -> dict[str, list[Row]]:
    """``region`` and ``region_member`` rows: NL, province, COROP, arbeidsmarktregio and
    the four gemeenten, for every year of REGION_YEARS."""
    parents = (
        (NL, Level.NL),
        (PROVINCE, Level.PROVINCIE),
        (COROP, Level.COROP),
        (LABOUR_MARKET, Level.ARBEIDSMARKTREGIO),
    )
    regions: list[Row] = []
    members: list[Row] = []
    for year in REGION_YEARS:
        for (code, name), level in parents:
            regions.append(
                {"dataset": dataset, "year": year, "code": code, "name": name, "level": level.value}
            )
        for g in GEMEENTEN:
            regions.append(
                {
                    "dataset": dataset,
                    "year": year,
                    "code": g.code,
                    "name": g.name,
                    "level": Level.GEMEENTE.value,
                }
            )
        for (code, _), _level in parents:
            for g in GEMEENTEN:
                members.append({"dataset": dataset, "year": year, "parent": code, "child": g.code})
    return {"region": regions, "region_member": members}


def geometry_rows(dataset: str) -> list[Row]:
    """Boundaries of the four gemeenten and their forty PC4 areas (WGS84 lon/lat)."""
    rows: list[Row] = []
    for g in GEMEENTEN:
        rows.append(
            {
                "dataset": dataset,
                "year": GEO_YEAR,
                "area_level": Level.GEMEENTE.value,
                "area_code": g.code,
                "area_code_source": g.code,
                "name": g.name,
                "geojson": polygon_json(gemeente_box(g)),
            }
        )
    for g in GEMEENTEN:
        for cell, pc4 in enumerate(g.pc4_codes):
            rows.append(
                {
                    "dataset": dataset,
                    "year": GEO_YEAR,
                    "area_level": Level.PC4.value,
                    "area_code": pc4,
                    "area_code_source": pc4,
                    "name": f"{pc4} {g.name}",
                    "geojson": polygon_json(pc4_box(g, cell)),
                }
            )
    return rows


def pc4_residents(seed: int) -> dict[str, int]:
    """Residents per PC4 area in GEO_YEAR (the size of everything else in the area)."""
    rng = stream(seed, "pc4_residents")
    out: dict[str, int] = {}
    for g in GEMEENTEN:
        for pc4 in g.pc4_codes:
            out[pc4] = 10 * round(g.residents_per_pc4 * float(rng.uniform(0.55, 1.45)) / 10)
    return out


def pc4_tables(dataset: str, seed: int) -> dict[str, list[Row]]:
    """``pc4_area`` (PC4 -> gemeente) and ``pc4_centroid`` (RD New and lon/lat)."""
    residents = pc4_residents(seed)
    areas: list[Row] = []
    centroids: list[Row] = []
    for g in GEMEENTEN:
        for cell, pc4 in enumerate(g.pc4_codes):
            areas.append(
                {
                    "dataset": dataset,
                    "year": GEO_YEAR,
                    "pc4": pc4,
                    "place": g.place,
                    "gemeente_code": g.code,
                    "gemeente_name_source": g.name,
                    "province": PROVINCE_NAME,
                }
            )
            box = pc4_box(g, cell)
            lon, lat = centre(box)
            x, y = to_rd(lon, lat)
            centroids.append(
                {
                    "dataset": dataset,
                    "year": GEO_YEAR,
                    "pc4": pc4,
                    "residents": float(residents[pc4]),
                    "area_km2": area_km2(box),
                    "x_rd": x,
                    "y_rd": y,
                    "lon": lon,
                    "lat": lat,
                }
            )
    return {"pc4_area": areas, "pc4_centroid": centroids}


def population_rows(dataset: str, seed: int) -> list[Row]:
    """Young residents per PC4 and per gemeente by five-year age band and sex
    (``all``, ``m``, ``f``; all = m + f), for every year of ENROLLMENT_YEARS."""
    residents = pc4_residents(seed)
    rng = stream(seed, "population")
    rows: list[Row] = []
    for year in ENROLLMENT_YEARS:
        for g in GEMEENTEN:
            totals: dict[tuple[str, str], int] = {}
            scale = (1 + g.growth) ** (year - GEO_YEAR)
            for pc4 in g.pc4_codes:
                for band, lo, hi, share in AGE_BANDS:
                    mean = residents[pc4] * scale * share * g.youth
                    n = round(mean * float(rng.uniform(0.93, 1.07)))
                    m = binomial(rng, n, MALE_SHARE)
                    for sex, count in (("all", n), ("m", m), ("f", n - m)):
                        rows.append(_pop(dataset, year, "pc4", pc4, band, lo, hi, sex, count))
                        totals[(band, sex)] = totals.get((band, sex), 0) + count
            for band, lo, hi, _share in AGE_BANDS:
                for sex in ("all", "m", "f"):
                    rows.append(
                        _pop(
                            dataset,
                            year,
                            "gemeente",
                            g.code,
                            band,
                            lo,
                            hi,
                            sex,
                            totals[(band, sex)],
                        )
                    )
    return rows


def _pop(
    dataset: str,
    year: int,
    level: str,
    code: str,
    band: str,
    lo: int,
    hi: int,
    sex: str,
    count: int,
) -> Row:
    return {
        "dataset": dataset,
        "year": year,
        "area_level": level,
        "area_code": code,
        "age_band": band,
        "age_min": lo,
        "age_max": hi,
        "sex": sex,
        "count": float(count),
        "masked": False,
    }
