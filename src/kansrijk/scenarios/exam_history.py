"""Every loaded year of DUO exam candidates per location: who offers techniek, who started.

DUO publishes vmbo exam candidates per location x programme for every school year from
2014-15 on (``vo_exam``). For vmbo BB/KB/GL the programmes are the sectors (techniek,
economie, zorg en welzijn, landbouw; intersectoraal until 2018-19) in every year, also
after the 2016 profile reform. The sector *techniek* of the exam data covers the
technical profiles including MVI (BWI, PIE, MT, MAT, MVI): per location its 2019-20
candidates correlate 0.98 with the leerjaar-4 pupils of those five profiles in the 2019
enrollment file (10,738 against 11,404 pupils nationally).

From these series ``ExamHistory`` finds the **starters** (a location with candidates
but no techniek candidates in at least two earlier years that then has techniek
candidates) and the **stoppers** (techniek in some year, none in at least the two last
years with candidates). Masked cells (``<5``) count as ``MASKED_VALUE`` = 2.5.
More years in the warehouse simply add columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kansrijk.warehouse import Warehouse
from kansrijk.warehouse.locations import LOCATION_CURRENT_SQL

FloatArray = npt.NDArray[np.float64]

#: Sectors of the vmbo BB/KB/GL exam programmes, in array order.
SECTORS: tuple[str, ...] = ("techniek", "economie", "zorg_welzijn", "landbouw", "intersectoraal")
#: Sexes in array order (DUO MAN / VROUW).
SEXES: tuple[str, ...] = ("m", "f")
#: Candidates counted for a masked cell ('<5' = 1-4).
MASKED_VALUE = 2.5
#: Years without techniek needed before a start (and after a stop) to call it one.
MIN_QUIET_YEARS = 2
#: Landbouw share of a location's candidates from which it counts as green (90 locations;
#: 91 are above 33% and 94 above 20%: green schools are clearly apart).
GREEN_SHARE = 0.5


@dataclass(frozen=True)
class ExamHistory:
    """Candidates ``[sex, location, year, sector]`` of vmbo BB/KB/GL, all loaded years."""

    locations: tuple[str, ...]
    years: tuple[int, ...]
    candidates: FloatArray  # 2 x n x T x S
    pc4: tuple[str, ...]
    starts: dict[str, int]  # location -> first year with techniek after quiet years
    stops: dict[str, int]  # location -> last year with techniek before quiet years

    @property
    def total(self) -> FloatArray:
        """Candidates ``[sex, location, year]`` over all sectors."""
        return np.asarray(self.candidates.sum(axis=3), dtype=np.float64)

    @property
    def techniek(self) -> FloatArray:
        """Techniek candidates ``[sex, location, year]``."""
        return np.asarray(self.candidates[..., 0], dtype=np.float64)

    def offers_techniek(self) -> npt.NDArray[np.bool_]:
        """``[location, year]``: any techniek candidate that year."""
        return np.asarray(self.techniek.sum(axis=0) > 0)

    def present(self) -> npt.NDArray[np.bool_]:
        """``[location, year]``: any candidate that year."""
        return np.asarray(self.total.sum(axis=0) > 0)

    def green(self, threshold: float = GREEN_SHARE) -> npt.NDArray[np.bool_]:
        """Per location: landbouw is at least ``threshold`` of its candidates, all years."""
        tot = self.candidates.sum(axis=(0, 2))
        land = tot[:, SECTORS.index("landbouw")]
        return np.asarray(land >= threshold * np.maximum(tot.sum(axis=1), 1e-9))

    def non_tech_sectors_before_start(self) -> dict[str, int]:
        """Per starter: number of non-technical sectors with candidates before its start."""
        out: dict[str, int] = {}
        idx = {c: i for i, c in enumerate(self.locations)}
        for loc, start in self.starts.items():
            before = [k for k, y in enumerate(self.years) if y < start]
            pre = self.candidates[:, idx[loc]][:, before].sum(axis=(0, 1))
            out[loc] = int((pre[1:] > 0).sum())
        return out

    def until(self, last_year: int) -> ExamHistory:
        """The history as it was known after ``last_year`` (events re-detected)."""
        keep = [i for i, y in enumerate(self.years) if y <= last_year]
        cand = np.ascontiguousarray(self.candidates[:, :, keep, :])
        years = tuple(self.years[i] for i in keep)
        starts, stops = detect_events(cand, years)
        return ExamHistory(
            self.locations,
            years,
            cand,
            self.pc4,
            starts=_named(self.locations, starts),
            stops=_named(self.locations, stops),
        )


def _named(locations: tuple[str, ...], events: dict[int, int]) -> dict[str, int]:
    return {locations[i]: y for i, y in events.items()}


def detect_events(
    candidates: FloatArray, years: tuple[int, ...]
) -> tuple[dict[int, int], dict[int, int]]:
    """Starters (row -> first techniek year) and stoppers (row -> last techniek year)."""
    tech = candidates[..., 0].sum(axis=0)
    present = candidates.sum(axis=(0, 3)) > 0
    starts: dict[int, int] = {}
    stops: dict[int, int] = {}
    for i in range(tech.shape[0]):
        on = np.flatnonzero(tech[i] > 0)
        if on.size == 0:
            continue
        first, last = int(on[0]), int(on[-1])
        if int(present[i, :first].sum()) >= MIN_QUIET_YEARS:
            starts[i] = years[first]
        if int(present[i, last + 1 :].sum()) >= MIN_QUIET_YEARS:
            stops[i] = years[last]
    return starts, stops


def exam_history(wh: Warehouse) -> ExamHistory:
    """Read ``vo_exam`` (vmbo BB/KB/GL, boys and girls) into an ``ExamHistory``."""
    rows = wh.query(
        f"""
        SELECT loc_code, year, sex, profile,
               sum(coalesce(candidates, CASE WHEN candidates_masked THEN {MASKED_VALUE}
                                             ELSE 0 END))
        FROM vo_exam
        WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND sex IN ('m', 'f')
          AND profile IS NOT NULL
        GROUP BY ALL
        """
    )
    locs = sorted({str(r[0]) for r in rows})
    years = tuple(sorted({int(r[1]) for r in rows}))
    li = {c: i for i, c in enumerate(locs)}
    yi = {y: i for i, y in enumerate(years)}
    cand = np.zeros((len(SEXES), len(locs), len(years), len(SECTORS)))
    for loc, year, sex, sector, n in rows:
        if str(sector) not in SECTORS:
            continue
        cand[SEXES.index(str(sex)), li[str(loc)], yi[int(year)], SECTORS.index(str(sector))] += (
            float(n)
        )
    pc4_of = {str(c): str(pc or "") for c, _gm, pc in wh.query(LOCATION_CURRENT_SQL)}
    starts, stops = detect_events(cand, years)
    loc_t = tuple(locs)
    return ExamHistory(
        locations=loc_t,
        years=years,
        candidates=cand,
        pc4=tuple(pc4_of.get(c, "") for c in locs),
        starts=_named(loc_t, starts),
        stops=_named(loc_t, stops),
    )


def techniek_pass_rate(wh: Warehouse, last_years: int = 2) -> tuple[float, tuple[int, ...]]:
    """Share of vmbo BB/KB/GL techniek exam candidates who passed, newest ``last_years``.

    Unmasked rows only. The newest years are used because 2019-20 .. 2020-21 had no
    central exams (COVID-19: 99% passed against 95-96% in other years).
    """
    rows = wh.query(
        """
        SELECT year, sum(passed), sum(candidates) FROM vo_exam
        WHERE track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND sex = 'all'
          AND profile = 'techniek' AND NOT candidates_masked AND NOT passed_masked
        GROUP BY year ORDER BY year DESC
        """
    )
    used = [r for r in rows if r[2]][:last_years]
    if not used:
        return 1.0, ()
    passed = sum(float(r[1]) for r in used)
    cands = sum(float(r[2]) for r in used)
    return passed / cands, tuple(sorted(int(r[0]) for r in used))


def newest_activity(hist: ExamHistory) -> dict[str, tuple[bool, bool]]:
    """loc -> (candidates in one of the two newest years, techniek in the newest year)."""
    present = hist.present()
    tech = hist.offers_techniek()
    recent = np.asarray(present[:, -2:].any(axis=1))
    return {loc: (bool(recent[i]), bool(tech[i, -1])) for i, loc in enumerate(hist.locations)}
