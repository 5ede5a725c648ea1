"""Queries on the canonical tables shared by the layers above (status, regions)."""

from __future__ import annotations

from dataclasses import dataclass

from kansrijk.regions import CustomRegion, RegionCatalog
from kansrijk.warehouse.store import Warehouse

#: The pupils the monitor is about: vmbo BB/KB/GL in leerjaar 3 and 4.
BOVENBOUW_FILTER = "track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)"


@dataclass(frozen=True, slots=True)
class DatasetStatus:
    """One loaded dataset-year, as ``kansrijk status`` shows it."""

    dataset: str
    year: int
    rows: int
    file_name: str
    sha256: str
    publisher: str
    licence: str
    source_url: str | None
    loaded_at: str
    fictional: bool
    locations: int | None = None
    pupils: int | None = None
    masked_cells: int | None = None


@dataclass(frozen=True, slots=True)
class UnmatchedLocation:
    """A location with pupils in the enrollment file but absent from the locations file."""

    year: int
    loc_code: str
    name: str | None
    place: str | None
    pupils: int


def status(wh: Warehouse) -> list[DatasetStatus]:
    """Provenance per dataset-year, with locations and pupils for enrollment data."""
    enrol = {
        y: (locs, pupils, masked)
        for y, locs, pupils, masked in wh.query(
            f"SELECT year, count(DISTINCT loc_code) FILTER (WHERE count > 0 OR masked), "
            f"sum(count), count(*) FILTER (WHERE masked) FROM vo_enrollment "
            f"WHERE {BOVENBOUW_FILTER} GROUP BY year"
        )
    }
    out = []
    for row in wh.query(
        "SELECT dataset, year, rows, file_name, sha256, publisher, licence, source_url, "
        "strftime(loaded_at, '%Y-%m-%dT%H:%M:%SZ'), fictional FROM provenance "
        "ORDER BY dataset, year"
    ):
        extra: tuple[int | None, int | None, int | None] = (None, None, None)
        if row[0].endswith("vo_enrollment") and row[1] in enrol:
            locs, pupils, masked = enrol[row[1]]
            extra = (int(locs), int(pupils or 0), int(masked))
        out.append(DatasetStatus(*row, *extra))
    return out


def unmatched_locations(wh: Warehouse) -> list[UnmatchedLocation]:
    """Enrollment locations (vmbo BB/KB/GL leerjaar 3-4) absent from every locations file."""
    rows = wh.query(
        f"""
        SELECT e.year, e.loc_code, any_value(e.loc_name), any_value(e.place), sum(e.count)
        FROM vo_enrollment e
        WHERE {BOVENBOUW_FILTER.replace('track', 'e.track').replace('grade', 'e.grade')}
          AND NOT EXISTS (SELECT 1 FROM location l WHERE l.loc_code = e.loc_code)
        GROUP BY e.year, e.loc_code ORDER BY e.year, e.loc_code
        """
    )
    return [UnmatchedLocation(y, c, n, p, int(s or 0)) for y, c, n, p, s in rows]


def region_catalog(wh: Warehouse, custom: list[CustomRegion]) -> RegionCatalog:
    """The catalogue from the newest CBS regions year plus custom regions.

    PC4-defined custom regions get as member gemeenten those their PC4 areas lie in.
    """
    newest = wh.query("SELECT max(year) FROM region")[0][0]
    regions = wh.query(
        "SELECT code, name, level FROM region WHERE year = ? ORDER BY code", [newest]
    ) if newest is not None else []
    members = wh.query(
        "SELECT parent, child FROM region_member WHERE year = ?", [newest]
    ) if newest is not None else []
    if not regions:  # no CBS data: NL from the gemeenten that the data mention
        gms = [r[0] for r in wh.query(
            "SELECT DISTINCT gemeente_code FROM location WHERE gemeente_code IS NOT NULL"
        )]
        regions = [("NL00", "Nederland", "nl")] + [(g, g, "gemeente") for g in gms]
        members = [("NL00", g) for g in gms]
    filled = []
    for c in custom:
        if c.pc4 and not c.gemeenten:
            gms = tuple(r[0] for r in wh.query(
                "SELECT DISTINCT gemeente_code FROM pc4_area WHERE pc4 IN "
                f"({', '.join('?' * len(c.pc4))}) AND gemeente_code IS NOT NULL ORDER BY 1",
                list(c.pc4),
            ))
            c = CustomRegion(c.code, c.name, c.name_en, c.source, gms, c.pc4, c.origin)
        filled.append(c)
    return RegionCatalog(regions, members, filled)
