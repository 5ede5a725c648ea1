"""Coordinates (RD New <-> WGS84), distances, nearest location, accessibility."""

from kansrijk.geo.coordinates import rd_to_wgs84, wgs84_to_rd
from kansrijk.geo.nearest import nearest_distance_km, weighted_median

__all__ = ["nearest_distance_km", "rd_to_wgs84", "weighted_median", "wgs84_to_rd"]
