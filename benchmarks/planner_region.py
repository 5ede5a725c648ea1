"""A planner region ten times MRDH's size for benchmarks: a copy of a warehouse in which
every location of a region (all its years: enrollment, exams, address, placement) is
repeated ``times - 1`` more times under new codes, so the region holds ``times`` x its
locations, pupils and (for a preset like ``mrdh-pie``) additions.

A copy's code keeps the location's last four characters and replaces the first two (the
BRIN's leading digits) by two characters of which the first is a letter, different for
every copy and digit pair (as ``synthetic_years.national_file``); no real code starts with
a letter. The copies keep their gemeente and PC4, so they lie in the same region, at the
same places. The choice models and the uptake model are estimated on the copied warehouse
(the copies are data like any other). The copy's provenance is the base's, so the
planner's caches (keyed by path and provenance) must not have seen ``path`` before: use a
new path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa

from benchmarks.synthetic_years import _brin_prefix
from kansrijk.regions import packaged_regions
from kansrijk.scenarios import Baseline
from kansrijk.warehouse import Warehouse, region_catalog

#: Every table keyed by a vo location code.
LOCATION_TABLES = ("location", "vo_enrollment", "vo_exam", "vo_exam_result", "location_place")


def copy_code(code: str, copy: int) -> str:
    """The code of ``code`` in copy ``copy`` (1-9)."""
    return _brin_prefix(copy, code[:2].encode()).decode() + code[2:]


def replicate_region(base: Path, path: Path, region: str, year: int, times: int) -> list[str]:
    """Copy ``base`` to ``path`` and repeat the locations of ``region`` (its baseline in
    ``year``) ``times`` times in all; the region's location codes afterwards."""
    if not 1 <= times <= 10:
        raise ValueError("times must be 1-10")
    with Warehouse(base, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions())
        codes = list(Baseline.from_warehouse(wh, catalog, region, year).locations)
    if any(not c[:2].isdigit() for c in codes):
        raise ValueError(f"codes not starting with two digits in {region}")
    pairs = [(c, copy_code(c, k)) for k in range(1, times) for c in codes]
    mapping = pa.table({"old": [p[0] for p in pairs], "new": [p[1] for p in pairs]})
    shutil.copyfile(base, path)
    with Warehouse(path) as wh:
        con = wh.con
        con.execute("BEGIN TRANSACTION")
        with wh.registered("code_map", mapping):
            for table in LOCATION_TABLES:
                con.execute(
                    f'INSERT INTO "{table}" SELECT t.* REPLACE (m.new AS loc_code) '
                    f'FROM "{table}" t JOIN code_map m ON t.loc_code = m.old'
                )
        con.execute("COMMIT")
        return codes + [p[1] for p in pairs]
