"""Sharing a workshop as a decision: the MILP against brute force, and the planner's totals."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from kansrijk.optimise import CandidateSet, Limits, OptimiseError, Problem, solve
from kansrijk.optimise.check import check_with_planner
from kansrijk.optimise.sharing import Sharing, build_sharing
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse


@pytest.fixture
def sharing(demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet) -> Sharing:
    return build_sharing(demo_wh, demo_catalog, demo_cands, km=3.0)


def small(cands: CandidateSet, sharing: Sharing) -> tuple[CandidateSet, Sharing]:
    """Candidates and share options of BWI and MAT around guests with options: 12 binaries."""
    opts = [o for o in sharing.options if o.profile in ("BWI", "MAT")][:6]
    keys = list(dict.fromkeys([k for o in opts for k in (o.host_key, o.guest_key)]))
    sub = cands.subset(keys)
    kept = sharing.subset([o.key for o in opts if o.host_key in {c.key for c in sub.candidates}])
    return sub, kept


def brute_force(
    cands: CandidateSet, sharing: Sharing, budget: float, limits: Limits
) -> tuple[float, set[str]]:
    """Every subset of additions and shares, checked against the rules written out here."""
    items, opts = cands.candidates, sharing.options
    best, best_set = 0.0, set()
    for r in range(len(items) + 1):
        for combo in itertools.combinations(items, r):
            keys = {c.key for c in combo}
            if any(c.p_viable < limits.min_p_viable for c in combo):
                continue
            boards = Counter(c.board for c in combo)
            locs = Counter(c.location for c in combo)
            if limits.per_board and boards and max(boards.values()) > limits.per_board:
                continue
            if limits.per_location and locs and max(locs.values()) > limits.per_location:
                continue
            # shares whose host is added and whose guest does not add the profile itself
            usable = [
                o
                for o in opts
                if f"{o.host}:{o.profile}" in keys and f"{o.guest}:{o.profile}" not in keys
            ]
            for s in range(len(usable) + 1):
                for shared in itertools.combinations(usable, s):
                    guests = [(o.guest, o.profile) for o in shared]
                    if len(guests) != len(set(guests)):
                        continue
                    # a guest's share counts as an addition at its location
                    at = locs + Counter(o.guest for o in shared)
                    if limits.per_location and at and max(at.values()) > limits.per_location:
                        continue
                    cost = sum(c.eac for c in combo) + sum(o.eac for o in shared)
                    if cost > budget:
                        continue
                    value = sum(c.diplomas for c in combo) + sum(o.diplomas for o in shared)
                    if value > best + 1e-9:
                        best, best_set = value, keys | {o.key for o in shared}
    return best, best_set


def test_share_options_are_within_km_and_valued_by_the_planner(
    demo_cands: CandidateSet, sharing: Sharing
) -> None:
    assert len(sharing) >= 8 and sharing.runs >= 2
    hosts = {c.key for c in demo_cands.candidates}
    for o in sharing.options:
        assert o.host_key in hosts and o.host != o.guest
        assert 0.0 <= o.km <= 3.0
        assert o.travel_penalty == pytest.approx(1.0 + 0.1 * o.km)
        assert o.guest_pupils > 0 and o.entrants_mnl > 0
    assert any(o.entrants > 0 for o in sharing.options)


def test_sharing_milp_equals_brute_force(demo_cands: CandidateSet, sharing: Sharing) -> None:
    sub, opts = small(demo_cands, sharing)
    assert len(opts) >= 3 and len(sub) + len(opts) <= 14
    limits = Limits(per_board=2, min_p_viable=0.0)
    for budget in (0.0, min(c.eac for c in sub.candidates) * 1.05, 900_000.0, 2_000_000.0):
        best, best_set = brute_force(sub, opts, budget, limits)
        sol = solve(Problem(sub, "diplomas", limits, sharing=opts), budget)
        assert sol.status == "optimal" and sol.gap == pytest.approx(0.0, abs=1e-9)
        assert sol.optimal.objective == pytest.approx(best, abs=1e-6)
        assert sol.optimal.eac <= budget + 1e-6
        assert sol.greedy.objective <= sol.optimal.objective + 1e-9
        if best_set:
            assert set(sol.optimal.chosen) | set(sol.optimal.shares) == best_set or (
                sol.optimal.objective == pytest.approx(best)
            )


def test_sharing_adds_value_and_a_guest_has_one_host(
    demo_cands: CandidateSet, sharing: Sharing
) -> None:
    limits = Limits(per_board=3, min_p_viable=0.5)
    alone = solve(Problem(demo_cands, "diplomas", limits), 1.5e6)
    shared = solve(Problem(demo_cands, "diplomas", limits, sharing=sharing), 1.5e6)
    assert shared.optimal.shares and shared.optimal.objective > alone.optimal.objective
    by = {o.key: o for o in sharing.options}
    guests = [(by[k].guest, by[k].profile) for k in shared.optimal.shares]
    assert len(guests) == len(set(guests))
    assert all(by[k].host_key in shared.optimal.chosen for k in shared.optimal.shares)
    assert not {f"{g}:{p}" for g, p in guests} & set(shared.optimal.chosen)


def test_chosen_set_with_shares_runs_with_the_planner_giving_the_same_totals(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet, sharing: Sharing
) -> None:
    sol = solve(Problem(demo_cands, "diplomas", Limits(per_board=3), sharing=sharing), 2e6)
    assert sol.optimal.shares
    chosen_shares = sharing.subset(sol.optimal.shares).options
    check = check_with_planner(demo_cands, sol.optimal.chosen, demo_wh, demo_catalog, chosen_shares)
    assert check.model == "uptake"
    assert check.planner_entrants == pytest.approx(sol.optimal.entrants, rel=1e-12)
    assert check.planner_diplomas == pytest.approx(sol.optimal.diplomas, rel=1e-12)
    assert check.planner_eac == pytest.approx(sol.optimal.eac, rel=1e-12)
    assert check.planner_entrants_mnl == pytest.approx(check.optimiser_entrants_mnl, rel=1e-12)


def test_a_share_needs_its_host_and_bad_rules_are_refused(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet, sharing: Sharing
) -> None:
    o = sharing.options[0]
    with pytest.raises(OptimiseError, match="a share needs its host's addition"):
        check_with_planner(demo_cands, [], demo_wh, demo_catalog, [o])
    with pytest.raises(OptimiseError, match=r"share km: expected a distance in \(0, 50\] km"):
        build_sharing(demo_wh, demo_catalog, demo_cands, km=0.0)
