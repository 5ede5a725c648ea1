"""The placement MILP (HiGHS through ``scipy.optimize.milp``), the greedy answer beside it,
and the frontier of the objective against the budget.

Variables: ``x_i`` in {0, 1} per candidate addition; for coverage, ``y_j`` in [0, 1] per
uncovered (PC4, profile) pair with ``y_j <= sum_{i covers j} x_i`` (at an optimum
``y_j`` is 0 or 1). Maximise ``w_d * diplomas . x / D + w_c * children . y / C`` (``D``,
``C``: the values of adding every candidate, so the weights are shares) subject to:
equivalent annual cost ``eac . x <= budget``; at most ``per_board`` additions per school
board and ``per_location`` per location; ``x_i = 0`` where P(viable) < ``min_p_viable``.
Additions where the profile is offered, or excluded (licence/RPO), are no candidates.

Sharing (``Problem.sharing``, ``optimise/sharing.py``): ``s_k`` in {0, 1} per share option
(guest ``g`` follows profile ``P`` at host ``h``) with ``s_k <= x_(h,P)`` (the host adds
P), at most one host per guest and profile, ``s_k + x_(g,P) <= 1`` (a guest does not add P
itself), its extra EAC in the budget row and its planner values in the objective.
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

from kansrijk.errors import Message
from kansrijk.optimise.candidates import Candidate, CandidateSet
from kansrijk.optimise.coverage import Coverage
from kansrijk.optimise.errors import OptimiseError
from kansrijk.optimise.sharing import ShareOption, Sharing

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
    sharing: Sharing | None = None

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

    @property
    def options(self) -> tuple[ShareOption, ...]:
        return () if self.sharing is None else self.sharing.options

    def share_links(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Per share option: its host's candidate index, and its guest's (-1: no candidate)."""
        index = {c.key: i for i, c in enumerate(self.items)}
        host = np.array([index.get(o.host_key, -1) for o in self.options], dtype=np.int64)
        guest = np.array([index.get(o.guest_key, -1) for o in self.options], dtype=np.int64)
        if (host < 0).any():
            raise OptimiseError("a share option's host is not a candidate of the problem")
        return host, guest

    def share_costs(self) -> FloatArray:
        return np.array([o.eac for o in self.options], dtype=float)

    def share_weights(self) -> FloatArray:
        """Objective coefficients of the share options (no coverage: offers do not move)."""
        if self.objective in ("diplomas", "mix"):
            ws = np.array([o.diplomas for o in self.options], dtype=float)
            if self.objective == "mix":
                dip = np.array([c.diplomas for c in self.items], dtype=float)
                ws = self.mix * ws / (float(np.clip(dip, 0, None).sum()) or 1.0)
            return ws
        if self.objective == "entrants":
            return np.array([o.entrants for o in self.options], dtype=float)
        return np.zeros(len(self.options))

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

    def value(self, chosen: BoolArray, shared: BoolArray | None = None) -> float:
        """The objective of a set of additions (and shares), computed directly."""
        wx, wy = self.weights()
        out = float(wx[chosen].sum())
        if shared is not None and shared.any():
            out += float(self.share_weights()[shared].sum())
        if wy.size and self.coverage is not None:
            hit = self.coverage.cover[:, chosen].any(axis=1)
            out += float(wy[hit].sum())
        return out

    def feasible(self, chosen: BoolArray, budget: float, shared: BoolArray | None = None) -> bool:
        if (chosen & ~self.allowed()).any():
            return False
        spent = float(self.costs()[chosen].sum())
        if shared is not None and shared.any():
            host, guest = self.share_links()
            if not chosen[host[shared]].all():
                return False
            if any(chosen[g] for g in guest[shared] if g >= 0):
                return False
            guests = [o.guest_key for o, on in zip(self.options, shared, strict=True) if on]
            if len(guests) != len(set(guests)):
                return False
            spent += float(self.share_costs()[shared].sum())
        if spent > budget * (1 + 1e-9) + 1e-6:
            return False
        guests = (
            []
            if shared is None
            else [o.guest for o, on in zip(self.options, shared, strict=True) if on]
        )
        for attr, cap in (("board", self.limits.per_board), ("location", self.limits.per_location)):
            if cap is None:
                continue
            groups: dict[str, int] = {}
            for c in np.array(self.items, dtype=object)[chosen]:
                groups[getattr(c, attr)] = groups.get(getattr(c, attr), 0) + 1
            for g in guests if attr == "location" else ():
                groups[g] = groups.get(g, 0) + 1
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
    shares: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "chosen": list(self.chosen),
            "shares": list(self.shares),
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


def answer(problem: Problem, chosen: BoolArray, shared: BoolArray | None = None) -> Answer:
    items = problem.items
    sel = [c for c, on in zip(items, chosen, strict=True) if on]
    on = np.zeros(len(problem.options), dtype=bool) if shared is None else shared
    sh = [o for o, yes in zip(problem.options, on, strict=True) if yes]
    cov = problem.coverage.children_covered(chosen) if problem.coverage is not None else None
    return Answer(
        chosen=tuple(c.key for c in sel),
        objective=problem.value(chosen, on),
        eac=float(sum(c.eac for c in sel) + sum(o.eac for o in sh)),
        diplomas=float(sum(c.diplomas for c in sel) + sum(o.diplomas for o in sh)),
        entrants=float(sum(c.entrants for c in sel) + sum(o.entrants for o in sh)),
        children_covered=cov,
        shares=tuple(o.key for o in sh),
    )


def _group_rows(problem: Problem, attr: str, cap: int | None) -> tuple[list[FloatArray], float]:
    """Rows over ``x`` and ``s`` of the groups with more members than ``cap``. For
    ``location``, a location's shares as a guest count like its additions: its pupils would
    choose between them, so they do not add up."""
    if cap is None:
        return [], 0.0
    n = problem.n
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(problem.items):
        groups.setdefault(str(getattr(c, attr)), []).append(i)
    if attr == "location":
        for k, o in enumerate(problem.options):
            groups.setdefault(o.guest, []).append(n + k)
    rows = []
    for idx in groups.values():
        if len(idx) > cap:
            row = np.zeros(n + len(problem.options))
            row[idx] = 1.0
            rows.append(row)
    return rows, float(cap)


def solve(problem: Problem, budget: float, *, time_limit: float = 60.0) -> Solution:
    """The optimal additions for ``budget`` (EAC per year) and the greedy answer."""
    if not np.isfinite(budget) or budget < 0:
        raise OptimiseError(
            Message(
                "budget: expected a non-negative amount in EUR a year; found {found}",
                found=budget,
            )
        )
    t0 = time.perf_counter()
    n = problem.n
    wx, wy = problem.weights()
    ws = problem.share_weights()
    m, q = wy.size, ws.size
    allowed = problem.allowed()
    if n == 0:
        empty = answer(problem, np.zeros(0, dtype=bool))
        return Solution(budget, "optimal", 0.0, 0.0, empty, empty, ("no candidates",))
    cost_row = np.concatenate([problem.costs(), problem.share_costs()])
    blocks: list[tuple[csr_array, float]] = [(csr_array(cost_row[None, :]), budget)]
    for attr, cap in (
        ("board", problem.limits.per_board),
        ("location", problem.limits.per_location),
    ):
        rows, ub = _group_rows(problem, attr, cap)
        if rows:
            blocks.append((csr_array(np.array(rows)), ub))
    blocks += _share_rows(problem)
    width = n + q
    cons = [
        LinearConstraint(hstack([a, csr_array((a.shape[0], m))]).tocsr() if m else a, -np.inf, ub)
        for a, ub in blocks
    ]
    if m:
        assert problem.coverage is not None
        cover = csr_array(problem.coverage.cover.astype(float))
        # y_j - sum_{i covers j} x_i <= 0
        block = [-cover, csr_array((m, q)), _sparse_eye(m)] if q else [-cover, _sparse_eye(m)]
        cons.append(LinearConstraint(hstack(block).tocsr(), -np.inf, 0.0))
    c_vec = -np.concatenate([wx, ws, wy])
    integrality = np.concatenate([np.ones(width), np.zeros(m)])
    upper = np.concatenate([allowed.astype(float), np.ones(q), np.ones(m)])
    res = milp(
        c_vec,
        constraints=cons,
        integrality=integrality,
        bounds=Bounds(np.zeros(width + m), upper),
        options={"mip_rel_gap": 0.0, "time_limit": time_limit, "disp": False},
    )
    seconds = time.perf_counter() - t0
    status = {0: "optimal", 1: "time_limit", 2: "infeasible", 3: "unbounded"}.get(
        int(res.status), f"error ({res.message})"
    )
    if res.x is None:
        raise OptimiseError(f"the solver found no answer: {res.message}")
    chosen = np.asarray(res.x[:n] > 0.5)
    shared = np.asarray(res.x[n:width] > 0.5)
    gap = getattr(res, "mip_gap", None)
    greedy_set, greedy_shared = greedy_with_shares(problem, budget)
    return Solution(
        budget=float(budget),
        status=status,
        gap=None if gap is None else float(gap),
        seconds=seconds,
        optimal=answer(problem, chosen, shared),
        greedy=answer(problem, greedy_set, greedy_shared),
    )


def _share_rows(problem: Problem) -> list[tuple[csr_array, float]]:
    """``s_k - x_host <= 0``; ``sum s over a guest's hosts <= 1``; ``s_k + x_guest <= 1``."""
    q, n = len(problem.options), problem.n
    if not q:
        return []
    host, guest = problem.share_links()
    k = np.arange(q)
    link = csr_array(
        (
            np.concatenate([-np.ones(q), np.ones(q)]),
            (np.concatenate([k, k]), np.concatenate([host, n + k])),
        ),
        shape=(q, n + q),
    )
    out = [(link, 0.0)]
    groups: dict[str, list[int]] = {}
    for i, o in enumerate(problem.options):
        groups.setdefault(o.guest_key, []).append(i)
    rows = []
    for i, members in enumerate(groups.values()):
        for mbr in members:
            rows.append((i, n + mbr))
        g = guest[members[0]]
        if g >= 0:
            rows.append((i, int(g)))
    r, c = zip(*rows, strict=True)
    out.append((csr_array((np.ones(len(rows)), (r, c)), shape=(len(groups), n + q)), 1.0))
    return out


def _sparse_eye(m: int) -> csr_array:
    return csr_array((np.ones(m), (np.arange(m), np.arange(m))), shape=(m, m))


def greedy(problem: Problem, budget: float) -> BoolArray:
    """The additions of the greedy answer (see ``greedy_with_shares``)."""
    return greedy_with_shares(problem, budget)[0]


def greedy_with_shares(problem: Problem, budget: float) -> tuple[BoolArray, BoolArray]:
    """'Best ratio first': repeatedly take the feasible addition, or share option of a
    chosen host, with the largest marginal objective per euro of EAC (free ones first),
    until none fits or adds value."""
    n, q = problem.n, len(problem.options)
    wx, wy = problem.weights()
    ws = problem.share_weights()
    costs = np.concatenate([problem.costs(), problem.share_costs()])
    value = np.concatenate([wx, ws])
    chosen = np.zeros(n + q, dtype=bool)
    open_ = np.concatenate([problem.allowed(), np.ones(q, dtype=bool)])
    host, guest = problem.share_links() if q else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    cover = problem.coverage.cover if (wy.size and problem.coverage is not None) else None
    uncovered = np.ones(wy.size, dtype=bool)
    spent = 0.0
    board_n: dict[str, int] = {}
    loc_n: dict[str, int] = {}
    lim = problem.limits
    while True:
        gain = value.copy()
        if cover is not None:
            gain[:n] = gain[:n] + cover.T.astype(float) @ (wy * uncovered)
        ready = open_.copy()
        ready[n:] &= chosen[host]
        fits = ready & ~chosen & (spent + costs <= budget * (1 + 1e-9) + 1e-6) & (gain > 1e-12)
        if not fits.any():
            return chosen[:n], chosen[n:]
        ratio = np.where(costs > 0, gain / np.where(costs > 0, costs, 1.0), np.inf)
        i = int(np.flatnonzero(fits)[np.argmax(ratio[fits])])
        chosen[i] = True
        spent += float(costs[i])
        if i >= n:  # a share: its guest takes no other host and adds no profile itself
            o = problem.options[i - n]
            open_[n:] &= np.array([other.guest_key != o.guest_key for other in problem.options])
            if guest[i - n] >= 0:
                open_[guest[i - n]] = False
            loc_n[o.guest] = loc_n.get(o.guest, 0) + 1
        else:
            c = problem.items[i]
            board_n[c.board] = board_n.get(c.board, 0) + 1
            loc_n[c.location] = loc_n.get(c.location, 0) + 1
            if cover is not None:
                uncovered &= ~cover[:, i]
            if q:  # a guest that now adds the profile itself is no guest
                open_[n:] &= guest != i
        for j, other in enumerate(problem.items):
            if lim.per_board is not None and board_n.get(other.board, 0) >= lim.per_board:
                open_[j] = False
            if lim.per_location is not None and loc_n.get(other.location, 0) >= lim.per_location:
                open_[j] = False
        for k, o in enumerate(problem.options):
            if lim.per_location is not None and loc_n.get(o.guest, 0) >= lim.per_location:
                open_[n + k] = False


def frontier(
    problem: Problem, budgets: Sequence[float] | None = None, points: int = 11
) -> list[Solution]:
    """Solutions from budget 0 to the EAC of adding every candidate (``points`` budgets)."""
    if budgets is None:
        top = float(problem.costs()[problem.allowed()].sum())
        budgets = [float(b) for b in np.linspace(0.0, top, max(points, 2))]
    return [solve(problem, b) for b in budgets]
