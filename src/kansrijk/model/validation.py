"""Leave-one-location-out validation of the choice model against a naive baseline.

For every location ``i`` the model is re-estimated without ``i`` and predicts ``i``'s
share choosing a profile set (default: techniek = BWI, PIE, MT, MAT) from ``i``'s offer
and covariates. The naive baseline predicts the pooled profile shares of all *other*
locations (optionally only those in the same group, e.g. region), renormalised over
the profiles ``i`` offers. Both are compared with ``i``'s observed share by mean
absolute error, unweighted and weighted by ``i``'s pupils.

Re-estimation (``method="newton"``, the default) starts at the full-sample optimum and
iterates Newton steps with the Hessian of the reduced sample evaluated at that optimum
(``H - H_i``, one Cholesky factorisation per location) until the step is below 1e-9:
an exact refit to that tolerance, at a fraction of the cost of a fresh optimisation.
``method="one_step"`` stops after the first step (the classic one-step approximation);
``method="refit"`` runs ``fit_choice_model`` afresh for each location (slow; a check).
A location that is the only one with pupils in some profile is always refitted afresh;
that profile then cannot be predicted there (share 0, as in the naive baseline).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import linalg

from kansrijk.model._likelihood import MnlProblem, masked_softmax
from kansrijk.model.choice_data import ChoiceData
from kansrijk.model.choice_model import (
    DEFAULT_OPTIMIZER,
    DEFAULT_RIDGE,
    _optimise,
    _setup,
    _start_values,
    fit_choice_model,
)
from kansrijk.model.errors import EstimationError, ModelInputError
from kansrijk.vocab.profiles import ProfileSet

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

LooMethod = Literal["newton", "one_step", "refit"]
_STEP_TOL = 1e-9
_MAX_CHORD = 50


@dataclass(frozen=True, eq=False)
class LooResult:
    """Per-location observed and predicted shares of a profile set, and the errors.

    ``used`` marks the locations in the error statistics: locations with pupils, whose
    baseline is defined, and (unless ``skip_trivial=False``) that offer at least one
    profile of the set (elsewhere both predictions are 0 and exactly right).
    """

    locations: tuple[str, ...]
    profile_set: tuple[str, ...]
    observed: FloatArray
    predicted: FloatArray
    baseline: FloatArray
    pupils: FloatArray
    used: BoolArray
    method: str
    n_fallback: int
    seconds: float

    @staticmethod
    def _mae(pred: FloatArray, obs: FloatArray, weights: FloatArray | None) -> float:
        if pred.size == 0:
            return math.nan
        err = np.abs(pred - obs)
        if weights is None:
            return float(err.mean())
        return float((err * weights).sum() / weights.sum())

    @property
    def n_used(self) -> int:
        return int(self.used.sum())

    @property
    def mae_model(self) -> float:
        return self._mae(self.predicted[self.used], self.observed[self.used], None)

    @property
    def mae_baseline(self) -> float:
        return self._mae(self.baseline[self.used], self.observed[self.used], None)

    @property
    def mae_model_weighted(self) -> float:
        u = self.used
        return self._mae(self.predicted[u], self.observed[u], self.pupils[u])

    @property
    def mae_baseline_weighted(self) -> float:
        u = self.used
        return self._mae(self.baseline[u], self.observed[u], self.pupils[u])

    @property
    def beats_baseline(self) -> bool:
        """True when the model's MAE is below the baseline's, unweighted and weighted."""
        return (
            self.mae_model < self.mae_baseline
            and self.mae_model_weighted < self.mae_baseline_weighted
        )

    def to_dict(self) -> dict[str, Any]:
        def clean(a: FloatArray) -> list[float | None]:
            return [None if math.isnan(v) else float(v) for v in a]

        return {
            "profile_set": list(self.profile_set),
            "method": self.method,
            "n_locations": len(self.locations),
            "n_used": self.n_used,
            "n_fallback": self.n_fallback,
            "seconds": self.seconds,
            "mae_model": self.mae_model,
            "mae_baseline": self.mae_baseline,
            "mae_model_weighted": self.mae_model_weighted,
            "mae_baseline_weighted": self.mae_baseline_weighted,
            "beats_baseline": self.beats_baseline,
            "locations": [
                {
                    "location": loc,
                    "observed": o,
                    "predicted": p,
                    "baseline": b,
                    "pupils": float(n),
                    "used": bool(u),
                }
                for loc, o, p, b, n, u in zip(
                    self.locations,
                    clean(self.observed),
                    clean(self.predicted),
                    clean(self.baseline),
                    self.pupils,
                    self.used,
                    strict=True,
                )
            ],
        }


def naive_baseline(
    data: ChoiceData, row: int, profile_set: npt.NDArray[np.intp], groups: Sequence[str] | None
) -> float:
    """Pooled shares of the other locations (same group), renormalised over ``row``'s offer."""
    others = np.ones(data.n_locations, dtype=np.bool_)
    others[row] = False
    if groups is not None:
        others &= np.asarray(groups) == groups[row]
    pooled = data.counts[others].sum(axis=0) * data.available[row]
    total = pooled.sum()
    if total <= 0:
        return math.nan
    return float(pooled[profile_set].sum() / total)


def leave_one_out(
    data: ChoiceData,
    fit_kwargs: Mapping[str, Any] | None = None,
    *,
    profile_set: frozenset[str] | None = None,
    method: LooMethod = "newton",
    groups: Sequence[str] | None = None,
    skip_trivial: bool = True,
) -> LooResult:
    """Leave-one-location-out prediction of each location's share in ``profile_set``.

    Args:
        data: the estimation data.
        fit_kwargs: keyword arguments of ``fit_choice_model`` (``covariates_for``,
            ``ridge``, ``reference``, ``optimizer``).
        profile_set: profile codes summed (default: techniek, BWI + PIE + MT + MAT);
            codes that are not columns of the data count as 0.
        method: ``"newton"`` (exact refit by warm-started Newton iterations),
            ``"one_step"`` (one Newton step) or ``"refit"`` (fresh fit per location).
        groups: optional group label per location (e.g. region); the naive baseline
            then pools only the other locations of the same group.
        skip_trivial: leave locations offering no profile of the set out of the MAE.
    """
    started = time.perf_counter()
    kwargs = dict(fit_kwargs or {})
    unknown = set(kwargs) - {"covariates_for", "ridge", "reference", "optimizer"}
    if unknown:
        raise ModelInputError(
            f"unknown fit_kwargs {sorted(unknown)}; expected covariates_for, ridge, "
            "reference, optimizer"
        )
    if method not in ("newton", "one_step", "refit"):
        raise ModelInputError(f"method must be newton, one_step or refit; found {method!r}")
    if groups is not None and len(groups) != data.n_locations:
        raise ModelInputError(
            f"groups must have one label per location ({data.n_locations}); found {len(groups)}"
        )
    pset = ProfileSet.TECHNIEK.profiles if profile_set is None else profile_set
    in_data = frozenset(str(p) for p in pset) & frozenset(data.profiles)
    if not in_data:
        raise ModelInputError(
            f"none of the profiles {sorted(str(p) for p in pset)} is in the data "
            f"({', '.join(data.profiles)})"
        )
    set_cols = data.profile_index(in_data)

    n = data.n_locations
    pupils = data.totals
    observed = np.full(n, math.nan)
    has_pupils = pupils > 0
    observed[has_pupils] = data.counts[has_pupils][:, set_cols].sum(axis=1) / pupils[has_pupils]
    baseline = np.array([naive_baseline(data, i, set_cols, groups) for i in range(n)])
    predicted = np.full(n, math.nan)

    setup = _setup(
        data,
        kwargs.get("covariates_for"),
        float(kwargs.get("ridge", DEFAULT_RIDGE)),
        kwargs.get("reference"),
    )
    problem = setup.problem
    inc_set = np.isin(setup.included, set_cols)
    n_fallback = 0
    if method != "refit":
        theta_full, _, converged = _optimise(
            problem, _start_values(setup), kwargs.get("optimizer", DEFAULT_OPTIMIZER)
        )
        if not converged:
            raise EstimationError("the full-sample fit did not converge; cannot warm-start")
        hess_full = problem.hessian(theta_full)
        counts_total = problem.counts.sum(axis=0)
    for i in range(n):
        if not has_pupils[i]:
            continue
        if method != "refit" and np.all(counts_total - problem.counts[i] > 0):
            theta = _newton_loo(problem, theta_full, hess_full, i, one_step=method == "one_step")
            if theta is not None:
                probs, _ = masked_softmax(
                    problem.z[i] @ problem.unflatten(theta), problem.available[i]
                )
                predicted[i] = float(probs[inc_set].sum())
                continue
        n_fallback += 1
        predicted[i] = _refit_predict(data, i, kwargs, set_cols)

    offers_set = data.available[:, set_cols].any(axis=1)
    used = has_pupils & np.isfinite(baseline) & np.isfinite(predicted)
    if skip_trivial:
        used &= offers_set
    for arr in (observed, predicted, baseline, pupils, used):
        arr.flags.writeable = False
    return LooResult(
        locations=data.locations,
        profile_set=tuple(data.profiles[j] for j in set_cols),
        observed=observed,
        predicted=predicted,
        baseline=baseline,
        pupils=pupils,
        used=used,
        method=method,
        n_fallback=n_fallback if method != "refit" else 0,
        seconds=time.perf_counter() - started,
    )


def _newton_loo(
    problem: MnlProblem, theta_full: FloatArray, hess_full: FloatArray, row: int, *, one_step: bool
) -> FloatArray | None:
    """Parameters without location ``row``; None when the iterations do not converge."""
    grad_i = problem.location_grad(theta_full, row)
    hess = hess_full - problem.location_hessian(theta_full, row)
    try:
        factor = linalg.cho_factor(hess)
    except linalg.LinAlgError:
        return None
    theta: FloatArray = theta_full + np.asarray(linalg.cho_solve(factor, grad_i))
    if one_step:
        return theta
    for _ in range(_MAX_CHORD):
        _, grad = problem.value_grad(theta)
        grad = grad - problem.location_grad(theta, row)
        step = np.asarray(linalg.cho_solve(factor, grad), dtype=np.float64)
        theta = theta - step
        if not np.all(np.isfinite(theta)):
            return None
        if float(np.max(np.abs(step), initial=0.0)) < _STEP_TOL:
            return theta
    return None


def _refit_predict(
    data: ChoiceData, row: int, kwargs: dict[str, Any], set_cols: npt.NDArray[np.intp]
) -> float:
    rest = data.subset(np.arange(data.n_locations) != row)
    fit_args = dict(kwargs)
    ref = fit_args.get("reference")
    if ref is not None and rest.counts[:, rest.profiles.index(str(ref))].sum() == 0:
        fit_args.pop("reference")
    model = fit_choice_model(rest, **fit_args)
    avail = data.available[row : row + 1].copy()
    avail &= np.isin(np.array(data.profiles), np.array(model.included))
    if not avail.any():
        return math.nan
    shares = model.predict(avail, data.covariates[row : row + 1])
    return float(shares[0, set_cols].sum())
