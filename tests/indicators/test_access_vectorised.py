"""``access.distance_rows`` (column-wise, one PC4 table per population year) gives the same
values as the per-PC4 x region computation it replaced, on the demo and the real files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kansrijk.demo import load_demo, regions_for
from kansrijk.geo import nearest_distance_km, weighted_median
from kansrijk.indicators import access
from kansrijk.regions import Region
from kansrijk.vocab import PROFILE_SETS, ProfileSet
from kansrijk.warehouse import Warehouse, region_catalog

TECH = [p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK_ICT]]


def _old_rows(
    wh: Warehouse, regions: Sequence[Region], years: Sequence[int], pset: Sequence[str]
) -> dict[tuple[str, int, str], tuple[float, float]]:
    """The computation before vectorising: ``Region.contains`` for every PC4 x region pair."""
    out: dict[tuple[str, int, str], tuple[float, float]] = {}
    for year in years:
        _, pcs = access.young_residents(wh, year)
        points = access.offer_points(wh, year, pset)
        if not pcs or not len(points):
            continue
        xy = np.array([[p.x, p.y] for p in pcs], dtype=float)
        w = np.array([p.residents for p in pcs], dtype=float)
        dist, _ = nearest_distance_km(xy, points)
        for region in regions:
            mask = np.array([region.contains(p.gemeente_code, p.pc4) for p in pcs])
            if not mask.any() or not np.isfinite(dist[mask]).all():
                continue
            d, ww = dist[mask], w[mask]
            total = float(ww.sum())
            out[(region.code, year, "mean_km")] = (float((d * ww).sum() / total), total)
            out[(region.code, year, "median_km")] = (weighted_median(d, ww), total)
            share = float(100.0 * ww[d > access.FAR_KM].sum() / total)
            out[(region.code, year, "share_over_5km")] = (share, total)
    return out


def _new_rows(
    wh: Warehouse, regions: Sequence[Region], years: Sequence[int], pset: Sequence[str]
) -> dict[tuple[str, int, str], tuple[float, float]]:
    return {
        (code, year, key["statistic"]): (value, n)
        for code, year, key, value, n, _ in access.distance_rows(wh, regions, years, pset)
    }


def _assert_same(
    old: dict[tuple[str, int, str], tuple[float, float]],
    new: dict[tuple[str, int, str], tuple[float, float]],
) -> None:
    assert old, "the reference found no values: the comparison would prove nothing"
    assert set(new) == set(old)
    for key, (value, n) in old.items():
        assert new[key][0] == pytest.approx(value, abs=1e-9, rel=0), key
        assert new[key][1] == pytest.approx(n, abs=1e-9, rel=0), key


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


def test_demo_values_equal_the_per_pc4_computation(demo_path: Path) -> None:
    with Warehouse(demo_path, read_only=True) as wh:
        regions = region_catalog(wh, regions_for(wh)).list()
        assert any(r.by_postcode for r in regions)
        years = [int(r[0]) for r in wh.query("SELECT DISTINCT year FROM vo_enrollment")]
        _assert_same(_old_rows(wh, regions, years, TECH), _new_rows(wh, regions, years, TECH))


def test_pc4_table_is_built_once_and_rebuilt_when_the_population_changes(
    demo_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "copy.duckdb"
    path.write_bytes(demo_path.read_bytes())
    with Warehouse(path) as wh:
        year = int(wh.query("SELECT max(year) FROM vo_enrollment")[0][0])
        first = access.pc4_table(wh, year)
        assert first is not None and first.items
        assert access.pc4_table(wh, year) is first
        pc4 = first.items[0].pc4
        wh.query(
            "UPDATE population SET count = count + 7 WHERE area_level = 'pc4' "
            "AND area_code = ? AND age_band = ? AND sex = 'all' AND year = ?",
            [pc4, access.YOUNG_BAND, first.pop_year],
        )
        again = access.pc4_table(wh, year)
        assert again is not None and again is not first
        assert again.items[0].residents == first.items[0].residents + 7


@pytest.mark.realdata
def test_real_values_equal_the_per_pc4_computation(real_wh: Warehouse) -> None:
    catalog = region_catalog(real_wh, regions_for(real_wh))
    regions = [catalog.get(code) for code in ("NL00", "MRDH", "GM0599")]
    years = [int(r[0]) for r in real_wh.query("SELECT DISTINCT year FROM vo_enrollment")]
    _assert_same(_old_rows(real_wh, regions, years, TECH), _new_rows(real_wh, regions, years, TECH))
