"""Data of the atlas and location pages that the warehouse and indicators do not offer (yet):
gemeente boundaries simplified for the map, the technical offer of a location as a category,
RD New coordinates of PC4 centroids, and the distance from every PC4 area to the nearest
technical offer.

``pc4_distances`` is the per-PC4 form of ``access.distance_to_tech_offer``: the same
residents (``population``, band 10-14, the year nearest the enrollment year), the same PC4
centroids and gemeenten, the same offer points (``indicators.access.offer_points``) and the
same distance function (``geo.nearest_distance_km``), so the population-weighted mean of its
distances over a region equals the indicator's ``mean_km``. A candidate to move to
``indicators/access.py`` (``distance_rows`` could then aggregate it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from kansrijk.geo import nearest_distance_km
from kansrijk.indicators.access import FAR_KM, offer_locations, pc4_in, young_residents
from kansrijk.regions import Region
from kansrijk.vocab import PROFILE_SETS, PROFILE_TRACKS, Profile, ProfileSet
from kansrijk.warehouse import Warehouse

__all__ = [
    "CATEGORIES",
    "FAR_KM",
    "ICT_PROFILES",
    "TECHNIEK_PROFILES",
    "TECH_ICT_PROFILES",
    "Pc4Distance",
    "clockwise",
    "gemeente_geojson",
    "offer_category",
    "pc4_distances",
    "pc4_in_region",
    "pc4_rd",
    "tech_profiles",
]

#: Technical profiles in a fixed order: techniek (BWI, PIE, MT, MAT) then ICT (MVI).
TECHNIEK_PROFILES: tuple[str, ...] = tuple(
    p.value for p in Profile if p in PROFILE_SETS[ProfileSet.TECHNIEK]
)
ICT_PROFILES: tuple[str, ...] = tuple(
    p.value
    for p in Profile
    if p in PROFILE_SETS[ProfileSet.TECHNIEK_ICT] and p not in PROFILE_SETS[ProfileSet.TECHNIEK]
)
TECH_ICT_PROFILES: tuple[str, ...] = TECHNIEK_PROFILES + ICT_PROFILES

#: The technical offer of a location, as map categories (in legend order).
CATEGORIES: tuple[str, ...] = ("tech_ict", "tech", "ict", "none")

_TRACKS = ", ".join(f"'{t.value}'" for t in PROFILE_TRACKS)


def tech_profiles(profiles: Iterable[str]) -> tuple[str, ...]:
    """The technical profiles (techniek incl. ICT) among ``profiles``, in a fixed order."""
    have = set(profiles)
    return tuple(p for p in TECH_ICT_PROFILES if p in have)


def offer_category(profiles: Iterable[str]) -> str:
    """``tech_ict`` (techniek and ICT), ``tech`` (techniek, no MVI), ``ict`` (only MVI) or
    ``none`` (no technical profile)."""
    have = set(profiles)
    tech = any(p in have for p in TECHNIEK_PROFILES)
    ict = any(p in have for p in ICT_PROFILES)
    if tech and ict:
        return "tech_ict"
    if tech:
        return "tech"
    return "ict" if ict else "none"


# -- boundaries ------------------------------------------------------------------------------


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_round(c, digits) for c in coords]


def clockwise(geom: BaseGeometry) -> BaseGeometry:
    """Polygons with clockwise exterior rings (and counter-clockwise holes): the winding
    d3-geo, and so plotly.js, reads as 'the inside'; the RFC 7946 order (counter-clockwise)
    would fill the whole globe except the gemeente."""
    if isinstance(geom, Polygon):
        return orient(geom, sign=-1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=-1.0) for p in geom.geoms])
    return geom


def gemeente_geojson(
    wh: Warehouse, codes: Sequence[str], names: dict[str, str], *, digits: int = 4
) -> tuple[dict[str, Any], tuple[float, float, float, float] | None]:
    """A GeoJSON FeatureCollection (WGS84, feature ``id`` = gemeente code) of the gemeenten
    in ``codes`` that have a boundary, and its bounds (lon0, lat0, lon1, lat1).

    Per gemeente the most detailed loaded boundary is used (every loaded year is already
    mapped to current codes), simplified with a tolerance of 1/2000 of the extent of all
    requested gemeenten (about 40 m for MRDH), wound clockwise for plotly.js
    (``clockwise``) and rounded to ``digits`` decimals (11 m).
    """
    if not codes:
        return {"type": "FeatureCollection", "features": []}, None
    marks = ", ".join("?" * len(codes))
    rows = wh.query(
        f"""
        SELECT area_code, geojson FROM geometry
        WHERE area_level = 'gemeente' AND area_code IN ({marks})
        QUALIFY row_number() OVER (PARTITION BY area_code
                                   ORDER BY length(geojson) DESC, year DESC) = 1
        ORDER BY area_code
        """,
        list(codes),
    )
    shapes = [(str(code), shape(json.loads(text))) for code, text in rows]
    if not shapes:
        return {"type": "FeatureCollection", "features": []}, None
    x0 = min(s.bounds[0] for _, s in shapes)
    y0 = min(s.bounds[1] for _, s in shapes)
    x1 = max(s.bounds[2] for _, s in shapes)
    y1 = max(s.bounds[3] for _, s in shapes)
    tolerance = max(x1 - x0, y1 - y0) / 2000.0
    features = []
    for code, geom in shapes:
        simple = geom.simplify(tolerance, preserve_topology=True) if tolerance > 0 else geom
        if simple.is_empty:
            simple = geom
        g = mapping(clockwise(simple))
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"name": names.get(code, code)},
                "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"], digits)},
            }
        )
    bounds = (round(x0, digits), round(y0, digits), round(x1, digits), round(y1, digits))
    return {"type": "FeatureCollection", "features": features}, bounds


# -- PC4 centroids and distances -------------------------------------------------------------


_PC4_SQL = """
SELECT pc4, arg_max(x_rd, year) AS x, arg_max(y_rd, year) AS y FROM pc4_centroid GROUP BY pc4
"""


def pc4_rd(wh: Warehouse) -> dict[str, tuple[float, float]]:
    """RD New x, y (metres) of every PC4 centroid (the newest loaded year per PC4)."""
    return {str(p): (float(x), float(y)) for p, x, y in wh.query(_PC4_SQL)}


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
    codes = sorted(p.value for p in PROFILE_SETS[pset])
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


def pc4_in_region(item: Pc4Distance, region: Region) -> bool:
    """Whether a PC4 area counts for a region, as access.py decides it."""
    return pc4_in(region, item.pc4, item.gemeente_code)
