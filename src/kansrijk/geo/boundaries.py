"""Gemeente boundaries for maps: the most detailed loaded boundary per gemeente, simplified to
the extent shown, wound as plotly.js reads it, as a GeoJSON FeatureCollection in WGS84."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from kansrijk.warehouse import Warehouse

__all__ = ["clockwise", "gemeente_geojson", "gemeente_shapes", "round_coordinates"]


def round_coordinates(coords: Any, digits: int) -> Any:
    """GeoJSON coordinates (nested lists) rounded to ``digits`` decimals."""
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [round_coordinates(c, digits) for c in coords]


def clockwise(geom: BaseGeometry) -> BaseGeometry:
    """Polygons with clockwise exterior rings (and counter-clockwise holes): the winding
    d3-geo, and so plotly.js, reads as 'the inside'; the RFC 7946 order (counter-clockwise)
    would fill the whole globe except the gemeente."""
    if isinstance(geom, Polygon):
        return orient(geom, sign=-1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=-1.0) for p in geom.geoms])
    return geom


def gemeente_shapes(wh: Warehouse, codes: Sequence[str]) -> list[tuple[str, BaseGeometry]]:
    """(code, shape) of the gemeenten in ``codes`` that have a boundary, by code: per
    gemeente the most detailed loaded boundary (every loaded year is already mapped to
    current codes)."""
    if not codes:
        return []
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
    return [(str(code), shape(json.loads(text))) for code, text in rows]


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
    shapes = gemeente_shapes(wh, codes)
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
                "geometry": {
                    "type": g["type"],
                    "coordinates": round_coordinates(g["coordinates"], digits),
                },
            }
        )
    bounds = (round(x0, digits), round(y0, digits), round(x1, digits), round(y1, digits))
    return {"type": "FeatureCollection", "features": features}, bounds
