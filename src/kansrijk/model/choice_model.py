"""Multinomial logit of profile choice with availability (the location's offer set).

For location ``l`` offering profiles ``A_l`` the utility of profile ``p`` is

    u_lp = alpha_p + beta_p . x_l

and the choice probability is the softmax of ``u_l`` over ``A_l`` only (0 elsewhere).
``alpha`` of a reference profile is fixed at 0; covariate effects are estimated for the
profiles in ``covariates_for`` (default: all), with the reference profile's fixed at 0.
Estimation is by maximum likelihood on the grouped counts (``scipy.optimize.minimize``,
by default the ``trust-exact`` method with the analytic gradient and Hessian; L-BFGS-B
and BFGS on request; then damped Newton steps to a common tolerance), with standard
errors from the inverse of the observed information. See docs/model.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import linalg, optimize

from kansrijk.model._likelihood import MnlProblem, masked_probabilities
from kansrijk.model.choice_data import ChoiceData
from kansrijk.model.errors import EstimationError, ModelInputError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Default ridge penalty (on standardised covariates); negligible next to the counts,
#: but keeps the Hessian invertible when a parameter is barely identified.
DEFAULT_RIDGE = 1e-4

Optimizer = Literal["trust-exact", "L-BFGS-B", "BFGS"]
#: scipy.optimize.minimize methods accepted by ``fit_choice_model``.
OPTIMIZERS: tuple[str, ...] = ("trust-exact", "L-BFGS-B", "BFGS")
#: Newton-type trust region with the analytic Hessian: converges in a few iterations on
#: this concave likelihood and needs few BLAS calls (robust to CPU contention).
DEFAULT_OPTIMIZER: Optimizer = "trust-exact"


@dataclass(frozen=True)
class ParameterRow:
    """One estimated parameter: a profile constant (``alpha``) or a covariate effect."""

    name: str
    kind: str
    profile: str
    covariate: str | None
    estimate: float
    se: float

    @property
    def z(self) -> float:
        return self.estimate / self.se if self.se > 0 else math.nan


@dataclass(frozen=True)
class ChoiceModelSummary:
    """Parameters with standard errors and fit statistics of a ``ChoiceModel``."""

    leerweg: str | None
    reference: str
    excluded: tuple[str, ...]
    rows: tuple[ParameterRow, ...]
    loglik: float
    n_pupils: float
    n_locations: int
    n_params: int
    converged: bool
    iterations: int
    notes: tuple[str, ...]

    @property
    def aic(self) -> float:
        return 2 * self.n_params - 2 * self.loglik

    @property
    def bic(self) -> float:
        return self.n_params * math.log(max(self.n_pupils, 1.0)) - 2 * self.loglik

    def to_dict(self) -> dict[str, Any]:
        return {
            "leerweg": self.leerweg,
            "reference": self.reference,
            "excluded": list(self.excluded),
            "params": [
                {
                    "name": r.name,
                    "kind": r.kind,
                    "profile": r.profile,
                    "covariate": r.covariate,
                    "estimate": r.estimate,
                    "se": r.se,
                }
                for r in self.rows
            ],
            "loglik": self.loglik,
            "aic": self.aic,
            "bic": self.bic,
            "n_pupils": self.n_pupils,
            "n_locations": self.n_locations,
            "n_params": self.n_params,
            "converged": self.converged,
            "iterations": self.iterations,
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        width = max((len(r.name) for r in self.rows), default=10)
        lines = [
            (
                f"MNL profile choice{f' ({self.leerweg})' if self.leerweg else ''}: "
                f"{self.n_locations} locations, {self.n_pupils:g} pupils, "
                f"reference profile {self.reference}"
            ),
            (
                f"log-likelihood {self.loglik:.3f}, parameters {self.n_params}, "
                f"AIC {self.aic:.1f}, BIC {self.bic:.1f}, converged {self.converged}"
            ),
            f"{'parameter':<{width}}  {'estimate':>10}  {'s.e.':>9}  {'z':>7}",
        ]
        lines += [
            f"{r.name:<{width}}  {r.estimate:>10.4f}  {r.se:>9.4f}  {r.z:>7.2f}" for r in self.rows
        ]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class ChoiceModel:
    """A fitted profile-choice MNL; predicts shares for any offer set and covariates.

    ``coefficients`` is ``(1 + k) x n_prof`` on the covariates' original scale: row 0
    holds the constants ``alpha``, row ``1 + j`` the effects of covariate ``j``. Entries
    not flagged in ``free`` are fixed at 0. Columns follow ``profiles`` (all profiles of
    the estimation data); profiles not in ``included`` had no pupils and cannot be
    predicted. ``covariance`` is the asymptotic covariance of ``params``.
    """

    profiles: tuple[str, ...]
    included: tuple[str, ...]
    reference: str
    covariate_names: tuple[str, ...]
    coefficients: FloatArray
    free: BoolArray
    covariance: FloatArray
    loglik: float
    n_pupils: float
    n_locations: int
    ridge: float
    converged: bool
    iterations: int
    notes: tuple[str, ...] = ()
    leerweg: str | None = None

    # ------------------------------------------------------------------ parameters
    @property
    def params(self) -> FloatArray:
        """The free parameters, row-major over ``coefficients`` (constants first)."""
        return np.asarray(self.coefficients[self.free], dtype=np.float64)

    @property
    def se(self) -> FloatArray:
        return np.sqrt(np.clip(np.diag(self.covariance), 0.0, None))

    @property
    def param_names(self) -> tuple[str, ...]:
        names = []
        for a, p in zip(*np.nonzero(self.free), strict=True):
            prof = self.profiles[p]
            names.append(
                f"alpha[{prof}]" if a == 0 else f"beta[{prof}, {self.covariate_names[a - 1]}]"
            )
        return tuple(names)

    def with_params(self, params: npt.ArrayLike) -> ChoiceModel:
        """The same model with other parameter values (e.g. one draw of ``draw``)."""
        theta = np.asarray(params, dtype=np.float64)
        if theta.shape != (int(self.free.sum()),):
            raise ModelInputError(
                f"params must have shape ({int(self.free.sum())},); found {theta.shape}"
            )
        coef = np.zeros_like(self.coefficients)
        coef[self.free] = theta
        coef.flags.writeable = False
        return replace(self, coefficients=coef)

    def draw(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` parameter vectors from the asymptotic normal ``N(params, covariance)``.

        Feed them to ``predict_draws`` (vectorised) or ``with_params`` (one model each)
        for uncertainty intervals.
        """
        if n < 0:
            raise ModelInputError(f"number of draws must be >= 0; found {n}")
        cov = 0.5 * (self.covariance + self.covariance.T)
        vals, vecs = np.linalg.eigh(cov)
        root = vecs * np.sqrt(np.clip(vals, 0.0, None))
        z = rng.standard_normal((n, cov.shape[0]))
        return np.asarray(self.params + z @ root.T, dtype=np.float64)

    # ------------------------------------------------------------------ prediction
    def predict(
        self, available: npt.ArrayLike, covariates: npt.ArrayLike | None = None
    ) -> FloatArray:
        """Choice shares (``n_loc x n_prof``): sum to 1 over available profiles, 0 elsewhere.

        Args:
            available: bool ``n_loc x n_prof``, columns as ``profiles``; every row needs
                at least one available profile, and only estimated profiles may be
                available.
            covariates: ``n_loc x k`` in the order of ``covariate_names`` (may be
                omitted when the model has no covariates).
        """
        avail, z = self._check_inputs(available, covariates)
        return masked_probabilities(z @ self.coefficients, avail)

    def predict_data(self, data: ChoiceData) -> FloatArray:
        """``predict`` with the offer set and covariates of a ``ChoiceData``."""
        if data.profiles != self.profiles or data.covariate_names != self.covariate_names:
            raise ModelInputError(
                f"data has profiles {data.profiles} and covariates {data.covariate_names}; "
                f"the model expects {self.profiles} and {self.covariate_names}"
            )
        return self.predict(data.available, data.covariates)

    def predict_draws(
        self,
        draws: npt.ArrayLike,
        available: npt.ArrayLike,
        covariates: npt.ArrayLike | None = None,
    ) -> FloatArray:
        """Shares for each parameter draw: ``n_draws x n_loc x n_prof``."""
        theta = np.asarray(draws, dtype=np.float64)
        n_par = int(self.free.sum())
        if theta.ndim != 2 or theta.shape[1] != n_par:
            raise ModelInputError(f"draws must have shape (n_draws, {n_par}); found {theta.shape}")
        avail, z = self._check_inputs(available, covariates)
        coef = np.zeros((theta.shape[0], *self.coefficients.shape), dtype=np.float64)
        coef[:, self.free] = theta
        utilities = np.matmul(z, coef)
        return masked_probabilities(utilities, np.broadcast_to(avail, utilities.shape))

    def _check_inputs(
        self, available: npt.ArrayLike, covariates: npt.ArrayLike | None
    ) -> tuple[BoolArray, FloatArray]:
        avail = np.asarray(available)
        if avail.dtype != np.bool_:
            raise ModelInputError(f"available must be a bool array; found dtype {avail.dtype}")
        if avail.ndim != 2 or avail.shape[1] != len(self.profiles):
            raise ModelInputError(
                f"available must have shape (n_locations, {len(self.profiles)}) with columns "
                f"{', '.join(self.profiles)}; found {avail.shape}"
            )
        n_loc, k = avail.shape[0], len(self.covariate_names)
        if covariates is None:
            if k:
                raise ModelInputError(
                    f"the model needs covariates {list(self.covariate_names)}; none given"
                )
            x = np.zeros((n_loc, 0), dtype=np.float64)
        else:
            x = np.asarray(covariates, dtype=np.float64)
        if x.shape != (n_loc, k):
            raise ModelInputError(
                f"covariates must have shape ({n_loc}, {k}) with columns "
                f"{list(self.covariate_names)}; found {x.shape}"
            )
        if not np.all(np.isfinite(x)):
            raise ModelInputError("covariates must be finite; found NaN or infinite values")
        if not np.all(avail.any(axis=1)):
            bad = np.flatnonzero(~avail.any(axis=1))
            raise ModelInputError(
                f"every location must offer at least one profile; rows {bad[:5].tolist()} "
                "offer none"
            )
        not_estimated = [
            p for j, p in enumerate(self.profiles) if p not in self.included and avail[:, j].any()
        ]
        if not_estimated:
            raise ModelInputError(
                f"profiles {not_estimated} had no pupils in the estimation data, so the model "
                "has no parameters for them; they cannot be made available"
            )
        z = np.hstack([np.ones((n_loc, 1)), x])
        return avail, z

    def summary(self) -> ChoiceModelSummary:
        rows = []
        se = self.se
        for i, (name, (a, p)) in enumerate(
            zip(self.param_names, zip(*np.nonzero(self.free), strict=True), strict=True)
        ):
            rows.append(
                ParameterRow(
                    name=name,
                    kind="alpha" if a == 0 else "beta",
                    profile=self.profiles[p],
                    covariate=None if a == 0 else self.covariate_names[a - 1],
                    estimate=float(self.params[i]),
                    se=float(se[i]),
                )
            )
        return ChoiceModelSummary(
            leerweg=self.leerweg,
            reference=self.reference,
            excluded=tuple(p for p in self.profiles if p not in self.included),
            rows=tuple(rows),
            loglik=self.loglik,
            n_pupils=self.n_pupils,
            n_locations=self.n_locations,
            n_params=int(self.free.sum()),
            converged=self.converged,
            iterations=self.iterations,
            notes=self.notes,
        )


# ---------------------------------------------------------------------- estimation
@dataclass(frozen=True)
class _Setup:
    """Everything the optimiser needs; shared with leave-one-out validation."""

    problem: MnlProblem
    included: npt.NDArray[np.intp]  # columns of the data that are estimated
    reference: str
    mean: FloatArray
    scale: FloatArray
    notes: tuple[str, ...]


def _setup(
    data: ChoiceData,
    covariates_for: frozenset[str] | None,
    ridge: float,
    reference: str | None,
) -> _Setup:
    if not (ridge >= 0 and math.isfinite(ridge)):
        raise ModelInputError(f"ridge must be a finite number >= 0; found {ridge}")
    notes: list[str] = []
    totals = data.counts.sum(axis=0)
    included = np.flatnonzero(totals > 0)
    excluded = [data.profiles[j] for j in np.flatnonzero(totals == 0)]
    if included.size == 0:
        raise EstimationError("no pupils in the data: nothing to estimate")
    if excluded:
        notes.append(
            f"profiles without pupils anywhere excluded from the estimation: {', '.join(excluded)}"
        )
    inc_profiles = [data.profiles[j] for j in included]

    if covariates_for is None:
        with_cov = set(inc_profiles)
    else:
        unknown = sorted(str(p) for p in covariates_for if str(p) not in data.profiles)
        if unknown:
            raise ModelInputError(
                f"covariates_for names profiles {unknown} that are not in the data "
                f"({', '.join(data.profiles)})"
            )
        with_cov = {str(p) for p in covariates_for} & set(inc_profiles)
        dropped = sorted({str(p) for p in covariates_for} - set(inc_profiles))
        if dropped:
            notes.append(f"covariates_for profiles without pupils ignored: {', '.join(dropped)}")
    all_cov = with_cov == set(inc_profiles)

    order = sorted(inc_profiles, key=lambda p: (-totals[data.profiles.index(p)], p))
    if reference is None:
        outside = [p for p in order if p not in with_cov]
        reference = order[0] if all_cov or not outside else outside[0]
    else:
        reference = str(reference)
        if reference not in inc_profiles:
            raise ModelInputError(
                f"reference profile {reference!r} is not an estimated profile; "
                f"expected one of {', '.join(inc_profiles)}"
            )
        if reference in with_cov and not all_cov:
            raise ModelInputError(
                f"reference profile {reference!r} is in covariates_for while other profiles "
                "are not: its covariate effects would be fixed at 0; choose a reference "
                "outside covariates_for"
            )

    x = data.covariates
    k = x.shape[1]
    mean = x.mean(axis=0) if k else np.zeros(0)
    scale = x.std(axis=0) if k else np.zeros(0)
    constant = scale <= 1e-12 * np.maximum(1.0, np.abs(mean))
    if np.any(constant):
        names = [data.covariate_names[j] for j in np.flatnonzero(constant)]
        notes.append(f"covariates constant across locations, effects fixed at 0: {names}")
    mean = np.where(constant, 0.0, mean)
    scale = np.where(constant, 1.0, scale)
    z_cov = np.where(constant, 0.0, (x - mean) / scale)
    z = np.hstack([np.ones((data.n_locations, 1)), z_cov])

    free = np.zeros((1 + k, included.size), dtype=np.bool_)
    ref_col = inc_profiles.index(reference)
    free[0, :] = True
    free[0, ref_col] = False
    for c, p in enumerate(inc_profiles):
        if p in with_cov and p != reference:
            free[1:, c] = ~constant
    if covariates_for is not None and k:
        notes.append(
            f"covariate effects estimated for {', '.join(sorted(with_cov - {reference}))} "
            f"relative to the others"
        )
    problem = MnlProblem(
        z=z,
        counts=np.ascontiguousarray(data.counts[:, included]),
        available=np.ascontiguousarray(data.available[:, included]),
        free=free,
        ridge=ridge,
    )
    return _Setup(problem, included, reference, mean, scale, tuple(notes))


def _newton(
    problem: MnlProblem, theta: FloatArray, *, max_iter: int = 50, tol: float = 1e-10
) -> tuple[FloatArray, int, bool]:
    """Damped Newton steps from ``theta``; returns (theta, iterations, converged)."""
    value, grad = problem.value_grad(theta)
    for it in range(1, max_iter + 1):
        hess = problem.hessian(theta)
        try:
            factor = linalg.cho_factor(hess)
        except linalg.LinAlgError:
            return theta, it, False
        step = np.asarray(linalg.cho_solve(factor, grad), dtype=np.float64)
        decrement = float(grad @ step)
        if decrement < tol:
            return theta, it, True
        t = 1.0
        while True:
            trial = theta - t * step
            new_value, new_grad = problem.value_grad(trial)
            if new_value <= value - 1e-4 * t * decrement or t < 1e-8:
                break
            t *= 0.5
        if not math.isfinite(new_value):
            return theta, it, False
        theta, value, grad = trial, new_value, new_grad
    return theta, max_iter, False


def _optimise(
    problem: MnlProblem, start: FloatArray, optimizer: Optimizer = DEFAULT_OPTIMIZER
) -> tuple[FloatArray, int, bool]:
    if optimizer not in OPTIMIZERS:
        raise ModelInputError(
            f"optimizer must be one of {', '.join(OPTIMIZERS)}; found {optimizer!r}"
        )
    if problem.n_params == 0:
        return start, 0, True
    options: dict[str, Any] = {"maxiter": 5000, "gtol": 1e-7}
    if optimizer == "L-BFGS-B":
        options["ftol"] = 1e-13
    result = optimize.minimize(
        problem.value_grad,
        start,
        jac=True,
        hess=problem.hessian if optimizer == "trust-exact" else None,
        method=optimizer,
        options=options,
    )
    theta = np.asarray(result.x, dtype=np.float64)
    if not np.all(np.isfinite(theta)):
        raise EstimationError(f"the optimiser returned non-finite parameters: {result.message}")
    theta, polish, converged = _newton(problem, theta)
    return theta, int(result.nit) + polish, converged


def _start_values(setup: _Setup) -> FloatArray:
    problem = setup.problem
    totals = problem.counts.sum(axis=0)
    exposure = (problem.available * problem.totals[:, None]).sum(axis=0)
    rate = np.log(np.maximum(totals, 0.5) / np.maximum(exposure, 1.0))
    ref = int(np.flatnonzero(~problem.free[0])[0])
    w = np.zeros(problem.free.shape)
    w[0] = rate - rate[ref]
    return problem.flatten(w)


def _to_original(setup: _Setup, theta: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Coefficients on the original covariate scale and the linear map from theta."""
    k1 = setup.problem.k1
    t = np.eye(k1)
    t[0, 1:] = -setup.mean / setup.scale
    t[1:, 1:] = np.diag(1.0 / setup.scale)
    problem = setup.problem
    jac = np.zeros((problem.n_params, problem.n_params))
    for i in range(problem.n_params):
        e = np.zeros(problem.n_params)
        e[i] = 1.0
        jac[:, i] = problem.flatten(t @ problem.unflatten(e))
    return t @ problem.unflatten(theta), jac


def fit_choice_model(
    data: ChoiceData,
    *,
    covariates_for: frozenset[str] | None = None,
    ridge: float = DEFAULT_RIDGE,
    reference: str | None = None,
    optimizer: Optimizer = DEFAULT_OPTIMIZER,
) -> ChoiceModel:
    """Fit the MNL with availability to grouped counts by maximum likelihood.

    Args:
        data: counts, offer sets and covariates of one leerweg.
        covariates_for: profiles whose utility gets covariate effects (relative to all
            other profiles, whose effects are 0). ``None``: every estimated profile
            except the reference. ``frozenset()``: constants only.
        ridge: L2 penalty ``ridge/2 |theta|^2`` on the parameters (covariates
            standardised internally); tiny by default, it only keeps the Hessian
            invertible when a parameter is barely identified.
        reference: profile with ``alpha = 0`` (default: the most chosen profile, outside
            ``covariates_for`` when that is a strict subset).
        optimizer: the ``scipy.optimize.minimize`` method: ``"trust-exact"`` (default,
            analytic gradient and Hessian), ``"L-BFGS-B"`` or ``"BFGS"`` (analytic
            gradient). Each is followed by damped Newton steps to the same tolerance,
            so all three give the same optimum.

    Profiles without any pupil are left out of the estimation (noted in the summary)
    and cannot be predicted.
    """
    setup = _setup(data, covariates_for, ridge, reference)
    problem = setup.problem
    theta, iterations, converged = _optimise(problem, _start_values(setup), optimizer)
    notes = list(setup.notes)
    if not converged:
        notes.append("the optimiser did not reach the convergence tolerance")
    cov_std = _covariance(problem, theta, notes)
    coef_inc, jac = _to_original(setup, theta)
    cov = jac @ cov_std @ jac.T
    return _model_from(
        data, setup, coef_inc, cov, problem.loglik(theta), iterations, converged, tuple(notes)
    )


def _covariance(problem: MnlProblem, theta: FloatArray, notes: list[str]) -> FloatArray:
    if problem.n_params == 0:
        return np.zeros((0, 0))
    hess = problem.hessian(theta)
    try:
        factor = linalg.cho_factor(hess)
        cov = np.asarray(linalg.cho_solve(factor, np.eye(hess.shape[0])), dtype=np.float64)
    except linalg.LinAlgError:
        notes.append("observed information not positive definite; pseudo-inverse used for SEs")
        cov = np.asarray(np.linalg.pinv(hess), dtype=np.float64)
    return 0.5 * (cov + cov.T)


def _model_from(
    data: ChoiceData,
    setup: _Setup,
    coef_inc: FloatArray,
    cov: FloatArray,
    loglik: float,
    iterations: int,
    converged: bool,
    notes: tuple[str, ...],
) -> ChoiceModel:
    k1 = setup.problem.k1
    coef = np.zeros((k1, data.n_profiles))
    coef[:, setup.included] = coef_inc
    free = np.zeros((k1, data.n_profiles), dtype=np.bool_)
    free[:, setup.included] = setup.problem.free
    coef[~free] = 0.0
    for arr in (coef, free, cov):
        arr.flags.writeable = False
    return ChoiceModel(
        profiles=data.profiles,
        included=tuple(data.profiles[j] for j in setup.included),
        reference=setup.reference,
        covariate_names=data.covariate_names,
        coefficients=coef,
        free=free,
        covariance=cov,
        loglik=loglik,
        n_pupils=float(data.counts.sum()),
        n_locations=data.n_locations,
        ridge=setup.problem.ridge,
        converged=converged,
        iterations=iterations,
        notes=notes,
        leerweg=data.leerweg,
    )
