"""``access.distance_to_tech_offer`` and ``access.distance_to_tech_mbo``: population-weighted
distance from PC4 centroids to the nearest vmbo location offering a profile of the set, or
the nearest mbo location offering one of the set's sectorkamers.

The per-PC4 pieces (young residents, offer locations, region membership of a PC4) are public
so that the atlas shows exactly what the indicator computes.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kansrijk.geo import nearest_distance_km
from kansrijk.regions import Membership, Region
from kansrijk.vocab import PUPIL_FILTER, ProfileSet
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import LOCATION_YEAR_SQL, PC4_AREA_SQL, PC4_POINT_SQL
from kansrijk.warehouse.mbo_locations import NO_MBO_LOCATIONS, mbo_sites

YOUNG_BAND = "10-14"
FAR_KM = 5.0


@dataclass(frozen=True, slots=True)
class YoungPc4:
    """A PC4 area with young residents (age band ``YOUNG_BAND``) and its centroid."""

    pc4: str
    gemeente_code: str | None
    x: float  # RD New metres
    y: float
    lon: float
    lat: float
    residents: float


def population_year(wh: Warehouse, year: int) -> int | None:
    """The PC4 population year closest to ``year`` (ties: the later one)."""
    rows = wh.query(
        "SELECT DISTINCT year FROM population WHERE area_level = 'pc4' AND age_band = ?",
        [YOUNG_BAND],
    )
    ys = [int(r[0]) for r in rows]
    return min(ys, key=lambda y: (abs(y - year), -y)) if ys else None


@dataclass(frozen=True, slots=True)
class Pc4Table:
    """Every PC4 with young residents for one population year, column-wise, with indexes by
    postcode and by gemeente so that a region's PC4s are found without a per-PC4 test."""

    pop_year: int
    items: tuple[YoungPc4, ...]
    xy: npt.NDArray[np.float64]  # n x 2, RD New metres
    weights: npt.NDArray[np.float64]
    by_pc4: dict[str, int]
    by_gemeente: dict[str, npt.NDArray[np.intp]]

    def region_index(self, region: Region) -> npt.NDArray[np.intp] | None:
        """Ascending row numbers of the PC4s that count for ``region`` (``Region.contains``),
        or None for every row (the Netherlands)."""
        if region.membership is Membership.ALL:
            return None
        if region.membership is Membership.PC4:
            found = [self.by_pc4[p] for p in region.member_codes if p in self.by_pc4]
            return np.unique(np.asarray(found, dtype=np.intp))
        parts = [self.by_gemeente[g] for g in region.member_codes if g in self.by_gemeente]
        if not parts:
            return np.empty(0, dtype=np.intp)
        return np.unique(np.concatenate(parts))


_TABLES: dict[tuple[str, int, tuple[Any, ...]], Pc4Table] = {}
_TABLES_LOCK = threading.Lock()
_TABLES_KEEP = 16


def _fingerprint(wh: Warehouse, pop_year: int) -> tuple[Any, ...]:
    """Cheap summary of the rows a ``Pc4Table`` is built from: a reload changes it."""
    rows = wh.query(
        """
        SELECT (SELECT count(*) || ':' || coalesce(sum(count), 0) FROM population
                WHERE area_level = 'pc4' AND age_band = ? AND year = ?),
               (SELECT count(*) || ':' || coalesce(sum(x_rd + y_rd), 0) FROM pc4_centroid),
               (SELECT count(*) || ':' || count(DISTINCT gemeente_code) FROM pc4_area)
        """,
        [YOUNG_BAND, pop_year],
    )
    return tuple(rows[0])


def _build_table(wh: Warehouse, pop_year: int) -> Pc4Table:
    rows = wh.query(
        f"""
        WITH c AS ({PC4_POINT_SQL}),
        a AS (SELECT pc4, gemeente_code AS gm FROM ({PC4_AREA_SQL}))
        SELECT p.area_code, a.gm, c.x, c.y, c.lon, c.lat, p.count FROM population p
        JOIN c ON c.pc4 = p.area_code LEFT JOIN a ON a.pc4 = p.area_code
        WHERE p.area_level = 'pc4' AND p.age_band = ? AND p.sex = 'all' AND p.year = ?
          AND p.count > 0
        ORDER BY p.area_code
        """,
        [YOUNG_BAND, pop_year],
    )
    items = tuple(
        YoungPc4(str(pc4), gm, float(x), float(y), float(lon), float(lat), float(n))
        for pc4, gm, x, y, lon, lat, n in rows
    )
    groups: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        groups.setdefault(it.gemeente_code or "", []).append(i)
    return Pc4Table(
        pop_year=pop_year,
        items=items,
        xy=np.array([[it.x, it.y] for it in items], dtype=float).reshape(-1, 2),
        weights=np.array([it.residents for it in items], dtype=float),
        by_pc4={it.pc4: i for i, it in enumerate(items)},
        by_gemeente={g: np.asarray(ix, dtype=np.intp) for g, ix in groups.items()},
    )


def pc4_table(wh: Warehouse, year: int, *, pop_year: int | None = None) -> Pc4Table | None:
    """The young-resident PC4 table for the population year closest to ``year`` (or
    ``pop_year``); built once per warehouse file and population year (rebuilt when those rows
    change)."""
    pop_year = pop_year if pop_year is not None else population_year(wh, year)
    if pop_year is None:
        return None
    key = (str(wh.path), pop_year, _fingerprint(wh, pop_year))
    with _TABLES_LOCK:
        table = _TABLES.get(key)
    if table is None:
        table = _build_table(wh, pop_year)
        with _TABLES_LOCK:
            if len(_TABLES) >= _TABLES_KEEP:
                _TABLES.pop(next(iter(_TABLES)))
            _TABLES[key] = table
    return table


def young_residents(wh: Warehouse, year: int) -> tuple[int | None, list[YoungPc4]]:
    """(population year used, every PC4 with young residents and a centroid)."""
    table = pc4_table(wh, year)
    if table is None:
        return None, []
    return table.pop_year, list(table.items)


def offer_locations(
    wh: Warehouse, year: int, pset: Sequence[str]
) -> list[tuple[str, float, float]]:
    """(loc_code, x, y) of locations offering a set profile in ``year`` (at their PC4
    centroid, RD New)."""
    inlist = ", ".join(f"'{p}'" for p in pset)
    rows = wh.query(
        f"""
        WITH o AS (SELECT DISTINCT loc_code FROM vo_enrollment
                   WHERE year = ? AND {PUPIL_FILTER}
                   AND profile IN ({inlist}) AND (count > 0 OR masked)),
        c AS ({PC4_POINT_SQL})
        SELECT o.loc_code, c.x, c.y FROM o JOIN ({LOCATION_YEAR_SQL}) l USING (loc_code)
        JOIN c ON c.pc4 = l.pc4 WHERE l.year = ? ORDER BY o.loc_code
        """,
        [year, year],
    )
    return [(str(code), float(x), float(y)) for code, x, y in rows]


def offer_points_by_year(
    wh: Warehouse, years: Sequence[int], pset: Sequence[str]
) -> dict[int, npt.NDArray[np.float64]]:
    """``offer_points`` of several years in one query: year -> RD coordinates (n x 2)."""
    inlist = ", ".join(f"'{p}'" for p in pset)
    ylist = ", ".join(str(int(y)) for y in years) or "NULL"
    rows = wh.query(
        f"""
        WITH o AS (SELECT DISTINCT year, loc_code FROM vo_enrollment
                   WHERE year IN ({ylist}) AND {PUPIL_FILTER}
                   AND profile IN ({inlist}) AND (count > 0 OR masked)),
        c AS ({PC4_POINT_SQL})
        SELECT o.year, c.x, c.y FROM o JOIN ({LOCATION_YEAR_SQL}) l
        ON l.loc_code = o.loc_code AND l.year = o.year
        JOIN c ON c.pc4 = l.pc4 ORDER BY o.year, o.loc_code
        """
    )
    found: dict[int, list[tuple[float, float]]] = {int(y): [] for y in years}
    for year, x, y in rows:
        found[int(year)].append((float(x), float(y)))
    return {k: np.array(v, dtype=float).reshape(-1, 2) for k, v in found.items()}


def offer_points(wh: Warehouse, year: int, pset: Sequence[str]) -> npt.NDArray[np.float64]:
    """RD coordinates (n x 2) of locations offering a set profile in ``year``."""
    return np.array([(x, y) for _, x, y in offer_locations(wh, year, pset)], dtype=float).reshape(
        -1, 2
    )


def mbo_points(wh: Warehouse, kamers: Sequence[str]) -> npt.NDArray[np.float64]:
    """RD coordinates (n x 2) of the mbo locations (newest list: DUO 'Adressen mbo' or the
    demo) offering one of the sectorkamers, at their point or PC4 centroid."""
    wanted = set(kamers)
    pts = [
        (s.x_rd, s.y_rd)
        for s in mbo_sites(wh)
        if s.sectorkamers & wanted and s.x_rd is not None and s.y_rd is not None
    ]
    return np.array(pts, dtype=float).reshape(-1, 2)


def mbo_distance_note(wh: Warehouse, kamers: Sequence[str]) -> str | None:
    """Why ``access.distance_to_tech_mbo`` has no value, or None when it can have one."""
    sites = mbo_sites(wh)
    if not sites:
        return NO_MBO_LOCATIONS
    if not len(mbo_points(wh, kamers)):
        return (
            f"none of the {len(sites)} mbo locations is known to offer {', '.join(kamers)} "
            "with a known place (load DUO 'Mbo-studenten per instelling' and PC4 centroids)"
        )
    return None


def region_stats(
    dist: npt.NDArray[np.float64],
    weights: npt.NDArray[np.float64],
    indexes: Sequence[npt.NDArray[np.intp] | None],
) -> list[tuple[float, float, float, float] | None]:
    """(weighted mean, weighted median, % weight over ``FAR_KM``, total weight) of ``dist``
    over each region's rows (None: every row), all regions at once; None for a region with no
    rows or a row without a finite distance. Same values as ``weighted_median`` and sums per
    region (the median by the same stable order and cumulative weights)."""
    n = len(dist)
    parts = [np.arange(n, dtype=np.intp) if ix is None else ix for ix in indexes]
    lens = np.array([len(p) for p in parts], dtype=np.intp)
    if not parts or not lens.sum():
        return [None] * len(parts)
    seg = np.repeat(np.arange(len(parts), dtype=np.intp), lens)
    rows = np.concatenate(parts)
    d, w = dist[rows], weights[rows]
    finite = np.isfinite(d)
    bad = np.bincount(seg, weights=~finite, minlength=len(parts))
    d = np.where(finite, d, 0.0)
    total = np.bincount(seg, weights=w, minlength=len(parts))
    dw = np.bincount(seg, weights=d * w, minlength=len(parts))
    far = np.bincount(seg, weights=np.where(d > FAR_KM, w, 0.0), minlength=len(parts))
    order = np.lexsort((d, seg))  # stable: ties keep the region's row order
    cum = np.cumsum(w[order])
    ends = np.cumsum(lens)
    starts = ends - lens
    base = np.where(starts > 0, cum[np.maximum(starts - 1, 0)], 0.0)
    seg_sorted = seg[order]
    within = cum - base[seg_sorted]
    last = within[np.maximum(ends - 1, 0)]
    hit = np.flatnonzero(within >= (last / 2.0)[seg_sorted])
    segs, first = np.unique(seg_sorted[hit], return_index=True)
    median = np.full(len(parts), np.nan)
    median[segs] = d[order][hit[first]]
    out: list[tuple[float, float, float, float] | None] = []
    for i in range(len(parts)):
        if lens[i] == 0 or bad[i] > 0 or total[i] <= 0:
            out.append(None)
            continue
        t = float(total[i])
        out.append((float(dw[i] / t), float(median[i]), float(100.0 * far[i] / t), t))
    return out


def distance_rows(
    wh: Warehouse,
    regions: Sequence[Region],
    years: Sequence[int],
    pset: Sequence[str],
    *,
    mbo: bool = False,
) -> list[tuple[str, int, dict[str, str], float, float, int]]:
    """(region, year, {statistic}, value, young residents, 0) rows: to the nearest vmbo
    location offering a set profile, or (``mbo``) the nearest mbo location offering one of
    the set's sectorkamers."""
    out: list[tuple[str, int, dict[str, str], float, float, int]] = []
    fixed = mbo_points(wh, pset) if mbo else None
    indexes: tuple[Pc4Table, list[npt.NDArray[np.intp] | None]] | None = None
    pop_years = [
        int(r[0])
        for r in wh.query(
            "SELECT DISTINCT year FROM population WHERE area_level = 'pc4' AND age_band = ?",
            [YOUNG_BAND],
        )
    ]
    offers = offer_points_by_year(wh, years, pset) if fixed is None else {}
    tables: dict[int, Pc4Table | None] = {}
    for year in years:
        if not pop_years:
            break
        pop_year = min(pop_years, key=lambda y: (abs(y - year), -y))
        if pop_year not in tables:
            tables[pop_year] = pc4_table(wh, year, pop_year=pop_year)
        table = tables[pop_year]
        if table is None or not table.items:
            continue
        points = fixed if fixed is not None else offers[year]
        if not len(points):
            continue
        dist, _ = nearest_distance_km(table.xy, points)
        if indexes is None or indexes[0] is not table:
            indexes = (table, [table.region_index(r) for r in regions])
        stats = region_stats(dist, table.weights, indexes[1])
        for region, st in zip(regions, stats, strict=True):
            if st is None:
                continue
            mean, median, share, total = st
            values = {"mean_km": mean, "median_km": median, "share_over_5km": share}
            out.extend(
                (region.code, year, {"statistic": k}, v, total, 0) for k, v in values.items()
            )
    return out


@dataclass(frozen=True, slots=True)
class Pc4Distance:
    """One PC4 area with young residents and its distance to the nearest technical offer."""

    pc4: str
    gemeente_code: str | None
    lon: float
    lat: float
    residents: float  # residents aged 10-14 (CBS, population_year)
    km: float  # straight line from the PC4 centroid to the nearest offer (inf: no offer)
    nearest: tuple[str, ...]  # loc_codes at the nearest offer point (one PC4 centroid)

    def to_json(self) -> dict[str, Any]:
        """The API document of this PC4 area."""
        return {
            "pc4": self.pc4,
            "gemeente_code": self.gemeente_code,
            "lon": self.lon,
            "lat": self.lat,
            "residents_10_14": self.residents,
            "km": None if math.isinf(self.km) else self.km,
            "nearest": list(self.nearest),
        }


def pc4_distances(
    wh: Warehouse, year: int, pset: ProfileSet = ProfileSet.TECHNIEK_ICT
) -> tuple[int | None, list[Pc4Distance]]:
    """(population year, every PC4 area with young residents and its distance in km to the
    nearest location offering a profile of ``pset`` in ``year``), as
    ``access.distance_to_tech_offer`` computes them."""
    pop_year, young = young_residents(wh, year)
    if not young:
        return pop_year, []
    codes = sorted(pset.codes)
    located = offer_locations(wh, year, codes)
    offers = np.array([(x, y) for _, x, y in located], dtype=float).reshape(-1, 2)
    at: dict[tuple[float, float], list[str]] = {}
    for code, x, y in located:
        at.setdefault((x, y), []).append(code)
    dist, idx = nearest_distance_km(np.array([[p.x, p.y] for p in young], dtype=float), offers)
    out = []
    for i, p in enumerate(young):
        nearest: tuple[str, ...] = ()
        if idx[i] >= 0:
            ox, oy = offers[idx[i]]
            nearest = tuple(at.get((float(ox), float(oy)), ()))
        out.append(
            Pc4Distance(
                pc4=p.pc4,
                gemeente_code=p.gemeente_code,
                lon=p.lon,
                lat=p.lat,
                residents=p.residents,
                km=float(dist[i]),
                nearest=nearest,
            )
        )
    return pop_year, out
