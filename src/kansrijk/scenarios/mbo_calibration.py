"""The planner's flow rates next to the observed inflow into technical mbo, per gemeente.

The planner turns vmbo pupils into technical mbo entrants with one flow rate per profile
(``model.FlowRates``, SEOR 2026 table 3.6). This compares, per gemeente and year ``y``:

* expected: the leerjaar-4 vmbo BB/KB/GL pupils of year ``y - 1`` at the gemeente's school
  locations, per profile, times the profile's rate (incl. ICT);
* observed: entrants to technical mbo incl. ICT (sectorkamers TGO, MLT, ICT) in year ``y``
  living in the gemeente, coming straight from vmbo BB/KB/GL (``from_vo`` and a
  ``prior_vo`` naming VMBO but not TL).

It needs entrants by **home** gemeente and prior education. DUO's open entrant files give
the institution, not the home gemeente: with them the comparison is empty and says so. The
demo's fictional entrants have both (docs/model.md shows the demo table). Pupils are
counted where their school is, entrants where they live: commuting across gemeente
borders shows up as a ratio away from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from kansrijk.model import FlowRates
from kansrijk.vocab import MBO_TECHNIEK_ICT
from kansrijk.warehouse import Warehouse

_LEAVERS_SQL = """
WITH loc AS (SELECT loc_code, arg_max(gemeente_code, year) AS gm FROM location
             GROUP BY loc_code)
SELECT loc.gm, e.profile, sum(coalesce(e.count, 0)) + 2.5 * count(*) FILTER (WHERE e.masked)
FROM vo_enrollment e JOIN loc USING (loc_code)
WHERE e.year = ? AND e.grade = 4 AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl')
  AND e.profile IS NOT NULL AND loc.gm IS NOT NULL
GROUP BY loc.gm, e.profile
"""

_OBSERVED_SQL = """
SELECT home_gemeente_code, coalesce(sum(count), 0)
FROM mbo_entrant
WHERE year = ? AND home_gemeente_code IS NOT NULL AND from_vo
  AND prior_vo ILIKE 'VMBO%' AND prior_vo NOT ILIKE '%TL%'
  AND sectorkamer IN ({kamers})
GROUP BY home_gemeente_code
"""


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """One gemeente-year: expected (planner) and observed technical mbo entrants."""

    gemeente: str
    year: int
    vmbo_pupils: float  # leerjaar 4 BB/KB/GL of year - 1 at the gemeente's schools
    expected: float  # sum over profiles of pupils x flow rate (incl. ICT)
    observed: float  # technical entrants from vmbo BB/KB/GL living in the gemeente

    @property
    def ratio(self) -> float | None:
        """observed / expected (None when nothing is expected)."""
        return self.observed / self.expected if self.expected else None


@dataclass(frozen=True, slots=True)
class Calibration:
    """The comparison for one year, and why rows are missing."""

    year: int
    rate_region: str
    rows: tuple[CalibrationRow, ...]
    notes: tuple[str, ...]

    @property
    def total_ratio(self) -> float | None:
        """Observed over expected summed over the gemeenten (ratio of sums)."""
        exp = sum(r.expected for r in self.rows)
        return sum(r.observed for r in self.rows) / exp if exp else None


def flow_calibration(
    wh: Warehouse, year: int, rates: FlowRates | None = None, rate_region: str | None = None
) -> Calibration:
    """Expected vs observed technical mbo entrants per gemeente in ``year`` (see module)."""
    rates = rates or FlowRates.load()
    region = rate_region or rates.default_region
    notes: list[str] = []
    have_home = wh.query(
        "SELECT count(*) FROM mbo_entrant WHERE year = ? AND home_gemeente_code IS NOT NULL",
        [year],
    )[0][0]
    if not have_home:
        notes.append(
            f"no mbo entrants by home gemeente for {year}: DUO's open entrant files give the "
            "institution only, so the planner's flow rates cannot be compared with observed "
            "inflow by home gemeente from them"
        )
        return Calibration(year, region, (), tuple(notes))
    expected: dict[str, float] = {}
    pupils: dict[str, float] = {}
    for gm, profile, n in wh.query(_LEAVERS_SQL, [year - 1]):
        if str(profile) not in rates.rates:
            continue
        pupils[str(gm)] = pupils.get(str(gm), 0.0) + float(n)
        rate = rates.rate(str(profile), region=region)
        expected[str(gm)] = expected.get(str(gm), 0.0) + float(n) * rate
    kamers = ", ".join(f"'{k}'" for k in sorted(MBO_TECHNIEK_ICT))
    observed = {
        str(gm): float(n) for gm, n in wh.query(_OBSERVED_SQL.format(kamers=kamers), [year])
    }
    if not expected:
        notes.append(f"no vmbo BB/KB/GL pupils in leerjaar 4 in {year - 1}")
    rows = tuple(
        CalibrationRow(gm, year, pupils.get(gm, 0.0), expected.get(gm, 0.0), observed.get(gm, 0.0))
        for gm in sorted(set(expected) | set(observed))
    )
    return Calibration(year, region, rows, tuple(notes))
