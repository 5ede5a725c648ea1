"""Coordinates: RD New (EPSG:28992, metres) <-> WGS84 (EPSG:4326, degrees) via pyproj."""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt
from pyproj import Transformer


@cache
def _to_wgs84() -> Transformer:
    return Transformer.from_crs(28992, 4326, always_xy=True)


@cache
def _to_rd() -> Transformer:
    return Transformer.from_crs(4326, 28992, always_xy=True)


def rd_to_wgs84(
    x: npt.ArrayLike, y: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """RD New x, y (metres) -> lon, lat (degrees)."""
    lon, lat = _to_wgs84().transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(lon, float), np.asarray(lat, float)


def wgs84_to_rd(
    lon: npt.ArrayLike, lat: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """lon, lat (degrees) -> RD New x, y (metres)."""
    x, y = _to_rd().transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x, float), np.asarray(y, float)
