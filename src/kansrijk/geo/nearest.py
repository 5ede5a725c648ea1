"""Nearest-location distances (straight line, RD New metres)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from kansrijk.warehouse import VmboLocation


def nearest_distance_km(
    origins: npt.NDArray[np.float64], targets: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """For each origin (n x 2, RD metres) the distance in km to, and index of, the nearest
    target (m x 2). With no targets, distances are inf and indices -1."""
    if len(targets) == 0:
        return np.full(len(origins), np.inf), np.full(len(origins), -1, dtype=np.intp)
    dist, idx = cKDTree(targets).query(origins, k=1)
    return np.asarray(dist, float) / 1000.0, np.asarray(idx, dtype=np.intp)


def weighted_median(values: npt.NDArray[np.float64], weights: npt.NDArray[np.float64]) -> float:
    """The value at which the cumulative weight first reaches half the total."""
    if len(values) == 0 or float(weights.sum()) <= 0:
        return float("nan")
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2.0)])


@dataclass(frozen=True, slots=True)
class NearOffer:
    """A location offering a profile, at a distance from another location."""

    loc_code: str
    name: str
    gemeente_name: str | None
    km: float


def nearest_offering(
    origin: tuple[float, float],
    profile: str,
    locations: Sequence[VmboLocation],
    rd: Mapping[str, tuple[float, float]],
    *,
    exclude: str = "",
    n: int = 3,
) -> list[NearOffer]:
    """The ``n`` locations offering ``profile`` nearest to ``origin`` (RD New metres), by
    straight-line distance between PC4 centroids; ties by name. Locations without a known
    PC4 centroid are left out."""
    cands = [
        x for x in locations if profile in x.profiles and x.pc4 in rd and x.loc_code != exclude
    ]
    if not cands:
        return []
    points = np.array([rd[x.pc4] for x in cands if x.pc4 is not None], dtype=float)
    # every candidate's distance to the one origin: the origin is each candidate's nearest
    km, _ = nearest_distance_km(points, np.array([origin], dtype=float))
    ranked = sorted(zip(km.tolist(), cands, strict=True), key=lambda p: (p[0], p[1].name))
    return [NearOffer(x.loc_code, x.name, x.gemeente_name, float(d)) for d, x in ranked[:n]]
