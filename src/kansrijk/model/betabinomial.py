"""Beta-binomial regression: shares with location-level overdispersion.

A location's count ``y`` out of ``n`` pupils is binomial given the location's own share
``p``, and ``p`` varies between locations (and years) as Beta(mu s, (1 - mu) s) around
the regression mean ``mu = logistic(x . beta)``. The precision ``s`` is estimated from
the data: the intra-class correlation ``rho = 1 / (1 + s)`` says how much more dispersed
the counts are than binomial ones (variance ``n mu (1 - mu) (1 + (n - 1) rho)``).

Predictions are *predictive*: a new location's count is drawn from the beta-binomial
(location heterogeneity plus binomial noise), with the regression parameters drawn from
their asymptotic normal (parameter uncertainty). Pure numpy/scipy, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize, special

from kansrijk.model.errors import EstimationError, ModelInputError

FloatArray = npt.NDArray[np.float64]

#: Bounds on log(s), the log precision: s from 0.05 (very dispersed) to 1e6 (binomial).
_LOG_S_BOUNDS = (float(np.log(0.05)), float(np.log(1e6)))


@dataclass(frozen=True)
class BetaBinomialFit:
    """A fitted beta-binomial regression.

    ``params`` = (beta..., gamma...) with ``log s = w . gamma`` (``w`` the dispersion
    design: a constant, optionally more columns such as "started"); ``covariance`` their
    asymptotic covariance (inverse observed information, numerically differentiated
    analytic gradient).
    """

    names: tuple[str, ...]
    params: FloatArray
    covariance: FloatArray
    loglik: float
    n_obs: int
    pupils: float
    dispersion_names: tuple[str, ...] = ("log_s",)

    @property
    def k(self) -> int:
        return len(self.names)

    @property
    def beta(self) -> FloatArray:
        return self.params[: self.k]

    @property
    def gamma(self) -> FloatArray:
        return self.params[self.k :]

    @property
    def precision(self) -> float:
        """Precision ``s`` of the baseline rows (dispersion columns 0)."""
        return float(np.exp(self.gamma[0]))

    @property
    def rho(self) -> float:
        """Intra-class correlation 1 / (1 + s): 0 = binomial."""
        return 1.0 / (1.0 + self.precision)

    @property
    def se(self) -> FloatArray:
        return np.sqrt(np.clip(np.diag(self.covariance), 0.0, None))

    def mean(self, x: FloatArray) -> FloatArray:
        """Mean share logistic(x . beta) for rows of ``x``."""
        return np.asarray(special.expit(np.atleast_2d(x) @ self.beta), dtype=np.float64)

    def draw(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` parameter vectors from N(params, covariance), shape n x k."""
        vals, vecs = np.linalg.eigh(0.5 * (self.covariance + self.covariance.T))
        root = vecs * np.sqrt(np.clip(vals, 0.0, None))  # also for fixed (zero-variance) terms
        z = rng.standard_normal((n, self.params.size))
        return np.asarray(self.params + z @ root.T, dtype=np.float64)

    def to_dict(self) -> dict[str, object]:
        return {
            "names": list(self.names),
            "estimates": [float(v) for v in self.beta],
            "se": [float(v) for v in self.se[: self.k]],
            "dispersion": {
                n: [float(v), float(e)]
                for n, v, e in zip(
                    self.dispersion_names, self.gamma, self.se[self.k :], strict=True
                )
            },
            "precision": self.precision,
            "rho": self.rho,
            "loglik": self.loglik,
            "n_obs": self.n_obs,
            "pupils": self.pupils,
        }


def _loglik_terms(
    params: FloatArray, y: FloatArray, n: FloatArray, x: FloatArray, w: FloatArray
) -> tuple[float, FloatArray]:
    k = x.shape[1]
    beta, gamma = params[:k], params[k:]
    s = np.exp(np.clip(w @ gamma, *_LOG_S_BOUNDS))
    mu = np.clip(special.expit(x @ beta), 1e-12, 1 - 1e-12)
    a, b = mu * s, (1.0 - mu) * s
    ll = special.betaln(y + a, n - y + b) - special.betaln(a, b)
    dig_ab = special.digamma(a + b)
    dig_nab = special.digamma(n + a + b)
    da = special.digamma(y + a) - dig_nab - special.digamma(a) + dig_ab
    db = special.digamma(n - y + b) - dig_nab - special.digamma(b) + dig_ab
    g_eta = s * mu * (1.0 - mu) * (da - db)
    grad = np.concatenate([x.T @ g_eta, w.T @ (a * da + b * db)])
    return float(np.sum(ll)), grad


def fit_beta_binomial(
    y: Sequence[float] | FloatArray,
    n: Sequence[float] | FloatArray,
    x: FloatArray,
    names: Sequence[str],
    *,
    fixed_log_s: tuple[float, float] | None = None,
    dispersion: FloatArray | None = None,
    dispersion_names: Sequence[str] = (),
) -> BetaBinomialFit:
    """Maximum-likelihood beta-binomial regression of ``y`` successes out of ``n``.

    ``x`` is the design matrix (include a column of ones for the intercept). Rows with
    ``n == 0`` are dropped. ``fixed_log_s = (value, variance)`` holds the log precision
    fixed (borrowed from a larger fit, with its variance for the draws): for groups too
    small to estimate their own dispersion. ``dispersion`` adds columns (m x q, with
    ``dispersion_names``) to the log precision: ``log s = g0 + dispersion . g``.
    Raises ``ModelInputError`` for bad input and ``EstimationError`` when the optimum is
    not found.
    """
    yy = np.asarray(y, dtype=np.float64)
    nn = np.asarray(n, dtype=np.float64)
    xx = np.atleast_2d(np.asarray(x, dtype=np.float64))
    if yy.ndim != 1 or yy.shape != nn.shape or xx.shape[0] != yy.shape[0]:
        raise ModelInputError(
            f"y, n and x must have the same number of rows; got {yy.shape}, {nn.shape}, {xx.shape}"
        )
    if xx.shape[1] != len(names):
        raise ModelInputError(f"{xx.shape[1]} columns in x but {len(names)} names")
    if not (np.all(np.isfinite(yy)) and np.all(np.isfinite(nn)) and np.all(np.isfinite(xx))):
        raise ModelInputError("y, n and x must be finite")
    if np.any(yy < 0) or np.any(yy > nn):
        raise ModelInputError("need 0 <= y <= n in every row")
    ww = np.ones((yy.size, 1))
    if dispersion is not None:
        ww = np.column_stack([ww, np.asarray(dispersion, dtype=np.float64).reshape(yy.size, -1)])
    if fixed_log_s is not None and ww.shape[1] > 1:
        raise ModelInputError("fixed_log_s and dispersion columns cannot be combined")
    keep = nn > 0
    yy, nn, xx, ww = yy[keep], nn[keep], xx[keep], ww[keep]
    if yy.size < xx.shape[1] + 2:
        raise ModelInputError(
            f"{yy.size} rows with pupils is too few for {xx.shape[1]} coefficients and a precision"
        )
    pooled = float(np.clip(yy.sum() / nn.sum(), 1e-4, 1 - 1e-4))
    start = np.zeros(xx.shape[1] + ww.shape[1])
    kx = xx.shape[1]
    # Intercept start at the pooled log-odds when the first column is constant.
    if np.allclose(xx[:, 0], xx[0, 0]) and xx[0, 0] != 0:
        start[0] = float(special.logit(pooled)) / xx[0, 0]
    start[kx] = float(np.log(10.0)) if fixed_log_s is None else fixed_log_s[0]

    def objective(p: FloatArray) -> tuple[float, FloatArray]:
        ll, g = _loglik_terms(p, yy, nn, xx, ww)
        return -ll, -g

    bounds = (
        [(None, None)] * kx
        + [_LOG_S_BOUNDS if fixed_log_s is None else (fixed_log_s[0], fixed_log_s[0])]
        + [(-10.0, 10.0)] * (ww.shape[1] - 1)
    )
    res = optimize.minimize(objective, start, jac=True, method="L-BFGS-B", bounds=bounds)
    if not np.all(np.isfinite(res.x)):
        raise EstimationError(f"beta-binomial fit failed: {res.message}")
    params = np.asarray(res.x, dtype=np.float64)
    hess = _numeric_hessian(params, yy, nn, xx, ww)
    if fixed_log_s is not None:
        hess[-1, :] = 0.0
        hess[:, -1] = 0.0
        hess[-1, -1] = 1.0 / max(fixed_log_s[1], 1e-12)
    try:
        cov = np.linalg.inv(hess)
    except np.linalg.LinAlgError as exc:  # pragma: no cover - guarded by the jitter
        raise EstimationError("information matrix is singular") from exc
    cov = (cov + cov.T) / 2.0
    w, v = np.linalg.eigh(cov)
    cov = (v * np.clip(w, 1e-12, None)) @ v.T
    return BetaBinomialFit(
        names=tuple(names),
        params=params,
        covariance=cov,
        loglik=-float(res.fun),
        n_obs=int(yy.size),
        pupils=float(nn.sum()),
        dispersion_names=("log_s", *dispersion_names),
    )


def _numeric_hessian(
    p: FloatArray, y: FloatArray, n: FloatArray, x: FloatArray, w: FloatArray
) -> FloatArray:
    k = p.size
    h = np.empty((k, k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = 1e-5 * max(1.0, abs(p[j]))
        g1 = _loglik_terms(p + e, y, n, x, w)[1]
        g0 = _loglik_terms(p - e, y, n, x, w)[1]
        h[:, j] = -(g1 - g0) / (2 * e[j])
    h = (h + h.T) / 2.0
    return h + 1e-8 * np.eye(k)


def predictive_shares(
    fit: BetaBinomialFit,
    x: FloatArray,
    draws: int,
    rng: np.random.Generator,
    *,
    offset: float = 0.0,
    w: FloatArray | None = None,
) -> FloatArray:
    """Draws of a new location's own share: parameter draw, then Beta(mu s, (1-mu) s).

    ``x`` is one design row, ``w`` its dispersion row (default: constant only); returns
    ``draws`` shares. With ``draws`` parameter vectors
    the result carries parameter and location-level (predictive) uncertainty.
    """
    return shares_given(fit, fit.draw(draws, rng), x, rng, offset=offset, w=w)


def shares_given(
    fit: BetaBinomialFit,
    theta: FloatArray,
    x: FloatArray,
    rng: np.random.Generator,
    *,
    offset: float = 0.0,
    w: FloatArray | None = None,
) -> FloatArray:
    """``predictive_shares`` for parameter draws ``theta`` drawn before (one per row)."""
    wr = np.zeros(len(fit.dispersion_names))
    wr[0] = 1.0
    if w is not None and wr.size > 1:
        wr[1:] = np.asarray(w, dtype=np.float64)
    mu = special.expit(theta[:, : fit.k] @ np.asarray(x, dtype=np.float64) + offset)
    s = np.exp(np.clip(theta[:, fit.k :] @ wr, *_LOG_S_BOUNDS))
    mu = np.clip(mu, 1e-9, 1 - 1e-9)
    return np.asarray(rng.beta(mu * s, (1.0 - mu) * s), dtype=np.float64)


def predictive_counts(shares: FloatArray, n: float, rng: np.random.Generator) -> FloatArray:
    """Binomial counts out of ``n`` pupils given drawn shares (``n`` rounded)."""
    m = round(max(n, 0.0))
    return np.asarray(rng.binomial(m, np.clip(shares, 0.0, 1.0)), dtype=np.float64)


def beta_binomial_interval(
    mu: float, s: float, n: float, level: float = 0.90
) -> tuple[float, float]:
    """Central ``level`` interval of BetaBinomial(n, mu s, (1 - mu) s) counts (exact)."""
    m = round(max(n, 0.0))
    k = np.arange(m + 1, dtype=np.float64)
    a, b = mu * s, (1.0 - mu) * s
    logp = (
        special.gammaln(m + 1)
        - special.gammaln(k + 1)
        - special.gammaln(m - k + 1)
        + special.betaln(k + a, m - k + b)
        - special.betaln(a, b)
    )
    cdf = np.cumsum(np.exp(logp - logp.max()))
    cdf /= cdf[-1]
    lo = float(np.searchsorted(cdf, (1 - level) / 2))
    hi = float(np.searchsorted(cdf, 1 - (1 - level) / 2))
    return lo, hi
