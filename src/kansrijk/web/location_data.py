"""Queries of the location page: the address and board of a location, its pupils per year x
leerweg x profile (routes as their own category) and the nearest locations offering a
profile (straight line between PC4 centroids in RD New, ``geo.nearest_distance_km``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kansrijk.geo import nearest_distance_km
from kansrijk.warehouse import BOVENBOUW_FILTER, Warehouse
from kansrijk.web.data import VmboLocation

__all__ = ["Cell", "NearOffer", "location_cells", "location_details", "nearest_offering"]

SMALL = 5  # pupil counts of 1..4 are suppressed, as the indicator engine does


@dataclass(frozen=True, slots=True)
class Cell:
    """Pupils of one location in one year, leerweg and profile (BB/KB/GL, leerjaar 3-4)."""

    year: int
    track: str
    category: str  # a profile code, or route:<sector> for a Vakmanschaps-/Beroepsroute
    pupils: int  # unmasked pupils
    masked_cells: int  # source cells masked as '<5' (1-4 pupils each, not in ``pupils``)

    @property
    def suppressed(self) -> bool:
        """1-4 pupils: not shown."""
        return 0 < self.pupils < SMALL

    @property
    def only_masked(self) -> bool:
        """Every source cell was masked ('<5')."""
        return self.pupils == 0 and self.masked_cells > 0


def location_details(wh: Warehouse, loc_code: str) -> dict[str, Any] | None:
    """Name, address, gemeente, board, ... of a location from the newest locations file
    that has it; else name and place from the enrollment file; None when unknown."""
    rows = wh.query(
        """
        SELECT year, name, board, street, house_number, postcode, pc4, place, gemeente_code,
               denomination, structure
        FROM location WHERE loc_code = ? ORDER BY year DESC LIMIT 1
        """,
        [loc_code],
    )
    if rows:
        year, name, board, street, number, postcode, pc4, place, gm, denom, structure = rows[0]
        return {
            "source_year": int(year),
            "name": name or loc_code,
            "board": board,
            "street": street,
            "house_number": number,
            "postcode": postcode,
            "pc4": pc4,
            "place": place,
            "gemeente_code": gm,
            "denomination": denom,
            "structure": structure,
        }
    rows = wh.query(
        "SELECT year, loc_name, place FROM vo_enrollment WHERE loc_code = ? "
        "ORDER BY year DESC LIMIT 1",
        [loc_code],
    )
    if not rows:
        return None
    year, name, place = rows[0]
    return {
        "source_year": int(year),
        "name": name or loc_code,
        "board": None,
        "street": None,
        "house_number": None,
        "postcode": None,
        "pc4": None,
        "place": place,
        "gemeente_code": None,
        "denomination": None,
        "structure": None,
    }


def location_cells(wh: Warehouse, loc_code: str) -> list[Cell]:
    """Pupils per year x leerweg x profile (or route) of one location, BB/KB/GL leerjaar 3-4;
    cells with neither pupils nor masked source cells are left out."""
    rows = wh.query(
        f"""
        SELECT year, track, coalesce(profile, 'route:' || route, '?') AS cat,
               coalesce(sum(count), 0), count(*) FILTER (WHERE masked)
        FROM vo_enrollment WHERE loc_code = ? AND {BOVENBOUW_FILTER}
        GROUP BY year, track, cat HAVING sum(count) > 0 OR bool_or(masked)
        ORDER BY year, track, cat
        """,
        [loc_code],
    )
    return [Cell(int(y), str(tr), str(c), int(n), int(m)) for y, tr, c, n, m in rows]


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
