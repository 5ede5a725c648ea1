"""``access.distance_to_tech_offer``: population-weighted distance from PC4 centroids to the
nearest location offering a profile of the set."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kansrijk.geo import nearest_distance_km, weighted_median
from kansrijk.indicators.membership import LOCATION_CURRENT_SQL
from kansrijk.regions import Level, Region
from kansrijk.vocab import PROFILE_TRACKS
from kansrijk.warehouse import Warehouse

YOUNG_BAND = "10-14"
FAR_KM = 5.0
_TRACKS = ", ".join(f"'{t.value}'" for t in PROFILE_TRACKS)


def _nearest_year(wh: Warehouse, table: str, year: int, where: str = "TRUE") -> int | None:
    rows = wh.query(f'SELECT DISTINCT year FROM "{table}" WHERE {where}')
    ys = [int(r[0]) for r in rows]
    return min(ys, key=lambda y: (abs(y - year), -y)) if ys else None


def offer_points(wh: Warehouse, year: int, pset: Sequence[str]) -> np.ndarray:
    """RD coordinates (n x 2) of locations offering a set profile in ``year`` (PC4 centroid)."""
    inlist = ", ".join(f"'{p}'" for p in pset)
    rows = wh.query(
        f"""
        WITH o AS (SELECT DISTINCT loc_code FROM vo_enrollment
                   WHERE year = ? AND track IN ({_TRACKS}) AND grade IN (3, 4)
                   AND profile IN ({inlist}) AND (count > 0 OR masked)),
        c AS (SELECT pc4, arg_max(x_rd, year) x, arg_max(y_rd, year) y FROM pc4_centroid
              GROUP BY pc4)
        SELECT c.x, c.y FROM o JOIN ({LOCATION_CURRENT_SQL}) l USING (loc_code)
        JOIN c ON c.pc4 = l.pc4
        """,
        [year],
    )
    return np.array(rows, dtype=float).reshape(-1, 2)


def distance_rows(
    wh: Warehouse, regions: Sequence[Region], years: Sequence[int], pset: Sequence[str]
) -> list[tuple[str, int, dict[str, str], float, float, int]]:
    """(region, year, {statistic}, value, young residents, 0) rows."""
    out: list[tuple[str, int, dict[str, str], float, float, int]] = []
    for year in years:
        pop_year = _nearest_year(
            wh, "population", year, f"area_level = 'pc4' AND age_band = '{YOUNG_BAND}'"
        )
        if pop_year is None:
            continue
        pcs = wh.query(
            """
            WITH c AS (SELECT pc4, arg_max(x_rd, year) x, arg_max(y_rd, year) y
                       FROM pc4_centroid GROUP BY pc4),
            a AS (SELECT pc4, arg_max(gemeente_code, year) gm FROM pc4_area GROUP BY pc4)
            SELECT p.area_code, c.x, c.y, p.count, a.gm FROM population p
            JOIN c ON c.pc4 = p.area_code LEFT JOIN a ON a.pc4 = p.area_code
            WHERE p.area_level = 'pc4' AND p.age_band = ? AND p.sex = 'all' AND p.year = ?
              AND p.count > 0
            """,
            [YOUNG_BAND, pop_year],
        )
        if not pcs:
            continue
        codes = np.array([r[0] for r in pcs])
        xy = np.array([[r[1], r[2]] for r in pcs], dtype=float)
        w = np.array([r[3] for r in pcs], dtype=float)
        gms = np.array([r[4] or "" for r in pcs])
        dist, _ = nearest_distance_km(xy, offer_points(wh, year, pset))
        for region in regions:
            if region.level is Level.NL:
                mask = np.ones(len(codes), bool)
            elif region.by_postcode:
                mask = np.isin(codes, list(region.pc4))
            else:
                mask = np.isin(gms, list(region.gemeenten))
            if not mask.any() or not np.isfinite(dist[mask]).all():
                continue
            d, ww = dist[mask], w[mask]
            total = float(ww.sum())
            stats = {
                "mean_km": float((d * ww).sum() / total),
                "median_km": weighted_median(d, ww),
                "share_over_5km": float(100.0 * ww[d > FAR_KM].sum() / total),
            }
            out.extend((region.code, year, {"statistic": k}, v, total, 0) for k, v in stats.items())
    return out
