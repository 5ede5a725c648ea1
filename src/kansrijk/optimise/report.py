"""One optimiser run for CLI, API and web: candidates, answers at the budgets, the frontier
and the planner check, as one JSON-ready object."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kansrijk.errors import Message
from kansrijk.optimise.candidates import CandidateSet, build_candidates
from kansrijk.optimise.check import PlannerCheck, check_with_planner
from kansrijk.optimise.coverage import DEFAULT_KM, Coverage, build_coverage
from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.exclusions import TECHNICAL, Exclusion
from kansrijk.optimise.robustness import Robustness, robustness
from kansrijk.optimise.sharing import (
    DEFAULT_PER_KM,
    DEFAULT_TRAVEL_PENALTY,
    Sharing,
    build_sharing,
)
from kansrijk.optimise.solver import OBJECTIVES, Limits, Problem, Solution, frontier, solve
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import Parameters
from kansrijk.warehouse import Warehouse

#: Budget (EAC, EUR a year) when none is given.
DEFAULT_BUDGET = 2_000_000.0
MAX_BUDGETS = 10
#: Default threshold on P(viable): an addition at least as likely as not to reach 12 pupils.
DEFAULT_MIN_P_VIABLE = 0.5


@dataclass(frozen=True)
class Request:
    """What to optimise (defaults: diplomas, EUR 2 M a year, one addition per location,
    P(viable) >= 0.5)."""

    region: str
    budgets: tuple[float, ...] = (DEFAULT_BUDGET,)
    objective: str = "diplomas"
    km: float = DEFAULT_KM
    mix: float = 0.5
    per_board: int | None = None
    per_location: int | None = 1
    min_p_viable: float = DEFAULT_MIN_P_VIABLE
    year: int | None = None
    profiles: tuple[str, ...] = TECHNICAL
    exclusions: tuple[Exclusion, ...] = ()
    frontier_points: int = 11
    check: bool = True
    robustness: int = 0
    #: Sharing as a decision: guests within this many km of a host (None: no sharing).
    share_km: float | None = None
    travel_penalty: float = DEFAULT_TRAVEL_PENALTY
    per_km: float = DEFAULT_PER_KM

    def __post_init__(self) -> None:
        if self.objective not in OBJECTIVES:
            raise OptimiseError(
                Message(
                    "objective: expected one of {objectives}; found {found!r}",
                    objectives=", ".join(OBJECTIVES),
                    found=self.objective,
                )
            )
        if not self.budgets or len(self.budgets) > MAX_BUDGETS:
            raise OptimiseError(
                Message(
                    "budget: expected 1 to {most} amounts; found {found}",
                    most=MAX_BUDGETS,
                    found=len(self.budgets),
                )
            )
        if not 0 < self.km <= 100:
            raise OptimiseError(
                Message("km: expected a distance in (0, 100]; found {km}", km=self.km)
            )
        if not 0.0 <= self.min_p_viable <= 1.0:
            raise OptimiseError(
                Message(
                    "min-p-viable: expected a probability in [0, 1]; found {found}",
                    found=self.min_p_viable,
                )
            )
        if not 0 <= self.frontier_points <= 51:
            raise OptimiseError(
                Message("frontier points: expected 0-51; found {found}", found=self.frontier_points)
            )
        for name in ("per_board", "per_location"):
            v = getattr(self, name)
            if v is not None and v < 1:
                raise OptimiseError(
                    Message(
                        "{name}: expected >= 1; found {found}", name=name.replace("_", "-"), found=v
                    )
                )


@dataclass(frozen=True)
class Report:
    request: Request
    cands: CandidateSet
    coverage: Coverage | None
    solutions: tuple[Solution, ...]
    frontier: tuple[Solution, ...]
    checks: tuple[PlannerCheck | None, ...]
    robust: tuple[Robustness | None, ...]
    seconds: dict[str, float]
    fictional: bool = False
    notes: tuple[str, ...] = field(default=())
    sharing: Sharing | None = None

    def light(self) -> Report:
        """The report without what only solving needs (the candidates' per-draw values, the
        coverage matrix): all its JSON and tables need, small enough to cache."""
        cands = replace(self.cands, draws={}, diploma_draws={})
        return replace(self, cands=cands, coverage=None)

    def frontier_rows(self) -> list[dict[str, Any]]:
        """Per frontier budget: the optimum, the greedy answer and the chosen set's totals
        (the JSON's ``frontier`` and the frontier table's rows)."""
        return [
            {
                "budget": s.budget,
                "objective": s.optimal.objective,
                "greedy": s.greedy.objective,
                "additions": len(s.optimal.chosen),
                "eac": s.optimal.eac,
                "extra_diplomas_per_year": s.optimal.diplomas,
                "children_covered": s.optimal.children_covered,
                "status": s.status,
                "mip_gap": s.gap,
            }
            for s in self.frontier
        ]

    def to_dict(self) -> dict[str, Any]:
        r = self.request
        by_key = {c.key: c for c in self.cands.candidates}
        by_share = {o.key: o for o in (self.sharing.options if self.sharing else ())}
        return {
            "ok": True,
            "region": self.cands.region,
            "region_name": self.cands.region_name,
            "year": self.cands.year,
            "fictional": self.fictional,
            "objective": r.objective,
            "constraints": {
                "per_board": r.per_board,
                "per_location": r.per_location,
                "min_p_viable": r.min_p_viable,
                "km": r.km,
                "mix": r.mix,
                "profiles": list(r.profiles),
                "excluded": [
                    {"location": loc, "profile": p, "reason": why}
                    for loc, p, why in self.cands.excluded
                ],
            },
            "candidates": len(self.cands),
            "sharing": None if self.sharing is None else self.sharing.rule(),
            "cost_of_adding_everywhere": self.cands.total_eac(),
            "solutions": [
                {
                    **s.to_dict(),
                    "additions": [by_key[k].to_dict() for k in s.optimal.chosen],
                    "shared": [by_share[k].to_dict() for k in s.optimal.shares],
                    "planner_check": None if c is None else c.to_dict(),
                    "robustness": None if rb is None else rb.to_dict(),
                }
                for s, c, rb in zip(self.solutions, self.checks, self.robust, strict=True)
            ],
            "frontier": self.frontier_rows(),
            "seconds": self.seconds,
            "notes": list(self.notes),
        }


def optimise(
    wh: Warehouse,
    catalog: RegionCatalog,
    request: Request,
    parameters: Parameters | None = None,
) -> Report:
    """Candidates, the optimum at each budget (with greedy), the frontier, the check."""
    t0 = time.perf_counter()
    cands = build_candidates(
        wh,
        catalog,
        request.region,
        year=request.year,
        profiles=request.profiles,
        exclusions=request.exclusions,
        parameters=parameters,
    )
    t1 = time.perf_counter()
    cov = (
        build_coverage(wh, catalog, cands, request.km)
        if request.objective in ("coverage", "mix")
        else None
    )
    sharing = (
        None
        if request.share_km is None
        else build_sharing(
            wh,
            catalog,
            cands,
            km=request.share_km,
            travel_penalty=request.travel_penalty,
            per_km=request.per_km,
        )
    )
    limits = Limits(request.per_board, request.per_location, request.min_p_viable)
    problem = Problem(cands, request.objective, limits, cov, request.mix, sharing)
    t2 = time.perf_counter()
    sols = tuple(solve(problem, b) for b in request.budgets)
    t3 = time.perf_counter()
    front = (
        tuple(frontier(problem, points=request.frontier_points)) if request.frontier_points else ()
    )
    t4 = time.perf_counter()
    checks = tuple(
        check_with_planner(
            cands,
            s.optimal.chosen,
            wh,
            catalog,
            () if sharing is None else sharing.subset(s.optimal.shares).options,
        )
        if request.check and s.optimal.chosen
        else None
        for s in sols
    )
    t5 = time.perf_counter()
    robust = tuple(
        robustness(problem, s.budget, request.robustness) if request.robustness else None
        for s in sols
    )
    t6 = time.perf_counter()
    notes = [
        *cands.notes,
        (
            "values per year in the steady state: extra technical mbo entrants and diplomas "
            "(entrants x drawn diploma yield) from the planner; cost = equivalent annual cost"
        ),
    ]
    if cands.candidates and cands.candidates[0].model == "mnl":
        notes.append(
            "no uptake model in this warehouse (no exam history): values from the MNL "
            "baseline model; P(viable) is 1 when the MNL predicts >= the viable group size"
        )
    if sharing is not None:
        notes.append(
            f"sharing: {len(sharing)} options (guests within {sharing.km:g} km of a candidate "
            f"host, travel penalty {sharing.travel_penalty:g} + {sharing.per_km:g} per km "
            f"log-odds), valued in {sharing.runs} planner runs; a guest's share counts as an "
            "addition at its location; P(viable) is the host's own"
        )
    if request.per_location != 1:
        notes.append(
            "more than one addition per location: the uptake model adds them up as the "
            "planner does; several new profiles at one school share the same pupils, so the "
            "sum is an upper bound"
        )
    return Report(
        request=request,
        cands=cands,
        coverage=cov,
        solutions=sols,
        frontier=front,
        checks=checks,
        robust=robust,
        seconds={
            "candidates": t1 - t0,
            "coverage_and_sharing": t2 - t1,
            "solve": t3 - t2,
            "frontier": t4 - t3,
            "planner_check": t5 - t4,
            "robustness": t6 - t5,
        },
        fictional=wh.has_fictional(),
        notes=tuple(notes),
        sharing=sharing,
    )


#: The largest budget (EUR a year) a plan may have: more than all of vmbo costs a year.
MAX_BUDGET = 1e10


def parse_budgets(text: str | Sequence[str]) -> tuple[float, ...]:
    """'2M,5M' or '2000000' -> amounts (k and M suffixes, EUR a year)."""
    parts = [text] if isinstance(text, str) else list(text)
    out = []
    for part in parts:
        for tok in str(part).replace(";", ",").split(","):
            t = tok.strip().replace("_", "").upper()
            if not t:
                continue
            mult = 1.0
            if t.endswith("M"):
                mult, t = 1e6, t[:-1]
            elif t.endswith("K"):
                mult, t = 1e3, t[:-1]
            try:
                number = float(t)
                if not math.isfinite(number):
                    raise ValueError(t)
            except ValueError:
                raise OptimiseError(
                    Message(
                        "budget: expected an amount in EUR a year like 2000000, 2.5M or 800k; "
                        "found {found!r}",
                        found=tok.strip()[:40],
                    )
                ) from None
            value = number * mult
            if value < 0:
                raise OptimiseError(
                    Message("budget: expected a non-negative amount; found {found!r}", found=tok)
                )
            if value > MAX_BUDGET:
                raise OptimiseError(
                    Message(
                        "budget: expected at most 10000M (ten billion EUR a year); found {found!r}",
                        found=tok.strip()[:40],
                    )
                )
            out.append(value)
    return tuple(out)
