"""Candidates of the demo region, the exclusion list, and the chosen set run by the planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.optimise import (
    CandidateSet,
    Limits,
    OptimiseError,
    Problem,
    build_candidates,
    parse_exclusions,
    read_exclusions,
    solve,
)
from kansrijk.optimise.check import check_with_planner
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios.national import PROFILES
from kansrijk.warehouse import Warehouse

EXCLUSIONS = """\
exclusions:
  - location: zz0200
    profile: pie
    reason: no RPO approval
  - location: ZZ0500
"""


def test_candidates_are_every_missing_technical_profile(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    offered = {
        (str(loc), str(p))
        for loc, p in demo_wh.query(
            "SELECT DISTINCT loc_code, profile FROM vo_enrollment WHERE year = 2024 "
            "AND grade IN (3, 4) AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') "
            "AND profile IN ('BWI', 'PIE', 'MT', 'MAT') AND (count > 0 OR masked)"
        )
    }
    keys = {(c.location, c.profile) for c in demo_cands.candidates}
    assert not keys & offered
    assert len(keys) == len(demo_cands) == 76
    assert all(c.eac > 0 and c.model == "uptake" for c in demo_cands.candidates)
    assert all(0 <= c.p_viable <= 1 for c in demo_cands.candidates)
    assert demo_cands.year == 2024
    assert "PIE" in PROFILES


def test_exclusions_remove_candidates(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    excl = parse_exclusions(EXCLUSIONS, source="x.yaml")
    assert [(e.location, e.profile) for e in excl] == [("ZZ0200", "PIE"), ("ZZ0500", None)]
    cands = build_candidates(demo_wh, demo_catalog, "DEMO", exclusions=excl)
    keys = {c.key for c in cands.candidates}
    assert "ZZ0200:PIE" not in keys and "ZZ0200:MT" in keys
    assert not any(c.location == "ZZ0500" for c in cands.candidates)
    assert ("ZZ0200", "PIE", "no RPO approval") in cands.excluded
    at_500 = sum(c.location == "ZZ0500" for c in demo_cands.candidates)
    assert at_500 == 4
    assert len(cands) == 76 - 1 - at_500


def test_exclusion_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "rpo.yaml"
    bad.write_text("exclusions:\n  - location: ZZ0100\n  - location: ZZ0200\n    profile: ZORG\n")
    with pytest.raises(OptimiseError, match=r"rpo.yaml, line 3: exclusions\[1\].profile: expected"):
        read_exclusions(bad)
    with pytest.raises(OptimiseError, match="line 2: exclusions\\[0\\]: unknown field"):
        parse_exclusions("exclusions:\n  - location: A\n    licence: x\n", source="e.yaml")
    with pytest.raises(OptimiseError, match="exclusion file not found"):
        read_exclusions(tmp_path / "missing.yaml")


def test_chosen_set_runs_with_the_planner_giving_the_same_totals(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    sol = solve(Problem(demo_cands, "diplomas", Limits(per_board=3, min_p_viable=0.5)), 2e6)
    assert len(sol.optimal.chosen) >= 5
    check = check_with_planner(demo_cands, sol.optimal.chosen, demo_wh, demo_catalog)
    assert check.additions == len(sol.optimal.chosen)
    # fixed school populations: additions at different locations add up exactly (MNL)
    assert check.planner_entrants_mnl == pytest.approx(check.optimiser_entrants_mnl, rel=1e-9)
    assert check.optimiser_entrants_mnl > 0
    # common random numbers: the uptake model's totals are the same, not just close
    assert check.model == "uptake"
    assert check.planner_entrants == pytest.approx(sol.optimal.entrants, rel=1e-12)
    assert check.planner_diplomas == pytest.approx(sol.optimal.diplomas, rel=1e-12)
    assert check.planner_eac == pytest.approx(sol.optimal.eac, rel=1e-9)
    scenario = demo_cands.scenario(sol.optimal.chosen)
    assert [f"{iv.location}:{iv.profile}" for iv in scenario.interventions] == list(  # type: ignore[union-attr]
        sol.optimal.chosen
    )


def test_switching_is_refused(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> None:
    from kansrijk.scenarios import Parameters

    with pytest.raises(OptimiseError, match="fixed school populations"):
        build_candidates(demo_wh, demo_catalog, "DEMO", parameters=Parameters(switch_rate=0.2))


def test_an_addition_gets_the_same_draws_in_every_run(
    demo_wh: Warehouse, demo_catalog: RegionCatalog, demo_cands: CandidateSet
) -> None:
    """Common random numbers: alone, in a set or among all candidates, the same draws."""
    from kansrijk.scenarios import run

    pie = [c for c in demo_cands.candidates if c.profile == "PIE"]
    one, others = pie[3], [pie[0], pie[5]]
    for keys in ([one.key], [others[0].key, one.key, others[1].key]):
        res = run(demo_cands.scenario(keys), demo_wh, demo_catalog)
        order, entrants = res.extra["uptake_entrant_draws"]
        got = entrants[:, order.index((one.location, one.profile))]
        assert (got == demo_cands.draws[one.key]).all()
        row = next(a for a in res.additions if a.location == one.location)
        assert row.extra_entrants_per_year == one.entrants
        assert row.p_viable == one.p_viable
        # the run's total is the sum of its additions' candidate values, exactly as summed
        total = sum(c.entrants for c in demo_cands.candidates if c.key in keys)
        assert res.extra["uptake"]["extra_entrants_per_year"] == pytest.approx(total, rel=1e-12)
