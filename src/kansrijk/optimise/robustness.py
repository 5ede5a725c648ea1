"""Robustness: re-solve under the planner's parameter draws and count, per chosen addition,
how often it is in the optimal set ("in 92 of 100 draws").

Each draw replaces every candidate's expected extra entrants by the uptake model's value
in that draw (the planner's draws of pupils, the new profile's flow rate and theta,
``CandidateSet.draws``, and its diplomas, ``CandidateSet.diploma_draws``: entrants x
the drawn diploma yield); constraints and costs stay as they are. The planner's parameter
draws, theta and the yield come from streams keyed by the seed alone (common random
numbers), so draw ``d`` is one state of the world for every location and profile, also
across the per-profile candidate runs. Only for the objectives ``diplomas`` and
``entrants``; coverage does not depend on the draws. Share options keep their mean values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.solver import Problem, solve

MAX_DRAWS = 500


@dataclass(frozen=True)
class Robustness:
    """Per addition (``LOC:PROFILE``), in how many of ``draws`` optimal sets it is."""

    draws: int
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"draws": self.draws, "in_optimal_set": dict(self.counts)}


def robustness(problem: Problem, budget: float, draws: int = 100) -> Robustness:
    """Solve ``problem`` at ``budget`` once per draw; count each addition's presence."""
    if problem.objective not in ("diplomas", "entrants"):
        raise OptimiseError(
            f"robustness: only for the objectives diplomas and entrants; found "
            f"{problem.objective!r} (coverage does not vary with the parameter draws)"
        )
    cands = problem.cands
    items = cands.candidates
    missing = [c.key for c in items if c.key not in cands.draws]
    if missing:
        raise OptimiseError(
            "robustness: needs the uptake model's draws for every candidate (real data); "
            f"none for {len(missing)} of {len(items)} candidates, e.g. {missing[0]}"
        )
    available = min(len(v) for v in cands.draws.values()) if items else 0
    if not 1 <= draws <= min(MAX_DRAWS, max(available, 1)):
        raise OptimiseError(
            f"robustness: expected 1 to {min(MAX_DRAWS, available)} draws; found {draws}"
        )
    ym = sum(cands.parameters.diploma_yield) / 3.0
    dip = cands.diploma_draws
    counts = {c.key: 0 for c in items}
    for d in range(draws):
        drawn = tuple(
            replace(
                c,
                entrants=(e := float(cands.draws[c.key][d])),
                diplomas=float(dip[c.key][d]) if c.key in dip else e * ym,
            )
            for c in items
        )
        sol = solve(replace(problem, cands=replace(cands, candidates=drawn)), budget)
        for key in sol.optimal.chosen:
            counts[key] += 1
    return Robustness(draws, {k: v for k, v in counts.items() if v})
