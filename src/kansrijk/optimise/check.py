"""Run a chosen set through the planner and compare its totals with the optimiser's.

The planner's uptake totals are means over its 500 seeded draws of the sum over its
additions. Its random streams are keyed by the seed, the location and the profile (common
random numbers, ``scenarios/uptake_report.py``), so an addition gets the same draws in the
candidate run of its profile and in the chosen set's run: the planner's totals (entrants,
diplomas, EAC) equal the optimiser's sums up to floating-point rounding. The MNL baseline
model's steady-state entrants are deterministic: their sum over the chosen additions
equals the planner's total when the additions do not interact (fixed school
populations), which ``optimiser_entrants_mnl`` vs ``planner_entrants_mnl`` shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kansrijk.optimise.candidates import CandidateSet
from kansrijk.optimise.sharing import ShareOption, scenario_with_shares
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import run
from kansrijk.warehouse import Warehouse


@dataclass(frozen=True)
class PlannerCheck:
    """Totals per year of the chosen set: the optimiser's sums and the planner's run."""

    additions: int
    optimiser_entrants: float
    planner_entrants: float
    optimiser_diplomas: float
    planner_diplomas: float | None
    optimiser_eac: float
    planner_eac: float
    model: str
    optimiser_entrants_mnl: float = 0.0
    planner_entrants_mnl: float = 0.0

    @property
    def entrants_difference(self) -> float:
        return self.planner_entrants - self.optimiser_entrants

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["entrants_difference"] = self.entrants_difference
        out["entrants_mnl_difference"] = self.planner_entrants_mnl - self.optimiser_entrants_mnl
        return out


def check_with_planner(
    cands: CandidateSet,
    keys: Sequence[str],
    wh: Warehouse,
    catalog: RegionCatalog,
    shares: Sequence[ShareOption] = (),
) -> PlannerCheck:
    """Open ``keys`` (and ``shares``) as a scenario, run it with the planner and set the
    totals side by side."""
    chosen = [c for c in cands.candidates if c.key in set(keys)]
    result = run(scenario_with_shares(cands, keys, shares), wh, catalog)
    up = result.extra.get("uptake")
    model = chosen[0].model if chosen else "uptake"
    costs = result.extra.get("costs") or {}
    if model == "uptake" and up:
        ent, dip = float(up["extra_entrants_per_year"]), float(up["extra_diplomas_per_year"])
        eac = float(costs.get("equivalent_annual_cost_uptake", 0.0))
    else:
        ent, dip = float(result.summary.extra_entrants_per_year), None
        eac = float(sum(a.equivalent_annual_cost or 0.0 for a in result.additions))
    return PlannerCheck(
        additions=len(result.additions),
        optimiser_entrants=float(sum(c.entrants for c in chosen) + sum(o.entrants for o in shares)),
        planner_entrants=ent,
        optimiser_diplomas=float(sum(c.diplomas for c in chosen) + sum(o.diplomas for o in shares)),
        planner_diplomas=dip,
        optimiser_eac=float(sum(c.eac for c in chosen) + sum(o.eac for o in shares)),
        planner_eac=eac,
        model=model,
        optimiser_entrants_mnl=float(
            sum(c.entrants_mnl for c in chosen) + sum(o.entrants_mnl for o in shares)
        ),
        planner_entrants_mnl=float(result.summary.extra_entrants_per_year),
    )
