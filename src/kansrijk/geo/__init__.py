"""Coordinates (RD New <-> WGS84), distances, nearest location, accessibility."""

from kansrijk.geo.boundaries import clockwise, gemeente_geojson
from kansrijk.geo.coordinates import rd_to_wgs84, wgs84_to_rd
from kansrijk.geo.nearest import NearOffer, nearest_distance_km, nearest_offering, weighted_median

__all__ = [
    "NearOffer",
    "clockwise",
    "gemeente_geojson",
    "nearest_distance_km",
    "nearest_offering",
    "rd_to_wgs84",
    "weighted_median",
    "wgs84_to_rd",
]
