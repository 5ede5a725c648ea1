"""Which school locations belong to which region, per year: by current gemeente, by PC4 for
regions defined by postcode, and every location for NL.

Placement (which gemeente and PC4 a location has in a year) is computed once, at load, in
the warehouse table ``location_place`` (see warehouse/placement.py): the locations snapshot
nearest in time, else the place name; unplaced locations count in NL only."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from kansrijk.regions import Membership, Region
from kansrijk.warehouse.locations import LOCATION_CURRENT_SQL, LOCATION_YEAR_SQL

__all__ = ["LOCATION_CURRENT_SQL", "LOCATION_YEAR_SQL", "member_sql", "membership_tables"]


def membership_tables(regions: Sequence[Region]) -> dict[str, pa.Table]:
    """Arrow tables ``_rg(region, gemeente)``, ``_rp(region, pc4)`` and ``_rnl(region)``."""
    rg: list[tuple[str, str]] = []
    rp: list[tuple[str, str]] = []
    rnl: list[str] = []
    for r in regions:
        match r.membership:
            case Membership.ALL:
                rnl.append(r.code)
            case Membership.PC4:
                rp.extend((r.code, p) for p in sorted(r.member_codes))
            case Membership.GEMEENTE:
                rg.extend((r.code, g) for g in sorted(r.member_codes))
    return {
        "_rg": pa.table(
            {"region": [a for a, _ in rg], "gemeente": [b for _, b in rg]},
            schema=pa.schema([("region", pa.string()), ("gemeente", pa.string())]),
        ),
        "_rp": pa.table(
            {"region": [a for a, _ in rp], "pc4": [b for _, b in rp]},
            schema=pa.schema([("region", pa.string()), ("pc4", pa.string())]),
        ),
        "_rnl": pa.table({"region": rnl}, schema=pa.schema([("region", pa.string())])),
    }


def member_sql(facts: str) -> str:
    """SQL for ``(region, year, loc_code)``: the location counts in the region in that year.

    ``facts`` is a relation with year and loc_code columns whose locations all belong to NL.
    Join on both: ``JOIN m USING (year, loc_code)``.
    """
    return f"""
    SELECT r.region, l.year, l.loc_code FROM _rg r JOIN ({LOCATION_YEAR_SQL}) l
        ON l.gemeente_code = r.gemeente
    UNION ALL
    SELECT r.region, l.year, l.loc_code FROM _rp r JOIN ({LOCATION_YEAR_SQL}) l
        ON l.pc4 = r.pc4
    UNION ALL
    SELECT n.region, f.year, f.loc_code FROM _rnl n,
        (SELECT DISTINCT year, loc_code FROM {facts}) f
    """
