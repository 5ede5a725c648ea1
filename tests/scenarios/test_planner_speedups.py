"""The planner's faster paths against the plain computations they replace (issue 15)."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import numpy as np
import pytest
import yaml
from tests.scenarios.test_planner_golden import differences

from kansrijk.model import FlowRates
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import Baseline, Scenario, State, run
from kansrijk.scenarios import runner as runner_module
from kansrijk.scenarios.evaluate import central_params, draw_params, state_pupils, state_rates
from kansrijk.scenarios.intervention_base import add_profile, add_profiles
from kansrijk.scenarios.projection import by_region, entrants
from kansrijk.warehouse import Warehouse

REGRESSION = Path(__file__).parent / "regression"


def test_add_profiles_is_add_profile_one_location_after_another(demo_baseline: Baseline) -> None:
    start = State.initial(demo_baseline)
    rows = [int(r) for r in np.flatnonzero(demo_baseline.has_leerweg.any(axis=0))]
    batch = add_profiles(start, rows, "PIE")
    one_by_one = reduce(lambda s, r: add_profile(s, r, "PIE"), rows, start)
    assert (batch.offer == one_by_one.offer).all()
    assert batch.additions == one_by_one.additions
    assert batch.notes == one_by_one.notes
    assert len(batch.additions) >= 3  # locations without PIE got it
    assert any("already offers PIE" in n for n in batch.notes)  # and the others say so


def test_entrants_and_region_sums_equal_the_plain_sums(demo_baseline: Baseline) -> None:
    rng = np.random.default_rng(5)
    n, locs = 7, demo_baseline.n_locations
    pupils = rng.random((n, locs, 10)) * 30
    rates = rng.random((n, 10))
    masks = (rng.random((3, locs)) > 0.5).astype(float)
    same_rates = np.broadcast_to(rates[:, None, :], (n, locs, 10))  # as state_rates gives
    plain = (pupils * np.array(same_rates)).sum(axis=-1)
    np.testing.assert_allclose(entrants(pupils, same_rates), plain, rtol=1e-13)
    np.testing.assert_allclose(entrants(pupils, np.array(same_rates)), plain, rtol=1e-13)
    one = np.broadcast_to(pupils[0], pupils.shape)  # the baseline: one slice for every set
    np.testing.assert_allclose(
        entrants(one, same_rates), (np.array(one) * same_rates).sum(axis=-1), rtol=1e-13
    )
    np.testing.assert_allclose(by_region(masks, one), masks @ np.array(one), rtol=1e-13)
    np.testing.assert_allclose(by_region(masks, pupils), masks @ pupils, rtol=1e-13)


def test_rates_without_location_effects_are_one_row_for_every_location(
    demo_baseline: Baseline,
) -> None:
    rates = FlowRates.load()
    start = State.initial(demo_baseline)
    params = central_params(demo_baseline, rates, "zuid_holland", 0.0)  # no distance effect
    got = state_rates(start, params)
    assert got is not None
    assert got.strides[1] == 0  # a view, not a copy
    np.testing.assert_array_equal(
        got[0], np.tile(np.clip(params.rates_incl[0], 0, 1), (got.shape[1], 1))
    )
    with_km = state_rates(start, central_params(demo_baseline, rates, "zuid_holland", -0.003))
    assert with_km is not None
    assert with_km.strides[1] != 0


def test_pupils_of_an_unchanged_state_are_the_observed_counts(demo_baseline: Baseline) -> None:
    params = draw_params(
        demo_baseline, FlowRates.load(), "zuid_holland", 0.0, 4, np.random.default_rng(1), 0
    )
    got = state_pupils(State.initial(demo_baseline), params)
    np.testing.assert_array_equal(
        got.by_school, np.broadcast_to(demo_baseline.counts.sum(axis=0), got.by_school.shape)
    )
    assert got.taught is got.by_school


@pytest.mark.parametrize("block", [7, 64])
def test_draws_in_blocks_give_the_numbers_of_one_block(
    block: int,
    demo_wh: Warehouse,
    demo_catalog: RegionCatalog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = yaml.safe_load((REGRESSION / "guidance_and_flow.yaml").read_text(encoding="utf-8"))
    scenario = Scenario.from_text(yaml.safe_dump(doc["scenario"]), source="guidance_and_flow")
    monkeypatch.setattr(runner_module, "DRAW_BLOCK", 1000)
    whole = run(scenario, demo_wh, demo_catalog, draws=150, seed=3).to_dict()
    monkeypatch.setattr(runner_module, "DRAW_BLOCK", block)  # 150 = 21 x 7 + 3; 2 x 64 + 22
    blocks = run(scenario, demo_wh, demo_catalog, draws=150, seed=3).to_dict()
    assert whole["summary"]["extra_entrants_per_year_interval"] is not None
    assert differences(blocks, whole) == []
