"""Re-solving under the planner's parameter draws, against brute force per draw."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from kansrijk.optimise import CandidateSet, Limits, OptimiseError, Problem, build_coverage
from kansrijk.optimise.robustness import robustness
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse


def test_counts_match_brute_force_per_draw(demo_cands: CandidateSet) -> None:
    sub = demo_cands.subset([c.key for c in demo_cands.candidates[:8]])
    assert set(sub.draws) == {c.key for c in sub.candidates}
    assert all(len(v) == 500 for v in sub.draws.values())
    budget, n = 700_000.0, 15
    got = robustness(Problem(sub, "entrants", Limits(per_board=2)), budget, draws=n)
    items = sub.candidates
    expect: Counter[str] = Counter()
    for d in range(n):
        best, best_set = 0.0, ()
        for r in range(len(items) + 1):
            for combo in itertools.combinations(items, r):
                if sum(c.eac for c in combo) > budget:
                    continue
                if max(Counter(c.board for c in combo).values(), default=0) > 2:
                    continue
                if max(Counter(c.location for c in combo).values(), default=0) > 1:
                    continue
                v = sum(float(sub.draws[c.key][d]) for c in combo)
                if v > best + 1e-9:
                    best, best_set = v, tuple(c.key for c in combo)
        expect.update(best_set)
    assert got.draws == n
    assert got.counts == dict(expect)
    assert max(got.counts.values()) <= n


def test_robustness_refuses_coverage_and_too_many_draws(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    cov = build_coverage(demo_wh, demo_catalog, demo_cands)
    with pytest.raises(OptimiseError, match="only for the objectives diplomas and entrants"):
        robustness(Problem(demo_cands, "coverage", Limits(), cov), 1e6)
    with pytest.raises(OptimiseError, match="expected 1 to 500 draws; found 501"):
        robustness(Problem(demo_cands, "diplomas", Limits()), 1e6, draws=501)
