"""The access check and the regional access table against a plain computation over the
PC4 rows (SQL + numpy written out here)."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.optimise import OptimiseError
from kansrijk.optimise.access_check import (
    Change,
    access_change,
    access_table,
    km_to_minutes,
    minutes_to_km,
)
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse

YEAR = 2024


def plain_rows(
    wh: Warehouse,
) -> tuple[list[tuple[str, str, float, float, float]], dict[str, list[tuple[str, float, float]]]]:
    """(pc4, gemeente, x, y, children) and profile -> [(loc, x, y)], straight from SQL."""
    pcs = [
        (str(a), str(g), float(x), float(y), float(n))
        for a, g, x, y, n in wh.query(
            """
            SELECT p.area_code, a.gemeente_code, c.x_rd, c.y_rd, p.count FROM population p
            JOIN pc4_centroid c ON c.pc4 = p.area_code
            JOIN pc4_area a ON a.pc4 = p.area_code
            WHERE p.area_level = 'pc4' AND p.age_band = '10-14' AND p.sex = 'all'
              AND p.count > 0
              AND p.year = (SELECT max(year) FROM population WHERE area_level = 'pc4')
            """
        )
    ]
    offer: dict[str, list[tuple[str, float, float]]] = {}
    for loc, prof, x, y in wh.query(
        """
        SELECT DISTINCT e.loc_code, e.profile, c.x_rd, c.y_rd FROM vo_enrollment e
        JOIN location_place l ON l.loc_code = e.loc_code AND l.year = e.year
        JOIN pc4_centroid c ON c.pc4 = l.pc4
        WHERE e.year = ? AND e.grade IN (3, 4) AND e.profile IN ('BWI', 'PIE', 'MT', 'MAT')
          AND e.track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl') AND (e.count > 0 OR e.masked)
        """,
        [YEAR],
    ):
        offer.setdefault(str(prof), []).append((str(loc), float(x), float(y)))
    return pcs, offer


def test_minutes_and_km() -> None:
    assert minutes_to_km(60) == pytest.approx(15 / 1.3)
    assert km_to_minutes(15 / 1.3) == pytest.approx(60)


def test_regional_table_matches_a_plain_computation(
    demo_wh: Warehouse, demo_catalog: RegionCatalog
) -> None:
    pcs, offer = plain_rows(demo_wh)
    region = demo_catalog.get("DEMO")
    members = set(region.gemeenten)
    mine = [p for p in pcs if p[1] in members]
    assert mine
    for minutes in (10.0, 20.0, 60.0):
        rows = {r.profile: r for r in access_table(demo_wh, region, year=YEAR, minutes=minutes)}
        radius_m = minutes / 60 * 15 / 1.3 * 1000
        for prof, locs in offer.items():
            within = 0.0
            for _pc, _g, x, y, n in mine:
                if min(np.hypot(x - lx, y - ly) for _l, lx, ly in locs) <= radius_m:
                    within += n
            assert rows[prof].within == pytest.approx(within), (prof, minutes)
            assert rows[prof].children == pytest.approx(sum(p[4] for p in mine))


def test_stopping_a_profile_lists_the_areas_that_lose_it(demo_wh: Warehouse) -> None:
    pcs, offer = plain_rows(demo_wh)
    km = 3.0
    prof = "PIE"
    target = offer[prof][0][0]
    check = access_change(demo_wh, Change("stop", target, prof), year=YEAR, km=km)
    rest = [(x, y) for loc, x, y in offer[prof] if loc != target]
    expect = {}
    for pc, _g, x, y, n in pcs:
        d0 = min(np.hypot(x - lx, y - ly) for _l, lx, ly in offer[prof]) / 1000
        d1 = min((np.hypot(x - lx, y - ly) for lx, ly in rest), default=np.inf) / 1000
        if d0 <= km < d1:
            expect[pc] = n
    assert {a.pc4: a.children for a in check.areas} == expect
    assert all(a.change == "lose" and a.km_after > km for a in check.areas)  # type: ignore[operator]
    assert check.totals()["children_lose"] == pytest.approx(sum(expect.values()))
    assert sum(g["children"] for g in check.by_gemeente()) == pytest.approx(sum(expect.values()))


def test_adding_lists_the_areas_that_gain(demo_wh: Warehouse) -> None:
    pcs, offer = plain_rows(demo_wh)
    has_mat = {loc for loc, _x, _y in offer["MAT"]}
    loc, x0, y0 = next(o for o in offer["PIE"] if o[0] not in has_mat)
    km = 4.0
    check = access_change(demo_wh, Change("add", loc, "MAT"), year=YEAR, km=km)
    expect = {}
    for pc, _g, x, y, n in pcs:
        d0 = min(np.hypot(x - lx, y - ly) for _l, lx, ly in offer["MAT"]) / 1000
        if np.hypot(x - x0, y - y0) / 1000 <= km < d0:
            expect[pc] = n
    assert expect
    assert {a.pc4: a.children for a in check.areas} == expect
    assert all(a.change == "gain" for a in check.areas)


def test_closing_and_errors(demo_wh: Warehouse) -> None:
    _, offer = plain_rows(demo_wh)
    loc = offer["PIE"][0][0]
    closed = access_change(demo_wh, Change("close", loc), year=YEAR, km=3.0)
    stopped = access_change(demo_wh, Change("stop", loc, "PIE"), year=YEAR, km=3.0)
    pie = [a for a in closed.areas if a.profile == "PIE"]
    assert [a.pc4 for a in pie] == [a.pc4 for a in stopped.areas]
    has_mat = {m for m, _a, _b in offer.get("MAT", [])}
    other = next(lc for lc, _x, _y in offer["PIE"] if lc not in has_mat)
    with pytest.raises(OptimiseError, match=r"does not offer MAT .*nothing to stop"):
        access_change(demo_wh, Change("stop", other, "MAT"), year=YEAR)
    with pytest.raises(OptimiseError, match="expected stop, close or add"):
        Change("open", loc, "PIE")  # type: ignore[arg-type]
