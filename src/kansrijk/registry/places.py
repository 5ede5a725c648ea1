"""What the registry reads from the (read-only) warehouse: PC4 centroids, the vmbo
locations per year with their gemeente, postcode, pupils and technical profiles, and the
newest list of mbo locations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from kansrijk.regions import Region
from kansrijk.vocab import ProfileSet
from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import LOCATION_CURRENT_SQL, PC4_POINT_SQL
from kansrijk.warehouse.mbo_locations import MboSite, mbo_sites

VMBO_TRACKS: tuple[str, ...] = ("vmbo_bb", "vmbo_kb", "vmbo_gl", "vmbo_tl")
TECH_PROFILES: tuple[str, ...] = tuple(sorted(ProfileSet.TECHNIEK_ICT.codes))


@dataclass(frozen=True, slots=True)
class VmboLocation:
    """A location with vmbo pupils in a year."""

    loc_code: str
    name: str
    gemeente_code: str
    pc4: str
    pupils: int
    tech_profiles: tuple[str, ...]


@dataclass
class Places:
    """PC4 centroids (RD New, metres) and vmbo locations by year."""

    pc4_xy: dict[str, tuple[float, float]] = field(default_factory=dict)
    pc4_lonlat: dict[str, tuple[float, float]] = field(default_factory=dict)
    locations: dict[int, dict[str, VmboLocation]] = field(default_factory=dict)
    #: mbo locations of the newest loaded list (code -> site), for the shortage reports
    mbo: dict[str, MboSite] = field(default_factory=dict)

    def distance_km(self, a: str, b: str) -> float | None:
        """Straight-line distance between two PC4 centroids (None if one is unknown)."""
        pa, pb = self.pc4_xy.get(a), self.pc4_xy.get(b)
        if pa is None or pb is None:
            return None
        return math.hypot(pa[0] - pb[0], pa[1] - pb[1]) / 1000.0

    def year_for(self, school_year: int) -> int | None:
        """The warehouse year for a school year (starting in ``school_year``): the same year
        when loaded, else the newest loaded year before it, else the oldest."""
        years = sorted(self.locations)
        if not years:
            return None
        before = [y for y in years if y <= school_year]
        return before[-1] if before else years[0]

    def in_region(self, region: Region, school_year: int) -> list[VmboLocation]:
        """The vmbo locations of a region in a school year, by code."""
        year = self.year_for(school_year)
        if year is None:
            return []
        return [
            loc
            for loc in sorted(self.locations[year].values(), key=lambda x: x.loc_code)
            if region.contains(loc.gemeente_code, loc.pc4)
        ]

    def known(self, loc_code: str) -> bool:
        """Whether a code names a location with vmbo pupils (any year) or an mbo location."""
        return loc_code in self.mbo or self.location(loc_code) is not None

    @cached_property
    def gemeente_centres(self) -> dict[str, tuple[float, float]]:
        """Per gemeente the mean lon/lat of the postcodes of its vmbo locations (newest
        year) and mbo locations."""
        acc: dict[str, list[tuple[float, float]]] = {}
        newest = self.locations[max(self.locations)] if self.locations else {}
        pairs = [(v.gemeente_code, v.pc4) for v in newest.values()]
        pairs += [(m.gemeente_code or "", m.pc4 or "") for m in self.mbo.values()]
        for gm, pc4 in pairs:
            point = self.pc4_lonlat.get(pc4)
            if gm and point is not None:
                acc.setdefault(gm, []).append(point)
        return {
            gm: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
            for gm, ps in acc.items()
        }

    def location(self, loc_code: str) -> VmboLocation | None:
        """A location in the newest year it appears."""
        for year in sorted(self.locations, reverse=True):
            loc = self.locations[year].get(loc_code)
            if loc is not None:
                return loc
        return None


def load_places(wh: Warehouse) -> Places:
    """Read the PC4 centroids and the vmbo locations of every loaded year."""
    places = Places()
    for pc4, x, y, lon, lat in wh.query(PC4_POINT_SQL):
        places.pc4_xy[str(pc4)] = (float(x), float(y))
        places.pc4_lonlat[str(pc4)] = (float(lon), float(lat))
    tracks = ", ".join(f"'{t}'" for t in VMBO_TRACKS)
    techs = ", ".join(f"'{p}'" for p in TECH_PROFILES)
    rows = wh.query(
        f"""
        WITH e AS (
            SELECT year, loc_code, sum(coalesce(count, 0)) AS pupils,
                   list(DISTINCT profile) FILTER (
                       WHERE profile IN ({techs}) AND grade IN (3, 4)
                       AND (count > 0 OR masked)) AS tech
            FROM vo_enrollment WHERE track IN ({tracks}) GROUP BY year, loc_code),
        n AS (SELECT loc_code, arg_max(name, year) AS name FROM location GROUP BY loc_code)
        SELECT e.year, e.loc_code, coalesce(n.name, e.loc_code), coalesce(l.gemeente_code, ''),
               coalesce(l.pc4, ''), e.pupils, e.tech
        FROM e LEFT JOIN ({LOCATION_CURRENT_SQL}) l USING (loc_code)
        LEFT JOIN n USING (loc_code)
        ORDER BY e.year, e.loc_code
        """
    )
    for year, code, name, gm, pc4, pupils, tech in rows:
        places.locations.setdefault(int(year), {})[str(code)] = VmboLocation(
            str(code),
            str(name),
            str(gm),
            str(pc4),
            int(pupils or 0),
            tuple(sorted(str(p) for p in tech or ())),
        )
    places.mbo = {site.code: site for site in mbo_sites(wh)}
    return places
