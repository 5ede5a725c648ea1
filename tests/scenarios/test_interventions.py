"""Interventions as pure functions of the state, and what the MNL implies for them."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from kansrijk.model import FlowRates
from kansrijk.scenarios import (
    PROFILES,
    AddProfile,
    AddProfileWhereMissing,
    Baseline,
    FlowUplift,
    GuidanceUplift,
    NewMboLocation,
    RemoveProfile,
    ShareProfile,
    State,
)
from kansrijk.scenarios.evaluate import (
    Params,
    added_profile_pupils,
    central_coefs,
    central_params,
    row_shares,
    state_pupils,
    state_rates,
)
from kansrijk.scenarios.state import InterventionError

PIE = PROFILES.index("PIE")
WERF = "ZZ0800"  # BB/KB: BWI, EO, HBR (no PIE)
ZORG = "ZZ0200"  # BB/KB: ZW, DP (no technical profile)
TECHNIEK_COLLEGE = "ZZ0600"  # BB/KB/GL: BWI, PIE, MT, MVI


def central(baseline: Baseline) -> Params:
    return Params(1, central_coefs(baseline), np.zeros((1, 10)), None, 0.0)


def shares_of(state: State, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    base = state.baseline
    row = base.index(code)
    assert row is not None
    lws = np.flatnonzero(base.has_leerweg[:, row])
    locs = np.full(lws.size, row)
    return lws, row_shares(state, central(base), lws, locs)[0], base.shares[lws, row]


def test_adding_pie_gives_uptake_and_the_losses_the_mnl_implies(demo_baseline: Baseline) -> None:
    state = AddProfile(location=WERF, profile="PIE").apply(State.initial(demo_baseline))
    lws, new, old = shares_of(state, WERF)
    row = demo_baseline.index(WERF)
    assert row is not None
    s_pie = new[:, PIE]
    assert (s_pie > 0.01).all(), "positive PIE uptake"
    np.testing.assert_allclose(new.sum(axis=1), 1.0, atol=1e-12)
    # IIA: every other profile keeps its share times (1 - PIE share), exactly
    np.testing.assert_allclose(new, old * (1 - s_pie)[:, None] + np.eye(10)[PIE] * s_pie[:, None])
    # PIE's share is the model's predicted share for the new offer
    for k, lw in enumerate(lws):
        model = demo_baseline.models[lw]
        assert model is not None
        x = demo_baseline.design[lw][row, 1:][None]
        avail = (demo_baseline.offer[lw, row] | (np.arange(10) == PIE))[None]
        predicted = model.predict(avail, x)[0]
        base_pred = model.predict(demo_baseline.offer[lw, row][None], x)[0]
        assert s_pie[k] == pytest.approx(predicted[PIE], rel=1e-10)
        # and the model's own shares lose exactly the same proportion
        np.testing.assert_allclose(
            predicted[np.arange(10) != PIE],
            (base_pred * (1 - predicted[PIE]))[np.arange(10) != PIE],
        )
    # the whole state: pupils move, the location's total stays (fixed population)
    pupils = state_pupils(state, central(demo_baseline)).by_school[0]
    observed = demo_baseline.counts.sum(axis=0)
    assert pupils[row].sum() == pytest.approx(observed[row].sum())
    assert pupils[row, PIE] == pytest.approx((demo_baseline.pupils[lws, row] * s_pie).sum())
    others = np.delete(np.arange(demo_baseline.n_locations), row)
    np.testing.assert_allclose(pupils[others], observed[others])
    (addition,) = state.additions
    assert addition.new_site
    assert addition.leerwegen == ("BB", "KB")


def test_adding_an_offered_profile_changes_nothing(demo_baseline: Baseline) -> None:
    start = State.initial(demo_baseline)
    state = AddProfile(location=TECHNIEK_COLLEGE, profile="PIE").apply(start)
    assert np.array_equal(state.offer, start.offer)
    assert not state.additions
    assert "already offers PIE" in state.notes[-1]


def test_remove_profile_redistributes_proportionally(demo_baseline: Baseline) -> None:
    state = RemoveProfile(location=WERF, profile="HBR").apply(State.initial(demo_baseline))
    _, new, old = shares_of(state, WERF)
    hbr = PROFILES.index("HBR")
    assert (new[:, hbr] == 0).all()
    np.testing.assert_allclose(new, np.where(np.arange(10) == hbr, 0.0, old) / (1 - old[:, [hbr]]))
    # removing everything is refused: fixed populations need something to choose
    state = RemoveProfile(location=ZORG, profile="ZW").apply(State.initial(demo_baseline))
    with pytest.raises(InterventionError, match="without any profile"):
        RemoveProfile(location=ZORG, profile="DP").apply(state)


def test_add_then_remove_is_the_baseline(demo_baseline: Baseline) -> None:
    start = State.initial(demo_baseline)
    state = RemoveProfile(location=WERF, profile="PIE").apply(
        AddProfile(location=WERF, profile="PIE").apply(start)
    )
    assert np.array_equal(state.offer, start.offer)
    assert not state.additions


def test_share_profile(demo_baseline: Baseline) -> None:
    start = AddProfile(location=WERF, profile="PIE").apply(State.initial(demo_baseline))
    shared = ShareProfile(host=WERF, guests=(ZORG,), profile="PIE", travel_penalty=1.0).apply(start)
    own = AddProfile(location=ZORG, profile="PIE").apply(start)
    _, s_shared, _ = shares_of(shared, ZORG)
    _, s_own, _ = shares_of(own, ZORG)
    np.testing.assert_allclose(s_shared.sum(axis=1), 1.0)
    # the penalty divides the odds by e: uptake is lower than with the profile at home
    odds_shared = s_shared[:, PIE] / (1 - s_shared[:, PIE])
    odds_own = s_own[:, PIE] / (1 - s_own[:, PIE])
    np.testing.assert_allclose(odds_shared, odds_own * np.exp(-1.0))
    # guests count at the host, not at their own school
    pupils = state_pupils(shared, central(demo_baseline))
    host, guest = demo_baseline.index(WERF), demo_baseline.index(ZORG)
    outgoing = pupils.by_school[0, guest, PIE]
    assert outgoing > 0
    assert pupils.taught[0, guest, PIE] == pytest.approx(0.0)
    assert pupils.taught[0, host, PIE] == pytest.approx(pupils.by_school[0, host, PIE] + outgoing)
    with pytest.raises(InterventionError, match="does not offer PIE"):
        ShareProfile(host=ZORG, guests=(WERF,), profile="PIE").apply(State.initial(demo_baseline))


def test_guidance_multiplies_the_odds(demo_baseline: Baseline) -> None:
    iv = GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=1.3)
    assert (iv.low, iv.high) == (1.0, pytest.approx(1.69))
    state = iv.apply(State.initial(demo_baseline))
    _, new, old = shares_of(state, TECHNIEK_COLLEGE)
    bwi, mvi = PROFILES.index("BWI"), PROFILES.index("MVI")
    np.testing.assert_allclose(new[:, bwi] / new[:, mvi], 1.3 * old[:, bwi] / old[:, mvi])
    with pytest.raises(ValidationError, match="low <= odds_ratio <= high"):
        GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=1.3, low=1.4)


def test_flow_uplift_adds_points_clamped(demo_baseline: Baseline) -> None:
    rates = FlowRates.load()
    params = central_params(demo_baseline, rates, "zuid_holland", -0.003)
    start = State.initial(demo_baseline)
    before = state_rates(start, params)
    after = state_rates(
        FlowUplift(region="DEMO-ZUID", profile_set=["PIE", "ZW"], points=5).apply(start), params
    )
    assert before is not None
    assert after is not None
    zuid = demo_baseline.mask(demo_baseline.resolve("DEMO-ZUID"))
    cols = np.isin(PROFILES, ["PIE", "ZW"])
    diff = after - before
    np.testing.assert_allclose(diff[0][np.ix_(zuid, cols)], 0.05)
    assert (diff[0][~zuid] == 0).all()
    assert (diff[0][:, ~cols] == 0).all()
    huge = state_rates(
        FlowUplift(region="DEMO", profile_set="PIE", points=100).apply(start), params
    )
    assert huge is not None
    assert huge.max() == 1.0


def test_new_mbo_location_shortens_distances_and_raises_flow(demo_baseline: Baseline) -> None:
    rates = FlowRates.load()
    params = central_params(demo_baseline, rates, "zuid_holland", -0.003)
    start = State.initial(demo_baseline)
    # Rivierveen (GM9904) has no technical mbo location in the demo
    state = NewMboLocation(name="Nieuw techniekcollege", pc4="0138").apply(start)
    assert len(state.mbo_list.locations) == len(start.mbo_list.locations) + 1
    from kansrijk.scenarios.evaluate import distances

    d0, d1 = distances(start), distances(state)
    assert (d1 <= d0 + 1e-9).all()
    closer = d1 < d0 - 1e-9
    assert closer.any()
    r0, r1 = state_rates(start, params), state_rates(state, params)
    assert r0 is not None
    assert r1 is not None
    np.testing.assert_allclose((r1 - r0)[0][closer, PIE], 0.003 * (d0 - d1)[closer], atol=1e-12)
    with pytest.raises(ValidationError, match="exactly one of pc4"):
        NewMboLocation(name="x")
    with pytest.raises(InterventionError, match="no centroid"):
        NewMboLocation(name="x", pc4="9999").apply(start)


def test_add_profile_where_missing_best(demo_baseline: Baseline) -> None:
    start = State.initial(demo_baseline)
    iv = AddProfileWhereMissing(region="DEMO", missing="techniek", profile="best")
    state = iv.apply(start)
    tech = np.isin(PROFILES, ["BWI", "PIE", "MT", "MAT"])
    had = start.offer[:, :, tech].any(axis=(0, 2))
    added = {a.location for a in state.additions}
    for i, code in enumerate(demo_baseline.locations):
        assert (code in added) == (not had[i] and demo_baseline.has_leerweg[:, i].any())
    for a in state.additions:
        pupils = {
            c: added_profile_pupils(start, a.row, PROFILES.index(c)) for c in ("BWI", "PIE", "MT")
        }
        assert a.profile == max(pupils, key=lambda c: pupils[c])
    assert state.offer[:, :, tech].any(axis=(0, 2))[demo_baseline.has_leerweg.any(axis=0)].all()


def test_unknown_location_is_explained(demo_baseline: Baseline) -> None:
    with pytest.raises(InterventionError, match=r"unknown location 'ZZ9900'.*region DEMO.*2024"):
        AddProfile(location="ZZ9900", profile="PIE").apply(State.initial(demo_baseline))
    with pytest.raises(InterventionError, match="unknown region"):
        GuidanceUplift(region="NOWHERE", profile_set="PIE", odds_ratio=1.1).apply(
            State.initial(demo_baseline)
        )


def test_interventions_are_pure(demo_baseline: Baseline) -> None:
    start = State.initial(demo_baseline)
    offer = start.offer.copy()
    AddProfile(location=WERF, profile="PIE").apply(start)
    GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=1.2).apply(start)
    assert np.array_equal(start.offer, offer)
    assert start.shifts == ()
    assert np.array_equal(demo_baseline.offer, offer)


def test_school_switching_adds_only_the_change(demo_baseline: Baseline) -> None:
    params = central(demo_baseline)
    start = State.initial(demo_baseline)
    observed = demo_baseline.counts.sum(axis=0)
    # the baseline stays the data, whatever the switch rate
    same = state_pupils(start, params, switch_rate=0.1).by_school[0]
    np.testing.assert_allclose(same, observed, atol=1e-9)
    state = AddProfile(location=WERF, profile="PIE").apply(start)
    fixed = state_pupils(state, params).by_school[0]
    moving = state_pupils(state, params, switch_rate=0.1).by_school[0]
    assert moving.sum() == pytest.approx(observed.sum())  # nobody leaves the region
    row = demo_baseline.index(WERF)
    assert row is not None
    # pupils who left De Werf for PIE elsewhere now stay
    assert moving[row].sum() > fixed[row].sum()
    losers = moving.sum(axis=1) < fixed.sum(axis=1) - 1e-9
    assert losers.any()
    assert (moving[losers, PIE] < fixed[losers, PIE]).all()


def test_guidance_range_defaults() -> None:
    worse = GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=0.8)
    assert (worse.low, worse.high) == (pytest.approx(0.64), 1.0)
    given = GuidanceUplift(region="DEMO", profile_set="PIE", odds_ratio=1.2, low=1.1, high=1.3)
    assert (given.low, given.high) == (1.1, 1.3)
