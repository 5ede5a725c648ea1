"""Benchmarks of the optimiser on the real data (performance budget: MRDH < 10 s per
budget, status optimal with gap 0, at least as good as greedy; the frontier monotone).

Run: ``.venv/bin/pytest benchmarks/test_optimise.py --benchmark-enable --benchmark-only``
(``-s`` prints the figures). Building the candidates (the planner run once per profile)
is timed on its own; the solve times the MILP and the greedy answer beside it. Skipped
when ../shared/data is absent.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import real_files
from kansrijk.optimise import (
    CandidateSet,
    Limits,
    Problem,
    Solution,
    build_candidates,
    build_coverage,
    frontier,
    solve,
)
from kansrijk.optimise.sharing import Sharing, build_sharing
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.warehouse import Warehouse, ingest, region_catalog

Setup = tuple[Warehouse, RegionCatalog, CandidateSet]
BUDGETS = (1_000_000.0, 3_000_000.0, 8_000_000.0)
LIMITS = Limits(per_board=3, per_location=1, min_p_viable=0.5)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    files = real_files()
    path = tmp_path_factory.mktemp("bench-opt") / "real.duckdb"
    with Warehouse(path) as wh:
        ingest(wh, files)
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions())
        yield wh, catalog, build_candidates(wh, catalog, "MRDH")


@pytest.mark.realdata
def test_mrdh_candidates(benchmark: BenchmarkFixture, setup: Setup) -> None:
    wh, catalog, _ = setup
    cands: CandidateSet = benchmark(build_candidates, wh, catalog, "MRDH")
    assert len(cands) > 100
    assert all(c.model == "uptake" for c in cands.candidates)


@pytest.mark.realdata
@pytest.mark.parametrize("budget", BUDGETS)
@pytest.mark.parametrize("objective", ["diplomas", "mix"])
def test_mrdh_solve(
    benchmark: BenchmarkFixture, setup: Setup, budget: float, objective: str
) -> None:
    wh, catalog, cands = setup
    cov = build_coverage(wh, catalog, cands) if objective == "mix" else None
    problem = Problem(cands, objective, LIMITS, cov)
    sol: Solution = benchmark(solve, problem, budget)
    assert sol.seconds < 10.0
    assert sol.status == "optimal"
    assert sol.gap == 0.0
    assert sol.optimal.objective >= sol.greedy.objective - 1e-9
    assert sol.optimal.eac <= budget
    print(
        f"\nMRDH {objective} budget {budget:,.0f}: {len(cands)} candidates, "
        f"{len(sol.optimal.chosen)} chosen, objective {sol.optimal.objective:.3f}, greedy "
        f"{sol.greedy.objective:.3f} (difference {sol.greedy_difference:.3f}), "
        f"{sol.seconds:.3f} s, gap {sol.gap}"
    )


@pytest.mark.realdata
def test_mrdh_frontier_is_monotone(setup: Setup) -> None:
    _, _, cands = setup
    sols = frontier(Problem(cands, "diplomas", LIMITS), points=11)
    values = [s.optimal.objective for s in sols]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(values))
    assert all(s.status == "optimal" for s in sols)


@pytest.mark.realdata
@pytest.mark.parametrize("budget", BUDGETS)
def test_mrdh_solve_with_sharing(benchmark: BenchmarkFixture, setup: Setup, budget: float) -> None:
    """Sharing as a decision (guests within 3 km): more variables, the same guarantees."""
    wh, catalog, cands = setup
    sharing = _sharing(wh, catalog, cands)
    problem = Problem(cands, "diplomas", LIMITS, sharing=sharing)
    sol: Solution = benchmark(solve, problem, budget)
    assert sol.seconds < 10.0
    assert sol.status == "optimal"
    assert sol.gap == 0.0
    assert sol.optimal.objective >= sol.greedy.objective - 1e-9
    assert (
        sol.optimal.objective >= solve(Problem(cands, "diplomas", LIMITS), budget).optimal.objective
    )
    print(
        f"\nMRDH sharing budget {budget:,.0f}: {len(sharing)} share options, "
        f"{len(sol.optimal.chosen)} additions + {len(sol.optimal.shares)} shares, objective "
        f"{sol.optimal.objective:.3f}, greedy {sol.greedy.objective:.3f}, {sol.seconds:.3f} s"
    )


_SHARING: dict[int, Sharing] = {}


def _sharing(wh: Warehouse, catalog: RegionCatalog, cands: CandidateSet) -> Sharing:
    if id(cands) not in _SHARING:
        _SHARING[id(cands)] = build_sharing(wh, catalog, cands, km=3.0)
    return _SHARING[id(cands)]
