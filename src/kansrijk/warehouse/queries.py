"""Queries on the canonical tables shared by the layers above (status, regions)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from kansrijk.regions import CustomRegion, RegionCatalog
from kansrijk.vocab import PUPIL_FILTER, pupil_filter
from kansrijk.warehouse.store import Warehouse

#: The pupils the monitor is about: vmbo BB/KB/GL in leerjaar 3-4 (``vocab.PUPIL_FILTER``).
BOVENBOUW_FILTER = PUPIL_FILTER


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
    """A location with pupils in the enrollment file but absent from every locations file:
    placed by its place name (``placed_by = 'place_name'``, with a gemeente) or not at all
    (``'unplaced'``: it counts in NL totals only)."""

    year: int
    loc_code: str
    name: str | None
    place: str | None
    pupils: int
    placed_by: str = "unplaced"
    gemeente_code: str | None = None
    province: str | None = None


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
        ds, year, rows, file_name, sha, publisher, licence, url, loaded_at, fictional = row
        out.append(
            DatasetStatus(
                str(ds),
                int(year),
                int(rows),
                str(file_name),
                str(sha),
                str(publisher),
                str(licence),
                url,
                str(loaded_at),
                bool(fictional),
                *extra,
            )
        )
    return out


def unmatched_locations(wh: Warehouse) -> list[UnmatchedLocation]:
    """Enrollment locations (vmbo BB/KB/GL leerjaar 3-4) absent from every locations file,
    with how they were placed (see warehouse/placement.py)."""
    rows = wh.query(
        f"""
        SELECT e.year, e.loc_code, any_value(e.loc_name), any_value(e.place), sum(e.count),
               any_value(p.placed_by), any_value(p.gemeente_code), any_value(e.province)
        FROM vo_enrollment e
        JOIN location_place p ON p.year = e.year AND p.loc_code = e.loc_code
        WHERE {pupil_filter("e")}
          AND p.placed_by <> 'locations_file'
        GROUP BY e.year, e.loc_code ORDER BY e.year, e.loc_code
        """
    )
    return [
        UnmatchedLocation(y, c, n, p, int(s or 0), str(pb), gm, pv)
        for y, c, n, p, s, pb, gm, pv in rows
    ]


def mapped_afdeling_pupils(wh: Warehouse, years: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per year with old afdelingen (enrollment up to 2016): (their vmbo BB/KB/GL leerjaar
    3-4 pupils, all those pupils). Years without old afdelingen are absent."""
    if not years:
        return {}
    marks = ", ".join("?" * len(years))
    rows = wh.query(
        f"SELECT year, sum(count) FILTER (WHERE profile_mapped), sum(count) FROM vo_enrollment "
        f"WHERE {BOVENBOUW_FILTER} AND year IN ({marks}) GROUP BY year "
        "HAVING bool_or(profile_mapped) ORDER BY year",
        [int(y) for y in years],
    )
    return {int(y): (int(n or 0), int(t or 0)) for y, n, t in rows}


def _catalog_rows(
    wh: Warehouse,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    newest = wh.query("SELECT max(year) FROM region")[0][0]
    if newest is not None:
        regions = [
            (str(c), str(n), str(lv))
            for c, n, lv in wh.query(
                "SELECT code, name, level FROM region WHERE year = ? ORDER BY code", [newest]
            )
        ]
        members = [
            (str(p), str(c))
            for p, c in wh.query("SELECT parent, child FROM region_member WHERE year = ?", [newest])
        ]
        return regions, members
    # no CBS regions loaded: NL from the gemeenten the data mention
    gms = [
        str(r[0])
        for r in wh.query(
            "SELECT DISTINCT gemeente_code FROM location WHERE gemeente_code IS NOT NULL ORDER BY 1"
        )
    ]
    return [("NL00", "Nederland", "nl"), *((g, g, "gemeente") for g in gms)], [
        ("NL00", g) for g in gms
    ]


def region_catalog(wh: Warehouse, custom: list[CustomRegion]) -> RegionCatalog:
    """The catalogue from the newest CBS regions year plus custom regions.

    PC4-defined custom regions get as gemeenten those their PC4 areas lie in (for display).
    """
    regions, members = _catalog_rows(wh)
    filled = []
    for region in custom:
        if region.pc4 and not region.gemeenten:
            marks = ", ".join("?" * len(region.pc4))
            gms = tuple(
                str(r[0])
                for r in wh.query(
                    f"SELECT DISTINCT gemeente_code FROM pc4_area WHERE pc4 IN ({marks}) "
                    "AND gemeente_code IS NOT NULL ORDER BY 1",
                    list(region.pc4),
                )
            )
            region = dataclasses.replace(region, gemeenten=gms)  # noqa: PLW2901
        filled.append(region)
    return RegionCatalog(regions, members, filled)
