"""Nearest-location distances (straight line, RD New metres)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree


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
