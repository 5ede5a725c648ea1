"""The uptake model on the real DUO exam history: back-test coverage, presets, sharing.

Skipped when ../shared/data is absent. Coverage must stay within 80-97% (the issue's
bound for a test that can fail); the figures are in docs/model.md.
"""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.costs import CostParameters, one_off_costs
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Scenario, ScenarioResult, compare, national_data, run
from kansrijk.scenarios.exam_history import exam_history
from kansrijk.scenarios.uptake import location_density, uptake_model
from kansrijk.scenarios.uptake_backtest import cross_section_backtest, temporal_backtest
from kansrijk.vocab import Profile
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata


@pytest.fixture
def catalog(real_wh: Warehouse) -> RegionCatalog:
    return region_catalog(real_wh, packaged_regions())


def _by_model(scores: list) -> dict:  # type: ignore[type-arg]
    return {s.model: s for s in scores}


def test_backtests_can_fail_and_the_uptake_model_is_calibrated(real_wh: Warehouse) -> None:
    hist = exam_history(real_wh)
    assert hist.years[0] == 2014 and hist.years[-1] >= 2023
    assert len(hist.starts) >= 30
    density = location_density(hist, real_wh)
    nd = national_data(real_wh, 2019)
    temporal, cases = temporal_backtest(hist, density, nd, split_year=2017)
    t = _by_model(temporal)
    assert t["uptake"].n_locations >= 20 and t["uptake"].n_cases >= 100
    assert 0.80 <= t["uptake"].coverage <= 0.97
    assert t["uptake"].mae < t["comparable"].mae
    assert t["mnl"].coverage < 0.5  # parameter-only intervals: the baseline fails
    assert all(c.year >= 2018 for c in cases)
    cross, _ = cross_section_backtest(hist, density, nd, test_years=(2019, 2020, 2021))
    c = _by_model(cross)
    assert c["uptake"].n_cases >= 500
    assert 0.80 <= c["uptake"].coverage <= 0.97


def test_uptake_model_learns_lower_uptake_at_starters(real_wh: Warehouse) -> None:
    model = uptake_model(real_wh)
    assert model is not None
    for sex in ("m", "f"):
        fit = model.fits[sex]
        k = fit.names.index("started")
        assert fit.beta[k] + 2 * fit.se[k] < 0  # starters below long-standing offerers
        assert fit.beta[fit.names.index("stopping")] < 0  # offer follows demand
    boys, girls = model.fits["m"].beta[0], model.fits["f"].beta[0]
    assert boys - girls > 1.5


def _preset(wh: Warehouse, catalog: RegionCatalog, name: str) -> ScenarioResult:
    return run(Scenario.preset(name), wh, catalog, draws=200)


@pytest.mark.parametrize("name", ["rotterdam-zuid-techniek", "mrdh-pie"])
def test_presets_report_entrants_and_diplomas_with_ranges(
    real_wh: Warehouse, catalog: RegionCatalog, name: str
) -> None:
    r = _preset(real_wh, catalog, name)
    up = r.extra["uptake"]
    for field in ("extra_entrants_per_year", "extra_diplomas_per_year"):
        lo, hi = up[f"{field}_interval"]
        assert 0 < lo < up[field] < hi
    assert up["extra_diplomas_per_year"] < up["extra_entrants_per_year"]
    assert 0.9 < up["pass_rate"] < 1.0
    technical = [a for a in r.additions if a.profile in {"BWI", "PIE", "MT", "MAT", "MVI"}]
    assert technical
    for a in technical:
        assert a.p_viable is not None and 0.0 <= a.p_viable <= 1.0
        assert a.uptake_interval is not None
        assert a.uptake_interval.low <= a.uptake_per_leerjaar <= a.uptake_interval.high
    costs = r.extra["costs"]
    assert costs["eac_per_extra_entrant_uptake"] > 0
    assert "per extra technical mbo entrant per year" in costs["convention"]


def test_green_schools_get_the_comparable_schools_estimate_and_a_flag(
    real_wh: Warehouse, catalog: RegionCatalog
) -> None:
    r = _preset(real_wh, catalog, "mrdh-pie")
    model = uptake_model(real_wh)
    assert model is not None
    green = [a for a in r.additions if "green" in a.flags]
    assert len(green) >= 5
    for a in green:
        assert "comparable_schools" in a.flags and a.uptake_model == "comparable_schools"
        assert a.uptake_interval is not None
        # the MNL's prediction is above the comparable-schools range, and says so
        if a.per_leerjaar > a.uptake_interval.high:
            assert "mnl_above_range" in a.flags
    assert sum("mnl_above_range" in a.flags for a in green) >= 5


def test_sharing_variant_runs_and_compares_side_by_side(
    real_wh: Warehouse, catalog: RegionCatalog
) -> None:
    own = _preset(real_wh, catalog, "rotterdam-zuid-techniek")
    shared = _preset(real_wh, catalog, "rotterdam-zuid-delen")
    pie = one_off_costs(Profile.PIE, CostParameters.default()).total
    hosts = {a.location[:4] for a in shared.additions}
    assert len(shared.additions) == len(hosts) < len(own.additions)
    assert shared.summary.one_off_cost == pytest.approx(len(hosts) * pie)
    assert shared.summary.one_off_cost < own.summary.one_off_cost
    rows = compare([own, shared]).summary_rows()
    labels = [row["metric"] for row in rows]
    assert "equivalent annual cost" in labels
    assert "uptake model: extra technical mbo entrants per year" in labels
    assert np.isfinite(shared.extra["costs"]["equivalent_annual_cost"])
