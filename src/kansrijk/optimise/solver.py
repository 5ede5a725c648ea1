"""The placement MILP (HiGHS through ``scipy.optimize.milp``), the greedy answer beside it,
and the frontier of the objective against the budget.

Variables: ``x_i`` in {0, 1} per candidate addition; for coverage, ``y_j`` in [0, 1] per
uncovered (PC4, profile) pair with ``y_j <= sum_{i covers j} x_i`` (at an optimum
``y_j`` is 0 or 1). Maximise ``w_d * diplomas . x / D + w_c * children . y / C`` (``D``,
``C``: the values of adding every candidate, so the weights are shares) subject to:
equivalent annual cost ``eac . x <= budget``; at most ``per_board`` additions per school
board and ``per_location`` per location; ``x_i = 0`` where P(viable) < ``min_p_viable``.
Additions where the profile is offered, or excluded (licence/RPO), are no candidates.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array, hstack

from kansrijk.optimise.candidates import Candidate, CandidateSet
from kansrijk.optimise.coverage import Coverage
from kansrijk.optimise.errors import OptimiseError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Objective = Literal["diplomas", "entrants", "coverage", "mix"]
OBJECTIVES: tuple[str, ...] = ("diplomas", "entrants", "coverage", "mix")


@dataclass(frozen=True)
class Limits:
    """Constraints besides the budget."""

    per_board: int | None = None
    per_location: int | None = 1
    min_p_viable: float = 0.0


@dataclass(frozen=True, eq=False)
class Problem:
    """Candidates, their values under the objective and the constraints (no budget)."""

    cands: CandidateSet
    objective: str
    limits: Limits
    coverage: Coverage | None = None
    mix: float = 0.5  # weight of diplomas in the mix (the rest: coverage)

    def __post_init__(self) -> None:
        if self.objective not in OBJECTIVES:
            raise OptimiseError(
                f"objective: expected one of {', '.join(OBJECTIVES)}; found {self.objective!r}"
            )
        if self.objective in ("coverage", "mix") and self.coverage is None:
            raise OptimiseError(f"objective {self.objective!r} needs the coverage pairs")
        if not 0.0 <= self.mix <= 1.0:
            raise OptimiseError(f"mix: expected a weight in [0, 1]; found {self.mix}")
        if not 0.0 <= self.limits.min_p_viable <= 1.0:
            raise OptimiseError(
                f"min_p_viable: expected a probability in [0, 1]; found {self.limits.min_p_viable}"
            )

    @property
    def items(self) -> tuple[Candidate, ...]:
        return self.cands.candidates

    @property
    def n(self) -> int:
        return len(self.items)

    def allowed(self) -> BoolArray:
        return np.array([c.p_viable >= self.limits.min_p_viable for c in self.items], dtype=bool)

    def costs(self) -> FloatArray:
        return np.array([c.eac for c in self.items], dtype=float)

    def weights(self) -> tuple[FloatArray, FloatArray]:
        """Objective coefficients of ``x`` (per candidate) and ``y`` (per pair)."""
        n_pairs = 0 if self.coverage is None else len(self.coverage.pairs)
        dip = np.array([c.diplomas for c in self.items], dtype=float)
        ent = np.array([c.entrants for c in self.items], dtype=float)
        zero_y = np.zeros(n_pairs)
        if self.objective == "diplomas":
            return dip, np.zeros(0)
        if self.objective == "entrants":
            return ent, np.zeros(0)
        assert self.coverage is not None
        wy = self.coverage.weights
        if self.objective == "coverage":
            return np.zeros(self.n), wy
        d_all = float(np.clip(dip, 0, None).sum()) or 1.0
        c_all = float(wy.sum()) or 1.0
        return self.mix * dip / d_all, (1.0 - self.mix) * wy / c_all if n_pairs else zero_y

    def value(self, chosen: BoolArray) -> float:
        """The objective of a set of additions (computed directly, not by the solver)."""
        wx, wy = self.weights()
        out = float(wx[chosen].sum())
        if wy.size and self.coverage is not None:
            hit = self.coverage.cover[:, chosen].any(axis=1)
            out += float(wy[hit].sum())
        return out

    def feasible(self, chosen: BoolArray, budget: float) -> bool:
        if (chosen & ~self.allowed()).any():
            return False
        if float(self.costs()[chosen].sum()) > budget * (1 + 1e-9) + 1e-6:
            return False
        for attr, cap in (("board", self.limits.per_board), ("location", self.limits.per_location)):
            if cap is None:
                continue
            groups: dict[str, int] = {}
            for c in np.array(self.items, dtype=object)[chosen]:
                groups[getattr(c, attr)] = groups.get(getattr(c, attr), 0) + 1
            if groups and max(groups.values()) > cap:
                return False
        return True


@dataclass(frozen=True)
class Answer:
    """One set of additions with its totals."""

    chosen: tuple[str, ...]
    objective: float
    eac: float
    diplomas: float
    entrants: float
    children_covered: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "chosen": list(self.chosen),
            "objective": self.objective,
            "eac": self.eac,
            "extra_diplomas_per_year": self.diplomas,
            "extra_entrants_per_year": self.entrants,
            "children_covered": self.children_covered,
        }


@dataclass(frozen=True)
class Solution:
    """The MILP answer at one budget, the greedy answer beside it and solver facts."""

    budget: float
    status: str
    gap: float | None
    seconds: float
    optimal: Answer
    greedy: Answer
    notes: tuple[str, ...] = field(default=())

    @property
    def greedy_difference(self) -> float:
        return self.optimal.objective - self.greedy.objective

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget": self.budget,
            "status": self.status,
            "mip_gap": self.gap,
            "seconds": self.seconds,
            "optimal": self.optimal.to_dict(),
            "greedy": self.greedy.to_dict(),
            "greedy_difference": self.greedy_difference,
            "notes": list(self.notes),
        }


def answer(problem: Problem, chosen: BoolArray) -> Answer:
    items = problem.items
    sel = [c for c, on in zip(items, chosen, strict=True) if on]
    cov = problem.coverage.children_covered(chosen) if problem.coverage is not None else None
    return Answer(
        chosen=tuple(c.key for c in sel),
        objective=problem.value(chosen),
        eac=float(sum(c.eac for c in sel)),
        diplomas=float(sum(c.diplomas for c in sel)),
        entrants=float(sum(c.entrants for c in sel)),
        children_covered=cov,
    )


def _group_rows(problem: Problem, attr: str, cap: int | None) -> tuple[list[FloatArray], float]:
    if cap is None:
        return [], 0.0
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(problem.items):
        groups.setdefault(str(getattr(c, attr)), []).append(i)
    rows = []
    for idx in groups.values():
        if len(idx) > cap:
            row = np.zeros(problem.n)
            row[idx] = 1.0
            rows.append(row)
    return rows, float(cap)


def solve(problem: Problem, budget: float, *, time_limit: float = 60.0) -> Solution:
    """The optimal additions for ``budget`` (EAC per year) and the greedy answer."""
    if not np.isfinite(budget) or budget < 0:
        raise OptimiseError(f"budget: expected a non-negative amount in EUR a year; found {budget}")
    t0 = time.perf_counter()
    n = problem.n
    wx, wy = problem.weights()
    m = wy.size
    allowed = problem.allowed()
    if n == 0:
        empty = answer(problem, np.zeros(0, dtype=bool))
        return Solution(budget, "optimal", 0.0, 0.0, empty, empty, ("no candidates",))
    blocks: list[tuple[csr_array, float]] = [(csr_array(problem.costs()[None, :]), budget)]
    for attr, cap in (
        ("board", problem.limits.per_board),
        ("location", problem.limits.per_location),
    ):
        rows, ub = _group_rows(problem, attr, cap)
        if rows:
            blocks.append((csr_array(np.array(rows)), ub))
    cons = [
        LinearConstraint(hstack([a, csr_array((a.shape[0], m))]).tocsr() if m else a, -np.inf, ub)
        for a, ub in blocks
    ]
    if m:
        assert problem.coverage is not None
        cover = csr_array(problem.coverage.cover.astype(float))
        # y_j - sum_{i covers j} x_i <= 0
        cons.append(LinearConstraint(hstack([-cover, _sparse_eye(m)]).tocsr(), -np.inf, 0.0))
    c_vec = -np.concatenate([wx, wy])
    integrality = np.concatenate([np.ones(n), np.zeros(m)])
    upper = np.concatenate([allowed.astype(float), np.ones(m)])
    res = milp(
        c_vec,
        constraints=cons,
        integrality=integrality,
        bounds=Bounds(np.zeros(n + m), upper),
        options={"mip_rel_gap": 0.0, "time_limit": time_limit, "disp": False},
    )
    seconds = time.perf_counter() - t0
    status = {0: "optimal", 1: "time_limit", 2: "infeasible", 3: "unbounded"}.get(
        int(res.status), f"error ({res.message})"
    )
    if res.x is None:
        raise OptimiseError(f"the solver found no answer: {res.message}")
    chosen = np.asarray(res.x[:n] > 0.5)
    gap = getattr(res, "mip_gap", None)
    greedy_set = greedy(problem, budget)
    return Solution(
        budget=float(budget),
        status=status,
        gap=None if gap is None else float(gap),
        seconds=seconds,
        optimal=answer(problem, chosen),
        greedy=answer(problem, greedy_set),
    )


def _sparse_eye(m: int) -> csr_array:
    return csr_array((np.ones(m), (np.arange(m), np.arange(m))), shape=(m, m))


def greedy(problem: Problem, budget: float) -> BoolArray:
    """'Best ratio first': repeatedly add the feasible candidate with the largest marginal
    objective per euro of EAC (free candidates first), until none fits or adds value."""
    n = problem.n
    wx, wy = problem.weights()
    costs = problem.costs()
    chosen = np.zeros(n, dtype=bool)
    open_ = problem.allowed().copy()
    cover = problem.coverage.cover if (wy.size and problem.coverage is not None) else None
    uncovered = np.ones(wy.size, dtype=bool)
    spent = 0.0
    board_n: dict[str, int] = {}
    loc_n: dict[str, int] = {}
    lim = problem.limits
    while True:
        gain = wx.copy()
        if cover is not None:
            gain = gain + cover.T.astype(float) @ (wy * uncovered)
        fits = open_ & ~chosen & (spent + costs <= budget * (1 + 1e-9) + 1e-6) & (gain > 1e-12)
        if not fits.any():
            return chosen
        ratio = np.where(costs > 0, gain / np.where(costs > 0, costs, 1.0), np.inf)
        i = int(np.flatnonzero(fits)[np.argmax(ratio[fits])])
        c = problem.items[i]
        chosen[i] = True
        spent += float(costs[i])
        board_n[c.board] = board_n.get(c.board, 0) + 1
        loc_n[c.location] = loc_n.get(c.location, 0) + 1
        if cover is not None:
            uncovered &= ~cover[:, i]
        for j, other in enumerate(problem.items):
            if lim.per_board is not None and board_n.get(other.board, 0) >= lim.per_board:
                open_[j] = False
            if lim.per_location is not None and loc_n.get(other.location, 0) >= lim.per_location:
                open_[j] = False


def frontier(
    problem: Problem, budgets: Sequence[float] | None = None, points: int = 11
) -> list[Solution]:
    """Solutions from budget 0 to the EAC of adding every candidate (``points`` budgets)."""
    if budgets is None:
        top = float(problem.costs()[problem.allowed()].sum())
        budgets = [float(b) for b in np.linspace(0.0, top, max(points, 2))]
    return [solve(problem, b) for b in budgets]
