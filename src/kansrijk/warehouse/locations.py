"""School locations as the layers above read them: where a location is (current gemeente,
PC4, PC4 centroid), what it offers per year (BB/KB/GL pupils in leerjaar 3-4 by leerweg and
profile), its address and board, and its history. The one read model of locations for the
indicators, geo, scenarios, the finder and the web.

Placement (gemeente and PC4 per year) comes from ``location_place`` (see placement.py): the
locations snapshot nearest in time, else the place name; coordinates are the centroid of the
location's PC4 area (RD New and WGS84), newest loaded year per PC4.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kansrijk.regions import Region
from kansrijk.vocab import PUPIL_FILTER, offer_category
from kansrijk.warehouse.store import Warehouse

__all__ = [
    "LOCATION_CURRENT_SQL",
    "LOCATION_YEAR_SQL",
    "PC4_AREA_SQL",
    "PC4_POINT_SQL",
    "Cell",
    "VmboLocation",
    "has_real_enrollment",
    "location_cells",
    "location_details",
    "location_history",
    "location_years",
    "pc4_rd",
    "table_years",
    "vmbo_locations",
]

#: One row per PC4 with a centroid: ``pc4, x, y`` (RD New metres), ``lon, lat`` (WGS84), of
#: the newest loaded year per PC4.
PC4_POINT_SQL = """
SELECT pc4, arg_max(x_rd, year) AS x, arg_max(y_rd, year) AS y,
       arg_max(lon, year) AS lon, arg_max(lat, year) AS lat
FROM pc4_centroid GROUP BY pc4
"""

#: One row per PC4 area: the gemeente (current code) and place it lies in, newest year.
PC4_AREA_SQL = """
SELECT pc4, arg_max(gemeente_code, year) AS gemeente_code, arg_max(place, year) AS place
FROM pc4_area GROUP BY pc4
"""

#: One row per location: its gemeente (current code) and PC4 in its newest year of data.
LOCATION_CURRENT_SQL = """
SELECT loc_code, arg_max(gemeente_code, year) AS gemeente_code, arg_max(pc4, year) AS pc4
FROM location_place WHERE gemeente_code IS NOT NULL GROUP BY loc_code
"""

#: One row per (year, location) with data: gemeente (current code) and PC4 in that year.
LOCATION_YEAR_SQL = """
SELECT year, loc_code, gemeente_code, pc4 FROM location_place
"""


def has_real_enrollment(wh: Warehouse) -> bool:
    """True when real (non-fictional) vmbo enrollment data are loaded."""
    row = wh.query(
        "SELECT count(*) FROM provenance WHERE NOT fictional AND dataset = 'duo_vo_enrollment'"
    )
    return bool(row and row[0][0])


def table_years(wh: Warehouse, table: str) -> list[int]:
    """Years present in a canonical table, ascending."""
    return [int(r[0]) for r in wh.query(f'SELECT DISTINCT year FROM "{table}" ORDER BY 1')]


def pc4_rd(wh: Warehouse) -> dict[str, tuple[float, float]]:
    """RD New x, y (metres) of every PC4 centroid (the newest loaded year per PC4)."""
    return {str(p): (float(x), float(y)) for p, x, y, _, _ in wh.query(PC4_POINT_SQL)}


@dataclass(frozen=True, slots=True)
class VmboLocation:
    """A school location with vmbo BB/KB/GL pupils in leerjaar 3-4 in one year."""

    year: int
    loc_code: str
    name: str
    gemeente_code: str | None
    gemeente_name: str | None
    place: str | None
    postcode: str | None
    pc4: str | None
    lon: float | None  # PC4 centroid, WGS84
    lat: float | None
    pupils: int  # unmasked BB/KB/GL pupils in leerjaar 3-4
    masked_cells: int  # cells of 1-4 pupils masked in the source (not in ``pupils``)
    tracks: tuple[str, ...]
    profiles: tuple[str, ...]  # offered: >= 1 pupil (or a masked cell) in leerjaar 3-4
    pupils_by_profile: dict[str, int] = field(default_factory=dict)

    @property
    def tech_offer(self) -> bool:
        """Offers a profile of techniek incl. ICT (BWI, PIE, MT, MAT, MVI)."""
        return offer_category(self.profiles) != "none"

    @property
    def tech_offer_excl_ict(self) -> bool:
        """Offers a profile of techniek (BWI, PIE, MT, MAT)."""
        return offer_category(self.profiles) in ("tech", "tech_ict")

    def in_region(self, region: Region) -> bool:
        """Whether the location lies in ``region`` (``Region.contains``)."""
        return region.contains(self.gemeente_code, self.pc4)

    def to_json(self) -> dict[str, Any]:
        """The API document of this location."""
        return {
            "year": self.year,
            "loc_code": self.loc_code,
            "brin": self.loc_code[:4],
            "name": self.name,
            "gemeente_code": self.gemeente_code,
            "gemeente_name": self.gemeente_name,
            "place": self.place,
            "postcode": self.postcode,
            "pc4": self.pc4,
            "lon": self.lon,
            "lat": self.lat,
            "coordinates": "centroid of the location's PC4 area",
            "pupils": self.pupils,
            "masked_cells": self.masked_cells,
            "tracks": list(self.tracks),
            "profiles": list(self.profiles),
            "pupils_by_profile": self.pupils_by_profile,
            "tech_offer": self.tech_offer,
            "tech_offer_excl_ict": self.tech_offer_excl_ict,
        }


_LOCATIONS_SQL = f"""
WITH e AS (
    SELECT loc_code, any_value(loc_name) AS loc_name, any_value(place) AS e_place, track,
           profile, coalesce(sum(count), 0) AS pupils, count(*) FILTER (WHERE masked) AS masked
    FROM vo_enrollment WHERE year = ? AND {PUPIL_FILTER}
    GROUP BY loc_code, track, profile
    HAVING sum(count) > 0 OR bool_or(masked)
),
p AS (SELECT loc_code, gemeente_code AS gm, pc4, source_year, placed_by
      FROM location_place WHERE year = ?),
l AS (
    SELECT p.loc_code, s.name, p.gm, s.place, s.postcode, p.pc4
    FROM p LEFT JOIN location s ON s.loc_code = p.loc_code AND s.year = p.source_year
        AND p.placed_by = 'locations_file'
),
c AS ({PC4_POINT_SQL})
SELECT e.loc_code, coalesce(l.name, e.loc_name), l.gm, coalesce(l.place, e.e_place),
       l.postcode, l.pc4, c.lon, c.lat, e.track, e.profile, e.pupils, e.masked
FROM e LEFT JOIN l USING (loc_code) LEFT JOIN c ON c.pc4 = l.pc4
ORDER BY e.loc_code, e.track, e.profile
"""


def vmbo_locations(wh: Warehouse, year: int, gemeente_names: dict[str, str]) -> list[VmboLocation]:
    """Every location with vmbo BB/KB/GL pupils in leerjaar 3-4 in ``year``, with its offer.

    Gemeente and PC4 come from ``location_place`` (the locations snapshot nearest in time,
    else the place name), as the indicators' region membership does; name and postcode from
    that snapshot; coordinates are the centroid of the location's PC4 area (none for a
    location placed by place name).
    """
    rows = wh.query(_LOCATIONS_SQL, [year, year])
    acc: dict[str, dict[str, Any]] = {}
    for code, name, gm, place, postcode, pc4, lon, lat, track, profile, pupils, masked in rows:
        d = acc.setdefault(
            code,
            {
                "name": name or code,
                "gm": gm,
                "place": place,
                "postcode": postcode,
                "pc4": pc4,
                "lon": lon,
                "lat": lat,
                "pupils": 0,
                "masked": 0,
                "tracks": set(),
                "by_profile": defaultdict(int),
            },
        )
        d["pupils"] += int(pupils)
        d["masked"] += int(masked)
        d["tracks"].add(track)
        if profile is not None:
            d["by_profile"][str(profile)] += int(pupils)
    out = []
    for code, d in acc.items():
        by_profile = dict(sorted(d["by_profile"].items()))
        out.append(
            VmboLocation(
                year=year,
                loc_code=code,
                name=str(d["name"]),
                gemeente_code=d["gm"],
                gemeente_name=gemeente_names.get(d["gm"], d["gm"]) if d["gm"] else None,
                place=d["place"],
                postcode=d["postcode"],
                pc4=d["pc4"],
                lon=None if d["lon"] is None else float(d["lon"]),
                lat=None if d["lat"] is None else float(d["lat"]),
                pupils=int(d["pupils"]),
                masked_cells=int(d["masked"]),
                tracks=tuple(sorted(d["tracks"])),
                profiles=tuple(by_profile),
                pupils_by_profile=by_profile,
            )
        )
    return out


def location_years(wh: Warehouse, loc_code: str) -> list[int]:
    """Years in which a location had vmbo BB/KB/GL pupils in leerjaar 3-4."""
    return [
        int(r[0])
        for r in wh.query(
            f"SELECT DISTINCT year FROM vo_enrollment WHERE loc_code = ? AND {PUPIL_FILTER} "
            "AND (count > 0 OR masked) ORDER BY 1",
            [loc_code],
        )
    ]


def location_history(wh: Warehouse, loc_code: str) -> list[dict[str, Any]]:
    """Pupils per year x track x profile of one location (BB/KB/GL, leerjaar 3-4)."""
    rows = wh.query(
        f"""
        SELECT year, track, profile, coalesce(sum(count), 0), count(*) FILTER (WHERE masked)
        FROM vo_enrollment WHERE loc_code = ? AND {PUPIL_FILTER}
        GROUP BY year, track, profile HAVING sum(count) > 0 OR bool_or(masked)
        ORDER BY year, track, profile
        """,
        [loc_code],
    )
    return [
        {"year": int(y), "track": tr, "profile": p, "pupils": int(n), "masked_cells": int(m)}
        for y, tr, p, n, m in rows
    ]


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
        FROM vo_enrollment WHERE loc_code = ? AND {PUPIL_FILTER}
        GROUP BY year, track, cat HAVING sum(count) > 0 OR bool_or(masked)
        ORDER BY year, track, cat
        """,
        [loc_code],
    )
    return [Cell(int(y), str(tr), str(c), int(n), int(m)) for y, tr, c, n, m in rows]
