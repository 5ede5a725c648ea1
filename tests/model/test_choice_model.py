"""The MNL with availability: parameter recovery, SEs, prediction, IIA."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kansrijk.model import (
    ChoiceData,
    ChoiceModel,
    EstimationError,
    ModelInputError,
    ParameterRow,
    fit_choice_model,
)

from .synthetic import PROFILES, TECHNIEK, simulate, true_shares


def _true_value(
    row: ParameterRow, alpha: np.ndarray, beta: np.ndarray, profiles: tuple[str, ...]
) -> float:
    j = profiles.index(row.profile)
    if row.kind == "alpha":
        return float(alpha[j])
    assert row.covariate is not None
    return float(beta[int(row.covariate[1:]), j])


def test_recovers_known_parameters_within_3_se() -> None:
    data, alpha, beta = simulate(np.random.default_rng(1), n_loc=400, k=2)
    model = fit_choice_model(data, reference="BWI")
    assert model.converged
    summary = model.summary()
    assert summary.n_params == 9 + 2 * 9
    z = np.array(
        [(r.estimate - _true_value(r, alpha, beta, PROFILES)) / r.se for r in summary.rows]
    )
    assert np.all(np.abs(z) < 3), z
    # the SEs are calibrated: standardised errors have spread about 1
    assert 0.6 < float(np.sqrt(np.mean(z**2))) < 1.5
    # jointly: the Mahalanobis distance is chi-squared with 27 d.f. (99.9% point: 55.5)
    err = np.array([r.estimate - _true_value(r, alpha, beta, PROFILES) for r in summary.rows])
    assert float(err @ np.linalg.solve(model.covariance, err)) < 55.5


def test_standard_errors_match_sampling_spread(rng: np.random.Generator) -> None:
    profiles = ("BWI", "PIE", "ZW", "EO")
    alpha = np.array([0.0, 0.5, 1.0, -0.3])
    beta = np.array([[0.0, -0.4, 0.3, 0.2]])
    estimates, ses = [], []
    for _ in range(40):
        data, _, _ = simulate(rng, n_loc=80, profiles=profiles, alpha=alpha, beta=beta)
        model = fit_choice_model(data, reference="BWI")
        estimates.append(model.params)
        ses.append(model.se)
    ratio = np.std(estimates, axis=0, ddof=1) / np.mean(ses, axis=0)
    assert np.all((ratio > 0.6) & (ratio < 1.5)), ratio
    bias = (np.mean(estimates, axis=0) - np.r_[alpha[1:], beta[0, 1:]]) / np.mean(ses, axis=0)
    assert np.all(np.abs(bias) < 1.0)


def test_prediction_matches_true_shares(
    simulated: tuple[ChoiceData, np.ndarray, np.ndarray],
) -> None:
    data, alpha, beta = simulated
    model = fit_choice_model(data)
    pred = model.predict_data(data)
    truth = true_shares(alpha, beta, data.covariates, data.available)
    assert np.max(np.abs(pred - truth)) < 0.1
    assert np.mean(np.abs(pred - truth)) < 0.02


def test_shares_sum_to_one_and_zero_where_unavailable(
    simulated: tuple[ChoiceData, np.ndarray, np.ndarray],
) -> None:
    data, _, _ = simulated
    model = fit_choice_model(data)
    shares = model.predict(data.available, data.covariates)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert np.all(shares[~data.available] == 0.0)
    assert np.all(shares[data.available] > 0.0)


def test_adding_a_profile_follows_iia(simulated: tuple[ChoiceData, np.ndarray, np.ndarray]) -> None:
    data, _, _ = simulated
    model = fit_choice_model(data)
    pie = data.profiles.index("PIE")
    rows = np.flatnonzero(~data.available[:, pie])
    assert rows.size > 10
    before = model.predict(data.available[rows], data.covariates[rows])
    offer = data.available[rows].copy()
    offer[:, pie] = True
    after = model.predict(offer, data.covariates[rows])
    assert np.all(after[:, pie] > 0)
    np.testing.assert_allclose(after.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    others = data.available[rows]
    # every other profile loses the same proportion: its share times (1 - PIE's share)
    np.testing.assert_allclose(
        after[others], (before * (1 - after[:, [pie]]))[others], rtol=1e-12, atol=0
    )
    # hence the ratios between the other profiles' shares are unchanged
    for i in range(rows.size):
        o = np.flatnonzero(others[i])
        np.testing.assert_allclose(
            after[i, o] / after[i, o[0]], before[i, o] / before[i, o[0]], rtol=1e-12, atol=0
        )
    assert np.all(after[others] < before[others])


def test_covariates_scale_does_not_change_predictions(
    simulated: tuple[ChoiceData, np.ndarray, np.ndarray],
) -> None:
    data, _, _ = simulated
    scaled = ChoiceData(
        data.locations,
        data.profiles,
        data.counts,
        data.available,
        data.covariates * np.array([1000.0, 0.001]) + 50.0,
        data.covariate_names,
    )
    a = fit_choice_model(data).predict_data(data)
    b = fit_choice_model(scaled).predict_data(scaled)
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_constants_only_with_full_offer_reproduces_pooled_shares(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, full_offer=True)
    model = fit_choice_model(data, covariates_for=frozenset(), ridge=0.0)
    pooled = data.counts.sum(axis=0) / data.counts.sum()
    np.testing.assert_allclose(model.predict_data(data)[0], pooled, atol=1e-8)
    assert all(r.kind == "alpha" for r in model.summary().rows)


def test_covariates_for_a_subset_of_profiles(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, k=1)
    model = fit_choice_model(data, covariates_for=frozenset(TECHNIEK))
    betas = {r.profile for r in model.summary().rows if r.kind == "beta"}
    assert betas == set(TECHNIEK)
    assert model.reference not in TECHNIEK
    with pytest.raises(ModelInputError, match="choose a reference outside"):
        fit_choice_model(data, covariates_for=frozenset(TECHNIEK), reference="PIE")
    with pytest.raises(ModelInputError, match="not in the data"):
        fit_choice_model(data, covariates_for=frozenset({"XX"}))
    with pytest.raises(ModelInputError, match="reference profile 'XX'"):
        fit_choice_model(data, reference="XX")
    with pytest.raises(ModelInputError, match="ridge"):
        fit_choice_model(data, ridge=-1.0)


def test_profile_without_pupils_is_excluded_with_a_note(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, n_loc=100, k=1)
    gr = data.profiles.index("GR")
    counts = data.counts.copy()
    counts[:, gr] = 0.0
    data0 = ChoiceData(
        data.locations, data.profiles, counts, data.available, data.covariates, data.covariate_names
    )
    model = fit_choice_model(data0)
    assert "GR" not in model.included
    summary = model.summary()
    assert summary.excluded == ("GR",)
    assert any("GR" in note for note in summary.notes)
    assert all(r.profile != "GR" for r in summary.rows)
    offer = data.available.copy()
    offer[:, gr] = False
    offer[~offer.any(axis=1), 0] = True
    shares = model.predict(offer, data.covariates)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    with pytest.raises(ModelInputError, match="no pupils in the estimation data"):
        model.predict(data.available, data.covariates)


def test_constant_covariate_is_fixed_with_a_note(rng: np.random.Generator) -> None:
    data, _, _ = simulate(rng, n_loc=100, k=1)
    x = np.hstack([data.covariates, np.full((100, 1), 3.0)])
    data2 = ChoiceData(data.locations, data.profiles, data.counts, data.available, x, ("x0", "c"))
    model = fit_choice_model(data2)
    assert all(r.covariate != "c" for r in model.summary().rows)
    assert any("constant" in n for n in model.notes)


def test_no_pupils_at_all_raises() -> None:
    data = ChoiceData(("a",), ("BWI", "ZW"), np.zeros((1, 2)), np.ones((1, 2), dtype=bool))
    with pytest.raises(EstimationError, match="no pupils"):
        fit_choice_model(data)


def test_single_profile_model_predicts_one(rng: np.random.Generator) -> None:
    data = ChoiceData.from_counts(["a", "b"], ["ZW"], [[4], [5]])
    model = fit_choice_model(data)
    assert model.params.size == 0
    assert model.predict(np.ones((1, 1), dtype=bool)).tolist() == [[1.0]]


def test_draws_and_predict_draws(simulated: tuple[ChoiceData, np.ndarray, np.ndarray]) -> None:
    data, _, _ = simulated
    model = fit_choice_model(data)
    draws = model.draw(4000, np.random.default_rng(1))
    assert draws.shape == (4000, model.params.size)
    np.testing.assert_allclose(draws.mean(axis=0), model.params, atol=4 * model.se.max() / 60)
    np.testing.assert_allclose(draws.std(axis=0), model.se, rtol=0.08)
    shares = model.predict_draws(draws[:50], data.available[:7], data.covariates[:7])
    assert shares.shape == (50, 7, data.n_profiles)
    np.testing.assert_allclose(shares.sum(axis=2), 1.0, atol=1e-12)
    one = model.with_params(draws[3]).predict(data.available[:7], data.covariates[:7])
    np.testing.assert_allclose(shares[3], one, atol=1e-12)
    with pytest.raises(ModelInputError, match="draws must have shape"):
        model.predict_draws(draws[:, :2], data.available, data.covariates)
    with pytest.raises(ModelInputError, match="params must have shape"):
        model.with_params([1.0])


def test_summary_contents(simulated: tuple[ChoiceData, np.ndarray, np.ndarray]) -> None:
    data, _, _ = simulated
    model = fit_choice_model(data)
    summary = model.summary()
    as_dict = summary.to_dict()
    assert as_dict["n_locations"] == data.n_locations
    assert as_dict["n_pupils"] == pytest.approx(data.counts.sum())
    assert as_dict["leerweg"] == "KB"
    assert len(as_dict["params"]) == model.params.size
    assert np.isfinite(as_dict["loglik"])
    assert summary.aic > -2 * summary.loglik
    text = str(summary)
    assert "alpha[PIE]" in text
    assert "beta[PIE, x1]" in text
    assert model.param_names[0].startswith("alpha[")


@pytest.mark.parametrize(
    ("available", "covariates", "message"),
    [
        (np.ones((2, 3), dtype=bool), np.zeros((2, 2)), "available must have shape"),
        (np.ones((2, 10)), np.zeros((2, 2)), "bool array"),
        (np.ones((2, 10), dtype=bool), np.zeros((2, 1)), "covariates must have shape"),
        (np.ones((2, 10), dtype=bool), None, "needs covariates"),
        (np.ones((2, 10), dtype=bool), np.full((2, 2), np.inf), "finite"),
        (np.zeros((2, 10), dtype=bool), np.zeros((2, 2)), "at least one profile"),
    ],
)
def test_predict_rejects_bad_input(
    simulated: tuple[ChoiceData, np.ndarray, np.ndarray],
    available: np.ndarray,
    covariates: np.ndarray | None,
    message: str,
) -> None:
    data, _, _ = simulated
    model = fit_choice_model(data)
    with pytest.raises(ModelInputError, match=message):
        model.predict(available, covariates)
    other = data.select_covariates(["x0"])
    with pytest.raises(ModelInputError, match="the model expects"):
        model.predict_data(other)


@pytest.fixture(scope="module")
def fitted() -> tuple[ChoiceModel, ChoiceData]:
    data, _, _ = simulate(np.random.default_rng(7), n_loc=150, k=2)
    return fit_choice_model(data), data


@settings(max_examples=60, deadline=None)
@given(
    mask=hnp.arrays(bool, (5, len(PROFILES))),
    forced=st.lists(st.integers(0, len(PROFILES) - 1), min_size=5, max_size=5),
    x=hnp.arrays(float, (5, 2), elements=st.floats(-50, 50)),
)
def test_predict_sums_to_one_for_any_offer(
    fitted: tuple[ChoiceModel, ChoiceData], mask: np.ndarray, forced: list[int], x: np.ndarray
) -> None:
    model, _ = fitted
    mask = mask.copy()
    mask[np.arange(5), forced] = True
    shares = model.predict(mask, x)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(shares[~mask] == 0.0)
    assert np.all((shares >= 0) & (shares <= 1))


@pytest.mark.parametrize("optimizer", ["L-BFGS-B", "BFGS"])
def test_optimizers_agree(
    simulated: tuple[ChoiceData, np.ndarray, np.ndarray], optimizer: str
) -> None:
    data, _, _ = simulated
    default = fit_choice_model(data)
    other = fit_choice_model(data, optimizer=optimizer)  # type: ignore[arg-type]
    assert other.converged
    np.testing.assert_allclose(other.params, default.params, atol=1e-6)
    np.testing.assert_allclose(other.se, default.se, rtol=1e-6)


def test_unknown_optimizer(simulated: tuple[ChoiceData, np.ndarray, np.ndarray]) -> None:
    with pytest.raises(ModelInputError, match="optimizer must be one of"):
        fit_choice_model(simulated[0], optimizer="Nelder-Mead")  # type: ignore[arg-type]
