"""Coverage: children 10-14 living within X km (crow-fly) of a location offering a profile.

For each technical profile ``p`` and each PC4 area of the region with children 10-14
(CBS, at the PC4 centroid) that has no location offering ``p`` within ``km`` today (any
location in NL, the enrollment year's offer), the candidates adding ``p`` within ``km``
of the centroid. A (PC4, profile) pair counts its children once it is covered by one
chosen addition: children are counted once per profile they gain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from kansrijk.geo import nearest_distance_km
from kansrijk.indicators.access import offer_points, young_residents
from kansrijk.optimise.candidates import CandidateSet
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
#: Default coverage radius (km, crow-fly).
DEFAULT_KM = 5.0


@dataclass(frozen=True, eq=False)
class Coverage:
    """``pairs`` (PC4, profile) not covered today, their children ``weights`` and the 0/1
    matrix ``cover`` (pairs x candidates): candidate ``i`` would cover pair ``j``."""

    km: float
    population_year: int | None
    pairs: tuple[tuple[str, str], ...]
    weights: FloatArray
    cover: npt.NDArray[np.bool_]
    covered_today: dict[str, float]  # profile -> children of the region within km today
    children: float  # children 10-14 in the region

    def children_covered(self, chosen: npt.NDArray[np.bool_]) -> float:
        """Extra (PC4, profile) children covered by the chosen candidates."""
        if not self.pairs:
            return 0.0
        hit = (self.cover[:, chosen]).any(axis=1)
        return float(self.weights[hit].sum())


def build_coverage(
    wh: Warehouse, catalog: RegionCatalog, cands: CandidateSet, km: float = DEFAULT_KM
) -> Coverage:
    """The coverage pairs of the candidates' region and year."""
    region = catalog.get(cands.region)
    pop_year, pcs = young_residents(wh, cands.year)
    pcs = [p for p in pcs if region.contains(p.gemeente_code, p.pc4)]
    n = len(cands.candidates)
    if not pcs:
        return Coverage(km, pop_year, (), np.zeros(0), np.zeros((0, n), dtype=bool), {}, 0.0)
    xy = np.array([[p.x, p.y] for p in pcs], dtype=float)
    w = np.array([p.residents for p in pcs], dtype=float)
    cxy = np.array([[c.x_rd, c.y_rd] for c in cands.candidates], dtype=float).reshape(-1, 2)
    pairs: list[tuple[str, str]] = []
    weights: list[float] = []
    rows: list[npt.NDArray[np.bool_]] = []
    today: dict[str, float] = {}
    for p in sorted({c.profile for c in cands.candidates}):
        dist, _ = nearest_distance_km(xy, offer_points(wh, cands.year, [p]))
        near = dist <= km
        today[p] = float(w[near].sum())
        idx = np.array([i for i, c in enumerate(cands.candidates) if c.profile == p], dtype=int)
        ok = np.isfinite(cxy[idx]).all(axis=1)
        idx = idx[ok]
        if idx.size == 0:
            continue
        tree = cKDTree(cxy[idx])
        for k in np.flatnonzero(~near):
            hits = tree.query_ball_point(xy[k], km * 1000.0)
            if not hits:
                continue
            row = np.zeros(n, dtype=bool)
            row[idx[hits]] = True
            pairs.append((pcs[k].pc4, p))
            weights.append(float(w[k]))
            rows.append(row)
    cover = np.array(rows, dtype=bool).reshape(-1, n)
    return Coverage(
        km, pop_year, tuple(pairs), np.array(weights, dtype=float), cover, today, float(w.sum())
    )


def profiles_of(pairs: Sequence[tuple[str, str]]) -> list[str]:
    return sorted({p for _pc, p in pairs})
