"""Beta-binomial regression: likelihood, recovery, intervals, predictive coverage."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from kansrijk.model.betabinomial import (
    beta_binomial_interval,
    fit_beta_binomial,
    predictive_counts,
    predictive_shares,
)
from kansrijk.model.errors import ModelInputError


def _simulate(
    rng: np.random.Generator, m: int, beta: tuple[float, float], s: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.column_stack([np.ones(m), rng.standard_normal(m)])
    mu = 1 / (1 + np.exp(-(x @ np.array(beta))))
    p = rng.beta(mu * s, (1 - mu) * s)
    n = rng.integers(10, 120, m).astype(float)
    y = rng.binomial(n.astype(int), p).astype(float)
    return y, n, x


def test_recovers_mean_effects_and_dispersion() -> None:
    rng = np.random.default_rng(7)
    y, n, x = _simulate(rng, 3000, (-0.8, 0.5), 4.0)
    fit = fit_beta_binomial(y, n, x, ["const", "x"])
    assert fit.beta[0] == pytest.approx(-0.8, abs=0.06)
    assert fit.beta[1] == pytest.approx(0.5, abs=0.06)
    assert fit.precision == pytest.approx(4.0, rel=0.12)
    assert fit.rho == pytest.approx(1 / 5, rel=0.12)
    # the true values lie within about 3 standard errors
    assert abs(fit.beta[0] + 0.8) < 3.5 * fit.se[0]


def test_loglik_equals_scipy_betabinom() -> None:
    rng = np.random.default_rng(3)
    y, n, x = _simulate(rng, 200, (0.3, -0.2), 2.5)
    fit = fit_beta_binomial(y, n, x, ["const", "x"])
    mu = 1 / (1 + np.exp(-(x @ fit.beta)))
    s = fit.precision
    ref = stats.betabinom.logpmf(y, n, mu * s, (1 - mu) * s).sum()
    # the fit omits the binomial coefficients
    coef = (stats.binom.logpmf(y, n, 0.5) - n * np.log(0.5)).sum()
    assert fit.loglik + coef == pytest.approx(ref, rel=1e-9)


def test_dispersion_column_gives_a_second_precision() -> None:
    rng = np.random.default_rng(11)
    y1, n1, x1 = _simulate(rng, 1500, (0.0, 0.0), 2.0)
    y2, n2, x2 = _simulate(rng, 1500, (0.0, 0.0), 20.0)
    y, n, x = np.r_[y1, y2], np.r_[n1, n2], np.r_[x1, x2]
    w = np.r_[np.zeros(1500), np.ones(1500)]
    fit = fit_beta_binomial(
        y, n, x, ["const", "x"], dispersion=w[:, None], dispersion_names=("second",)
    )
    assert np.exp(fit.gamma[0]) == pytest.approx(2.0, rel=0.15)
    assert np.exp(fit.gamma.sum()) == pytest.approx(20.0, rel=0.35)


def test_fixed_precision_is_held() -> None:
    rng = np.random.default_rng(5)
    y, n, x = _simulate(rng, 6, (0.0, 0.0), 3.0)
    fit = fit_beta_binomial(y, n, x[:, :1], ["const"], fixed_log_s=(np.log(7.0), 0.04))
    assert fit.precision == pytest.approx(7.0)
    assert fit.covariance[-1, -1] == pytest.approx(0.04, rel=1e-6)


def test_exact_interval_matches_scipy() -> None:
    lo, hi = beta_binomial_interval(0.3, 4.0, 50)
    ref = stats.betabinom(50, 1.2, 2.8)
    assert lo == ref.ppf(0.05)
    assert hi == ref.ppf(0.95)


def test_predictive_intervals_cover_new_locations() -> None:
    rng = np.random.default_rng(21)
    y, n, x = _simulate(rng, 2000, (-0.5, 0.0), 3.0)
    fit = fit_beta_binomial(y, n, x[:, :1], ["const"])
    covered = 0
    trials = 600
    for _ in range(trials):
        m = int(rng.integers(20, 100))
        truth = rng.binomial(m, rng.beta(0.3775 * 3.0, 0.6225 * 3.0))
        draws = predictive_counts(predictive_shares(fit, np.ones(1), 800, rng), m, rng)
        lo, hi = np.percentile(draws, [5, 95])
        covered += lo <= truth <= hi
    assert 0.86 <= covered / trials <= 0.95


def test_bad_input_is_refused() -> None:
    x = np.ones((3, 1))
    with pytest.raises(ModelInputError, match="0 <= y <= n"):
        fit_beta_binomial([1, 5, 2], [4, 4, 4], x, ["const"])
    with pytest.raises(ModelInputError, match="same number of rows"):
        fit_beta_binomial([1, 2], [4, 4, 4], x, ["const"])
    with pytest.raises(ModelInputError, match="too few"):
        fit_beta_binomial([1, 2, 1], [4, 4, 4], np.ones((3, 2)), ["a", "b"])
