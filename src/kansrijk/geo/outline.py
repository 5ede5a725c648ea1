"""The outline of a region on a map: its gemeenten dissolved into one shape, or, for a
region defined by PC4 areas (Rotterdam Zuid), an approximation built from PC4 centroids.

The warehouse holds gemeente boundaries but no PC4 polygons (only PC4 centroids), so the
outline of a PC4 region is drawn from the Voronoi cells of the PC4 centroids inside its
gemeenten, clipped to those gemeenten: the cells of the region's PC4 areas, dissolved. A
border between two PC4 areas then runs halfway between their centroids (for Rotterdam Zuid:
about mid-river on the Nieuwe Maas). The page says that this outline is approximate.

Voronoi cells are computed on lon/lat with the longitude scaled by cos(latitude) of the
area's centre, which keeps distances true to within a fraction of a percent over a city.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from shapely import affinity
from shapely.geometry import MultiPoint, Point, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union, voronoi_diagram

from kansrijk.geo.boundaries import gemeente_shapes, round_coordinates
from kansrijk.regions import Region
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import PC4_POINT_SQL


def dissolve(shapes: Sequence[BaseGeometry]) -> BaseGeometry:
    """One shape covering all ``shapes`` (inner borders removed)."""
    return unary_union([s.buffer(0) for s in shapes])


def pc4_cells(
    area: BaseGeometry,
    centroids: Mapping[str, tuple[float, float]],
    chosen: Collection[str],
) -> BaseGeometry:
    """The part of ``area`` nearer to a centroid of a ``chosen`` PC4 than to any other.

    ``centroids`` maps PC4 -> (lon, lat); only those inside ``area`` take part. Empty when
    no chosen centroid lies inside ``area``."""
    inside = {p: xy for p, xy in centroids.items() if area.covers(shape_point(xy))}
    picked = [p for p in inside if p in chosen]
    if not picked:
        return MultiPoint().buffer(0)
    if len(inside) == 1:
        return area
    _, y0, _, y1 = area.bounds
    k = math.cos(math.radians((y0 + y1) / 2.0))
    points = MultiPoint([(lon * k, lat) for lon, lat in inside.values()])
    envelope = affinity.scale(area, xfact=k, yfact=1.0, origin=(0, 0)).envelope.buffer(0.05)
    cells = voronoi_diagram(points, envelope=envelope)
    kept = []
    for cell in cells.geoms:
        for lon, lat in (inside[p] for p in picked):
            if cell.covers(shape_point((lon * k, lat))):
                kept.append(cell)
                break
    scaled = unary_union(kept)
    return affinity.scale(scaled, xfact=1.0 / k, yfact=1.0, origin=(0, 0)).intersection(area)


def shape_point(xy: tuple[float, float]) -> Point:
    """A shapely point."""
    return Point(xy)


def _pc4_lonlat(wh: Warehouse) -> dict[str, tuple[float, float]]:
    return {str(r[0]): (float(r[3]), float(r[4])) for r in wh.query(PC4_POINT_SQL)}


def region_outline(
    wh: Warehouse, region: Region, members: Sequence[str], *, digits: int = 4
) -> dict[str, Any] | None:
    """The outline of ``region`` as a GeoJSON geometry (WGS84, simplified to about 1/2000
    of its extent, rounded to ``digits`` decimals) with ``approximate`` telling whether it
    was built from PC4 centroids; None without boundaries (or PC4 centroids) loaded.

    ``members`` are the gemeenten whose boundaries bound the region (for a PC4 region: the
    gemeenten its postcodes lie in)."""
    shapes = [geom for _, geom in gemeente_shapes(wh, members)]
    if not shapes:
        return None
    area = dissolve(shapes)
    approximate = region.by_postcode
    if approximate:
        area = pc4_cells(area, _pc4_lonlat(wh), set(region.pc4))
        if area.is_empty:
            return None
    x0, y0, x1, y1 = area.bounds
    simple = area.simplify(max(x1 - x0, y1 - y0) / 2000.0, preserve_topology=True)
    geom = mapping(simple if not simple.is_empty else area)
    return {
        "type": geom["type"],
        "coordinates": round_coordinates(geom["coordinates"], digits),
        "approximate": approximate,
        "bounds": [round(v, digits) for v in area.bounds],
    }
