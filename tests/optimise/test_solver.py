"""The placement MILP against brute force, greedy and the frontier, on the demo region."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest

from kansrijk.optimise import (
    CandidateSet,
    Limits,
    OptimiseError,
    Problem,
    build_coverage,
    frontier,
    solve,
)
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse


def small(cands: CandidateSet, n: int = 12) -> CandidateSet:
    return cands.subset([c.key for c in cands.candidates[:n]])


def brute_force(
    cands: CandidateSet, budget: float, limits: Limits, value: object
) -> tuple[float, tuple[str, ...]]:
    """Every subset, checked against the constraints written out here."""
    best, best_set = 0.0, ()
    items = cands.candidates
    for r in range(len(items) + 1):
        for combo in itertools.combinations(range(len(items)), r):
            chosen = [items[i] for i in combo]
            if sum(c.eac for c in chosen) > budget:
                continue
            if any(c.p_viable < limits.min_p_viable for c in chosen):
                continue
            boards = Counter(c.board for c in chosen)
            locs = Counter(c.location for c in chosen)
            if limits.per_board is not None and boards and max(boards.values()) > limits.per_board:
                continue
            if (
                limits.per_location is not None
                and locs
                and max(locs.values()) > limits.per_location
            ):
                continue
            v = value(combo)  # type: ignore[operator]
            if v > best + 1e-9:
                best, best_set = v, tuple(c.key for c in chosen)
    return best, best_set


def test_small_region_has_twelve_candidates_over_three_boards(demo_cands: CandidateSet) -> None:
    sub = small(demo_cands)
    assert len(sub) == 12
    assert len({c.board for c in sub.candidates}) == 3
    assert len({round(c.eac) for c in sub.candidates}) > 5  # costs differ (predicted sizing)


@pytest.mark.parametrize("budget", [0.0, 450_000.0, 800_000.0, 1_300_000.0])
@pytest.mark.parametrize(
    "limits",
    [Limits(per_board=2, per_location=1, min_p_viable=0.5), Limits(per_location=None)],
)
def test_milp_equals_brute_force_on_diplomas(
    demo_cands: CandidateSet, budget: float, limits: Limits
) -> None:
    sub = small(demo_cands)
    dip = [c.diplomas for c in sub.candidates]
    best, best_set = brute_force(sub, budget, limits, lambda combo: sum(dip[i] for i in combo))
    sol = solve(Problem(sub, "diplomas", limits), budget)
    assert sol.status == "optimal"
    assert sol.gap == pytest.approx(0.0, abs=1e-9)
    assert sol.optimal.objective == pytest.approx(best, abs=1e-6)
    assert sol.optimal.diplomas == pytest.approx(
        sum(c.diplomas for c in sub.subset(best_set).candidates)
    )
    assert sol.optimal.eac <= budget + 1e-6
    assert sol.greedy.objective <= sol.optimal.objective + 1e-9


def test_milp_equals_brute_force_on_coverage(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    sub = small(demo_cands)
    cov = build_coverage(demo_wh, demo_catalog, sub, km=5.0)
    assert len(cov.pairs) > 0
    limits = Limits(per_board=2)

    def children(combo: tuple[int, ...]) -> float:
        hit = np.zeros(len(cov.pairs), dtype=bool)
        for i in combo:
            hit |= cov.cover[:, i]
        return float(cov.weights[hit].sum())

    for budget in (400_000.0, 700_000.0):
        best, _ = brute_force(sub, budget, limits, children)
        sol = solve(Problem(sub, "coverage", limits, cov), budget)
        assert sol.status == "optimal"
        assert sol.optimal.objective == pytest.approx(best)
        assert sol.optimal.children_covered == pytest.approx(best)


def test_frontier_is_monotone_and_ends_at_everything(demo_cands: CandidateSet) -> None:
    problem = Problem(demo_cands, "diplomas", Limits(per_location=None))
    sols = frontier(problem, points=9)
    values = [s.optimal.objective for s in sols]
    assert sols[0].budget == 0.0 and values[0] == 0.0
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(values))
    assert sols[-1].budget == pytest.approx(demo_cands.total_eac())
    positive = sum(c.diplomas for c in demo_cands.candidates if c.diplomas > 0)
    assert values[-1] == pytest.approx(positive)
    assert all(
        s.status == "optimal" and s.greedy.objective <= s.optimal.objective + 1e-9 for s in sols
    )


def test_greedy_never_beats_the_milp_and_the_difference_is_reported(
    demo_cands: CandidateSet,
) -> None:
    problem = Problem(demo_cands, "diplomas", Limits(per_board=2, min_p_viable=0.5))
    diffs = [solve(problem, b).greedy_difference for b in np.linspace(0, 3e6, 13)]
    assert min(diffs) >= -1e-9
    assert solve(problem, 1e6).to_dict()["greedy_difference"] == pytest.approx(diffs[4])


def test_viability_and_board_limits_hold(demo_cands: CandidateSet) -> None:
    limits = Limits(per_board=1, min_p_viable=0.5)
    sol = solve(Problem(demo_cands, "diplomas", limits), 5e6)
    by = {c.key: c for c in demo_cands.candidates}
    chosen = [by[k] for k in sol.optimal.chosen]
    assert len({c.board for c in chosen}) == len(chosen) == 8  # one per board, 8 boards
    assert all(c.p_viable >= 0.5 for c in chosen)


def test_bad_inputs_say_what_was_expected(demo_cands: CandidateSet) -> None:
    with pytest.raises(OptimiseError, match="objective: expected one of diplomas, entrants"):
        Problem(demo_cands, "pupils", Limits())
    with pytest.raises(OptimiseError, match="needs the coverage pairs"):
        Problem(demo_cands, "coverage", Limits())
    with pytest.raises(OptimiseError, match="budget: expected a non-negative amount"):
        solve(Problem(demo_cands, "diplomas", Limits()), -1.0)
