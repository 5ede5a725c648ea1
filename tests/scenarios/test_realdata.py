"""Acceptance on the real data (DUO 2019, CBS, PDOK): model validation, PIE addition,
both presets. Skipped when ../shared/data is absent."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.model import leave_one_out
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import (
    DEFAULT_COVARIATES,
    PROFILES,
    AddProfile,
    Baseline,
    Scenario,
    ScenarioResult,
    State,
    national_data,
    run,
)
from kansrijk.scenarios.evaluate import Params, central_coefs, row_shares
from kansrijk.scenarios.national import DEFAULT_COVARIATES_FOR
from kansrijk.vocab import PROFILE_SETS, ProfileSet
from kansrijk.warehouse import Warehouse, region_catalog

pytestmark = pytest.mark.realdata
YEAR = 2019
TECHNIEK = frozenset(p.value for p in PROFILE_SETS[ProfileSet.TECHNIEK])


@pytest.fixture
def catalog(real_wh: Warehouse) -> RegionCatalog:
    return region_catalog(real_wh, packaged_regions())


@pytest.mark.parametrize("leerweg", [0, 1, 2], ids=["BB", "KB", "GL"])
def test_model_beats_the_naive_baseline_leave_one_out(real_wh: Warehouse, leerweg: int) -> None:
    nd = national_data(real_wh, YEAR)
    assert nd.model_covariates == DEFAULT_COVARIATES
    data = nd.choice_data(leerweg)
    assert data.n_locations > 300
    loo = leave_one_out(data, {"covariates_for": DEFAULT_COVARIATES_FOR}, profile_set=TECHNIEK)
    assert loo.n_used > 80
    assert loo.mae_model < loo.mae_baseline
    assert loo.mae_model_weighted < loo.mae_baseline_weighted


def test_adding_pie_on_real_data(real_wh: Warehouse, catalog: RegionCatalog) -> None:
    base = Baseline.from_warehouse(real_wh, catalog, "MRDH", YEAR)
    pie = PROFILES.index("PIE")
    candidates = [
        i
        for i in range(base.n_locations)
        if not base.offer[:, i, pie].any() and base.has_leerweg[:, i].sum() >= 2
    ]
    assert len(candidates) > 10
    params = Params(1, central_coefs(base), np.zeros((1, 10)), None, 0.0)
    for row in candidates[:10]:
        code = base.locations[row]
        state = AddProfile(location=code, profile="PIE").apply(State.initial(base))
        lws = np.flatnonzero(base.has_leerweg[:, row])
        new = row_shares(state, params, lws, np.full(lws.size, row))[0]
        old = base.shares[lws, row]
        s_pie = new[:, pie]
        assert (s_pie > 0).all(), code
        np.testing.assert_allclose(new.sum(axis=1), 1.0, atol=1e-12)
        others = np.arange(10) != pie
        np.testing.assert_allclose(
            new[:, others], old[:, others] * (1 - s_pie)[:, None], atol=1e-12
        )


def check_preset(
    result: ScenarioResult, additions: tuple[int, int], per_year: tuple[float, float]
) -> None:
    s = result.summary
    assert additions[0] <= s.additions <= additions[1]
    assert per_year[0] < s.extra_entrants_per_year < per_year[1]
    iv = s.extra_entrants_per_year_interval
    assert iv is not None
    assert 0 < iv.low < iv.high
    assert s.total_cost > 0
    assert s.one_off_cost == pytest.approx(sum(a.one_off_cost for a in result.additions))
    assert s.cost_per_extra_entrant == pytest.approx(s.total_cost / s.extra_entrants_total)
    assert 5_000 < s.cost_per_extra_entrant < 250_000
    assert s.extra_entrants_total == pytest.approx(
        sum(r.extra_entrants for r in result.year_rows())
    )
    assert s.cost_per_extra_entrant_interval is not None
    for row in result.year_rows()[1:]:
        assert row.extra_entrants > 0
        assert row.extra_entrants_interval is not None
    for a in result.additions:
        assert 0 < a.share < 0.8
        assert a.viability
    # no DUO mbo addresses in the development data: the planner says so
    assert any(n.startswith("no mbo locations loaded") for n in result.notes)


def test_rotterdam_zuid_preset(real_wh: Warehouse, catalog: RegionCatalog) -> None:
    result = run(Scenario.preset("rotterdam-zuid-techniek"), real_wh, catalog, draws=300)
    check_preset(result, (3, 15), (10.0, 200.0))
    assert {a.profile for a in result.additions} <= {"BWI", "PIE", "MT"}


def test_mrdh_preset(real_wh: Warehouse, catalog: RegionCatalog) -> None:
    result = run(Scenario.preset("mrdh-pie"), real_wh, catalog, draws=300)
    check_preset(result, (20, 80), (200.0, 2000.0))
    assert {a.profile for a in result.additions} == {"PIE"}
    regions = {r.region for r in result.years}
    assert regions == {"MRDH", "GM0599", "GM0518", "RDAM-ZUID"}
    # the parts add up to no more than the whole
    last = result.horizon[1]
    by = {r.region: r for r in result.years if r.year == last}
    assert by["GM0599"].extra_entrants + by["GM0518"].extra_entrants <= by["MRDH"].extra_entrants
    base = by["MRDH"]
    share = base.techniek_baseline / sum(base.pupils_baseline.values())
    assert 0.10 < share < 0.25  # SEOR 2026: 15.2% techniek in MRDH (2021)
