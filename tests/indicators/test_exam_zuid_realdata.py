"""Rotterdam Zuid's vmbo exam-techniek share jumps in 2017-18 (21.2% -> 37.5%): the data, not
the code. Recomputed from the raw DUO files with the csv module (locations placed by the PC4
of DUO's locations snapshot, as the warehouse does), and the location that causes it: STC's
new location 05EA14 (Waalhaven, PC4 3088) with its first 162 candidates, all in techniek."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from tests.conftest import SHARED_DATA

from kansrijk.indicators import compute
from kansrijk.regions import packaged_regions
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata

ZUID_PC4 = {str(p) for p in [*range(3071, 3080), *range(3081, 3090)]}
EXAMS = SHARED_DATA / "duo" / "examenkandidaten-en-geslaagden-2014-2019.csv"
SNAPSHOTS = (  # later wins: the 2019 snapshot is nearest to the school years 2014-15 .. 2018-19
    SHARED_DATA / "duo-earlier" / "02.-alle-vestigingen-vo-2020.csv",
    SHARED_DATA / "duo" / "alle-vestigingen-vo-2019.csv",
)


def _pc4() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in SNAPSHOTS:
        with path.open(encoding="latin-1", newline="") as fh:
            for r in csv.DictReader(fh, delimiter=";"):
                out[r["VESTIGINGSNUMMER"]] = r["POSTCODE"][:4]
    return out


def _raw(skip: str = "") -> tuple[Counter[int], Counter[int], Counter[tuple[int, str]]]:
    """(techniek candidates, candidates with a sector, candidates per year and location) of
    the vmbo programmes at Zuid locations, per school year (2017 = 2017-18)."""
    pc4 = _pc4()
    num: Counter[int] = Counter()
    den: Counter[int] = Counter()
    per_loc: Counter[tuple[int, str]] = Counter()
    with EXAMS.open(encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            loc, prog = r["VESTIGINGSNUMMER"], r["OPLEIDINGSNAAM"]
            if r["ONDERWIJSTYPE VO"] != "VMBO" or " - " not in prog or loc == skip:
                continue
            if pc4.get(loc) not in ZUID_PC4:
                continue
            for y in range(2014, 2019):
                n = int(r[f"EXAMENKANDIDATEN SCHOOLJAAR {y}-{y + 1} - TOTAAL"] or 0)
                den[y] += n
                per_loc[(y, loc)] += n
                if prog.endswith(" - techniek"):
                    num[y] += n
    return num, den, per_loc


def test_zuid_exam_tech_share_matches_raw_file_and_the_jump_is_stc(real_wh: Warehouse) -> None:
    num, den, per_loc = _raw()
    cat = region_catalog(real_wh, packaged_regions())
    res = compute(real_wh, cat, "exams.vmbo_tech_share", ["RDAM-ZUID"], [2016, 2017, 2018])
    got = {r.year: (r.numerator, r.denominator) for r in res.rows}
    assert got == {y: (num[y], den[y]) for y in (2016, 2017, 2018)}
    assert got[2016] == (171, 805) and got[2017] == (362, 965) and got[2018] == (334, 1339)
    # STC 05EA14 (Anthony Fokkerweg 4, 3088 GG) has its first candidates in 2017-18.
    assert per_loc[(2016, "05EA14")] == 0 and per_loc[(2017, "05EA14")] == 162
    n2, d2, _ = _raw(skip="05EA14")
    assert (num[2017] - n2[2017], den[2017] - d2[2017]) == (162, 162)  # all techniek
    assert round(100 * n2[2017] / d2[2017], 1) == 24.9  # without it: 200 / 803
