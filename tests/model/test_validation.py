"""Leave-one-location-out validation against the naive pooled-shares baseline."""

from __future__ import annotations

import numpy as np
import pytest

from kansrijk.model import ChoiceData, ModelInputError, fit_choice_model, leave_one_out

from .synthetic import PROFILES, TECHNIEK, simulate


def _technical_effect(strength: float) -> np.ndarray:
    """One covariate lowering (strength < 0) the utility of the four techniek profiles."""
    beta = np.zeros((1, len(PROFILES)))
    for p in TECHNIEK:
        beta[0, PROFILES.index(p)] = strength
    return beta


def test_model_beats_baseline_when_a_covariate_matters(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, n_loc=250, beta=_technical_effect(-0.8))
    result = leave_one_out(data, {"covariates_for": frozenset(TECHNIEK)})
    assert result.n_fallback == 0
    assert result.n_used > 100
    assert result.beats_baseline
    assert result.mae_model < 0.8 * result.mae_baseline
    assert result.mae_model_weighted < 0.8 * result.mae_baseline_weighted


def test_model_and_baseline_close_without_covariate_effects(rng: np.random.Generator) -> None:
    # a full offer everywhere: the naive baseline is then the constants-only MNL
    data, _, _ = simulate(rng, n_loc=200, beta=np.zeros((1, len(PROFILES))), full_offer=True)
    result = leave_one_out(data)
    assert abs(result.mae_model - result.mae_baseline) < 0.1 * result.mae_baseline
    assert abs(result.mae_model_weighted - result.mae_baseline_weighted) < (
        0.1 * result.mae_baseline_weighted
    )
    constants = leave_one_out(data, {"covariates_for": frozenset(), "ridge": 0.0})
    np.testing.assert_allclose(constants.predicted, constants.baseline, atol=1e-8)


def test_newton_matches_fresh_refits(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, n_loc=40, k=1)
    newton = leave_one_out(data)
    refit = leave_one_out(data, method="refit")
    one_step = leave_one_out(data, method="one_step")
    np.testing.assert_allclose(newton.predicted, refit.predicted, atol=1e-5)
    np.testing.assert_allclose(one_step.predicted, refit.predicted, atol=5e-3)
    np.testing.assert_array_equal(newton.observed, refit.observed)
    np.testing.assert_array_equal(newton.baseline, refit.baseline)


def test_observed_and_baseline_by_hand() -> None:
    profiles = ("BWI", "PIE", "ZW", "EO")
    counts = np.array(
        [
            [10.0, 0, 20, 10],
            [0, 5, 10, 5],
            [4, 4, 4, 0],
            [0, 0, 8, 2],
        ]
    )
    data = ChoiceData.from_counts(["a", "b", "c", "d"], profiles, counts)
    result = leave_one_out(data, {"ridge": 0.0})
    assert result.observed[0] == pytest.approx(10 / 40)
    # baseline for a: pooled b+c+d = [4, 9, 22, 7] over a's offer {BWI, ZW, EO}
    assert result.baseline[0] == pytest.approx(4 / (4 + 22 + 7))
    # d offers no techniek profile: left out of the errors by default
    assert not result.used[3]
    assert leave_one_out(data, skip_trivial=False).used[3]
    assert result.profile_set == ("BWI", "PIE")


def test_groups_pool_the_baseline_within_a_group() -> None:
    profiles = ("BWI", "ZW")
    counts = np.array([[1.0, 9], [5, 5], [9, 1]])
    data = ChoiceData.from_counts(["a", "b", "c"], profiles, counts)
    result = leave_one_out(data, groups=["r1", "r1", "r2"])
    assert result.baseline[0] == pytest.approx(0.5)
    assert np.isnan(result.baseline[2])
    assert not result.used[2]
    with pytest.raises(ModelInputError, match="one label per location"):
        leave_one_out(data, groups=["r1"])


def test_location_with_the_only_pupils_of_a_profile_falls_back_to_refit(
    rng: np.random.Generator,
) -> None:
    data, _, _ = simulate(rng, n_loc=60, k=1)
    mat = data.profiles.index("MAT")
    counts = data.counts.copy()
    offer = data.available.copy()
    counts[1:, mat] = 0
    offer[1:, mat] = False
    counts[0, mat] = 7
    offer[0, mat] = True
    offer[~offer.any(axis=1), data.profiles.index("ZW")] = True
    data2 = ChoiceData(data.locations, data.profiles, counts, offer, data.covariates, ("x0",))
    result = leave_one_out(data2, {"reference": "MAT"})
    assert result.n_fallback == 1
    assert np.isfinite(result.predicted[0])
    # MAT cannot be predicted without location 0: techniek there = BWI + PIE + MT only
    model = fit_choice_model(data2.subset(np.arange(1, 60)))
    avail = offer[:1].copy()
    avail[0, mat] = False
    cols = data2.profile_index(frozenset(TECHNIEK))
    expected = model.predict(avail, data2.covariates[:1])[0, cols].sum()
    assert result.predicted[0] == pytest.approx(expected, abs=1e-6)


def test_result_dict_and_errors(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, n_loc=30, k=1)
    result = leave_one_out(data, profile_set=frozenset({"MVI"}))
    out = result.to_dict()
    assert out["profile_set"] == ["MVI"]
    assert len(out["locations"]) == 30
    assert out["n_used"] == result.n_used
    with pytest.raises(ModelInputError, match="none of the profiles"):
        leave_one_out(data.subset(np.arange(3)), profile_set=frozenset({"XX"}))
    with pytest.raises(ModelInputError, match="unknown fit_kwargs"):
        leave_one_out(data, {"bogus": 1})
    with pytest.raises(ModelInputError, match="method"):
        leave_one_out(data, method="magic")  # type: ignore[arg-type]
