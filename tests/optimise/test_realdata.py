"""The optimiser and the access check on the real DUO/CBS files (skipped without them)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kansrijk.optimise import Limits, Problem, build_candidates, frontier, solve
from kansrijk.optimise.access_check import Change, access_change, access_table
from kansrijk.optimise.check import check_with_planner
from kansrijk.regions import packaged_regions
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata
#: Zuiderpark College (Rotterdam Zuid, PC4 3083) offers MT in 2019.
ZUID_LOCATION = "17YF00"


def test_mrdh_three_budgets_optimal_and_planner_agrees(real_wh: Warehouse) -> None:
    catalog = region_catalog(real_wh, packaged_regions())
    cands = build_candidates(real_wh, catalog, "MRDH")
    assert len(cands) > 200 and all(c.model == "uptake" for c in cands.candidates)
    problem = Problem(cands, "diplomas", Limits(per_board=3, min_p_viable=0.5))
    for budget in (1e6, 3e6, 8e6):
        sol = solve(problem, budget)
        assert sol.status == "optimal" and sol.gap == 0.0
        assert sol.optimal.objective >= sol.greedy.objective - 1e-9
        assert all(by.p_viable >= 0.5 for by in cands.subset(sol.optimal.chosen).candidates)
        check = check_with_planner(cands, sol.optimal.chosen, real_wh, catalog)
        assert check.planner_entrants_mnl == pytest.approx(check.optimiser_entrants_mnl)
        # common random numbers: the same totals, not just close
        assert check.planner_entrants == pytest.approx(check.optimiser_entrants, rel=1e-12)
        assert check.planner_diplomas == pytest.approx(check.optimiser_diplomas, rel=1e-12)
        assert check.planner_eac == pytest.approx(check.optimiser_eac)
    values = [s.optimal.objective for s in frontier(problem, points=6)]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(values))


def _plain(wh: Warehouse, year: int, profile: str) -> tuple[list, list]:  # type: ignore[type-arg]
    pcs = wh.query(
        """
        SELECT p.area_code, c.x_rd, c.y_rd, p.count FROM population p
        JOIN (SELECT pc4, arg_max(x_rd, year) x_rd, arg_max(y_rd, year) y_rd FROM pc4_centroid
              GROUP BY pc4) c ON c.pc4 = p.area_code
        WHERE p.area_level = 'pc4' AND p.age_band = '10-14' AND p.sex = 'all' AND p.count > 0
          AND p.year = (SELECT max(year) FROM population WHERE area_level = 'pc4'
                        AND age_band = '10-14')
        """
    )
    offer = wh.query(
        """
        SELECT DISTINCT e.loc_code, c.x_rd, c.y_rd FROM vo_enrollment e
        JOIN location_place l ON l.loc_code = e.loc_code AND l.year = e.year
        JOIN (SELECT pc4, arg_max(x_rd, year) x_rd, arg_max(y_rd, year) y_rd FROM pc4_centroid
              GROUP BY pc4) c ON c.pc4 = l.pc4
        WHERE e.year = ? AND e.grade IN (3, 4) AND e.profile = ?
          AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl') AND (e.count > 0 OR e.masked)
        """,
        [year, profile],
    )
    return pcs, offer


def test_rotterdam_zuid_closure_within_5_km(real_wh: Warehouse) -> None:
    catalog = region_catalog(real_wh, packaged_regions())
    year = 2019
    check = access_change(
        real_wh, Change("stop", ZUID_LOCATION, "MT"), year=year, km=5.0, catalog=catalog
    )
    pcs, offer = _plain(real_wh, year, "MT")
    assert ZUID_LOCATION in {o[0] for o in offer}
    pts = np.array([(x, y) for _c, x, y in offer])
    rest = np.array([(x, y) for c, x, y in offer if c != ZUID_LOCATION])
    expect = {}
    for pc, x, y, n in pcs:
        d0 = np.hypot(pts[:, 0] - x, pts[:, 1] - y).min() / 1000
        d1 = np.hypot(rest[:, 0] - x, rest[:, 1] - y).min() / 1000
        if d0 <= 5.0 < d1:
            expect[str(pc)] = float(n)
    assert expect, "stopping MT at the Zuiderpark College loses access somewhere"
    assert {a.pc4: a.children for a in check.areas} == expect
    assert {a.change for a in check.areas} == {"lose"}
    assert any(g["gemeente"] == "Rotterdam" for g in check.by_gemeente())


def test_mrdh_access_table_matches_plain_computation(real_wh: Warehouse) -> None:
    catalog = region_catalog(real_wh, packaged_regions())
    region = catalog.get("MRDH")
    rows = {r.profile: r for r in access_table(real_wh, region, year=2019)}
    members = set(region.gemeenten)
    gm = dict(real_wh.query("SELECT pc4, arg_max(gemeente_code, year) FROM pc4_area GROUP BY pc4"))
    radius = 60 / 60 * 15 / 1.3
    for profile in ("BWI", "PIE", "MT", "MAT"):
        pcs, offer = _plain(real_wh, 2019, profile)
        pts = np.array([(x, y) for _c, x, y in offer])
        mine = [(x, y, n) for pc, x, y, n in pcs if gm.get(pc) in members]
        within = sum(
            float(n)
            for x, y, n in mine
            if np.hypot(pts[:, 0] - x, pts[:, 1] - y).min() / 1000 <= radius
        )
        assert rows[profile].within == pytest.approx(within)
        assert rows[profile].children == pytest.approx(sum(float(n) for _x, _y, n in mine))
