"""Uptake of a newly added technical profile, learned from the locations that started one.

The model (docs/model.md, "Uptake from real change") is a beta-binomial regression of a
location's techniek exam candidates out of all its vmbo BB/KB/GL candidates, per year,
**separately for boys and girls**, on the location-years that offer techniek:

    logit(mu) = b0 + b1 z(log address density) + b2 z(log candidates per year)
                + b3 green + b4 started + b5 stopping

``started`` marks the years from a location's start (a within-location change from no
techniek to techniek, ``exam_history``), ``stopping`` the last two techniek years of a
location that later stopped (offer follows demand). A new addition is predicted as a
*starter*: its level is learned from the real starts, its covariate gradient from every
location. The beta-binomial precision gives location-level heterogeneity, so draws carry
predictive and not only parameter uncertainty.

Green (landbouw) and single-profile locations get a **comparable-schools** estimate
instead: an intercept-only beta-binomial on the locations of the same kind that offer
techniek (green: landbouw at least half of the candidates; single-profile: one
non-technical sector besides techniek). Every output flags it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from kansrijk.memo import LruCache
from kansrijk.model.betabinomial import (
    BetaBinomialFit,
    fit_beta_binomial,
    predictive_shares,
    shares_given,
)
from kansrijk.model.errors import EstimationError, ModelInputError
from kansrijk.scenarios.exam_history import SEXES, ExamHistory, exam_history
from kansrijk.scenarios.national import _pc4_figures, content_key, pc4_covariate
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
T = TypeVar("T")

#: Design columns of the uptake regression, in order.
COLUMNS: tuple[str, ...] = ("const", "z_log_density", "z_log_size", "green", "started", "stopping")
#: Comparable-schools groups.
GROUPS: tuple[str, ...] = ("green", "single_profile")
#: Default viable group size per leerjaar (Oberon 2024: 12-18 pupils per group).
VIABLE_PUPILS = 12
#: Draws used per addition for the predictive distribution.
UPTAKE_DRAWS = 500
#: Fewer locations than this in a comparable-schools group: dispersion borrowed.
MIN_GROUP = 5


@dataclass(frozen=True)
class Standardiser:
    mean: float
    sd: float

    def __call__(self, v: FloatArray | float) -> FloatArray:
        return np.asarray((np.asarray(v, dtype=np.float64) - self.mean) / self.sd)


@dataclass(frozen=True)
class UptakeModel:
    """Fitted uptake regressions per sex, and comparable-schools fits per group and sex."""

    fits: dict[str, BetaBinomialFit]
    comparable: dict[str, dict[str, BetaBinomialFit]]
    density: Standardiser
    size: Standardiser
    years: tuple[int, ...]
    n_starters: int
    n_stoppers: int
    comparable_locations: dict[str, int]
    notes: tuple[str, ...] = field(default=())

    def design_row(self, log_density: float, log_size: float, green: bool) -> FloatArray:
        """Design row of a location that newly offers techniek (a starter)."""
        return np.array(
            [
                1.0,
                float(self.density(log_density)),
                float(self.size(log_size)),
                1.0 if green else 0.0,
                1.0,
                0.0,
            ]
        )

    def share_draws(
        self,
        sex: str,
        rng: np.random.Generator,
        draws: int,
        *,
        log_density: float,
        log_size: float,
        green: bool,
        group: str | None,
        theta: FloatArray | None = None,
    ) -> FloatArray:
        """Predictive draws of the location's techniek share for one sex.

        ``theta``: parameter draws of the fit used (``parameter_draws``), to share them
        between locations (as a scenario does); drawn afresh when None.
        """
        fit = self.fit_for(sex, group)
        th = fit.draw(draws, rng) if theta is None else theta
        if group is not None:
            return shares_given(fit, th, np.ones(1), rng)
        return shares_given(
            fit, th, self.design_row(log_density, log_size, green), rng, w=np.ones(1)
        )

    def fit_for(self, sex: str, group: str | None) -> BetaBinomialFit:
        """The fit a location of ``group`` (None: the uptake regression) is predicted by."""
        return self.fits[sex] if group is None else self.comparable[group][sex]

    def offering_share_draws(
        self,
        sex: str,
        rng: np.random.Generator,
        draws: int,
        *,
        log_density: float,
        log_size: float,
        green: bool,
    ) -> FloatArray:
        """Predictive draws for a location that already offers techniek (not a starter)."""
        x = self.design_row(log_density, log_size, green)
        x[COLUMNS.index("started")] = 0.0
        return predictive_shares(self.fits[sex], x, draws, rng, w=np.zeros(1))

    def to_dict(self) -> dict[str, object]:
        return {
            "years": list(self.years),
            "columns": list(COLUMNS),
            "fits": {s: f.to_dict() for s, f in self.fits.items()},
            "comparable": {
                g: {s: f.to_dict() for s, f in by.items()} for g, by in self.comparable.items()
            },
            "comparable_locations": dict(self.comparable_locations),
            "starters": self.n_starters,
            "stoppers": self.n_stoppers,
            "notes": list(self.notes),
        }


def location_density(hist: ExamHistory, wh: Warehouse) -> FloatArray:
    """log(1 + address density) of each history location's PC4, NaN where unknown."""
    figures = _pc4_figures(wh)
    return np.array(
        [pc4_covariate(figures, p, "log_address_density") if p else np.nan for p in hist.pc4]
    )


def training_rows(
    hist: ExamHistory, density: FloatArray, keep: npt.NDArray[np.bool_] | None = None
) -> tuple[FloatArray, FloatArray, FloatArray, npt.NDArray[np.int64]]:
    """(y [2 x m], n [2 x m], raw design [m x 6] with natural covariates, location index).

    Rows: location-years that offer techniek (of the locations in ``keep``).
    """
    offers = hist.offers_techniek()
    if keep is not None:
        offers = offers & keep[:, None]
    li, ti = np.nonzero(offers)
    tot = hist.total
    tech = hist.techniek
    green = hist.green()
    started = np.array(
        [
            hist.years[t] >= hist.starts.get(hist.locations[i], 10**6)
            for i, t in zip(li, ti, strict=True)
        ]
    )
    stopping = np.array(
        [
            hist.locations[i] in hist.stops
            and hist.stops[hist.locations[i]] - 1 <= hist.years[t] <= hist.stops[hist.locations[i]]
            for i, t in zip(li, ti, strict=True)
        ]
    )
    x = np.column_stack(
        [
            np.ones(li.size),
            density[li],
            np.log1p(tot.sum(axis=0)[li, ti]),
            green[li].astype(float),
            started.astype(float),
            stopping.astype(float),
        ]
    )
    y = tech[:, li, ti]
    n = tot[:, li, ti]
    return y, n, x, li.astype(np.int64)


def filled_density(density: FloatArray) -> tuple[FloatArray, list[str]]:
    """The locations' densities with the unknown ones filled as the model is estimated and
    predicted: the mean of the known ones, 0 when none is known; and notes saying so."""
    dens = density.copy()
    missing = ~np.isfinite(dens)
    notes: list[str] = []
    if missing.all():
        dens[:] = 0.0
        notes.append("no PC4 address density for any location: density effect is 0")
    elif missing.any():
        dens[missing] = float(dens[~missing].mean())
        notes.append(
            f"{int(missing.sum())} of {dens.size} exam locations without a PC4 address density "
            "(not in the loaded location file) get the mean"
        )
    return dens, notes


def fit_uptake(hist: ExamHistory, density: FloatArray) -> UptakeModel:
    """Estimate the uptake model on every loaded year of ``hist``."""
    dens, notes = filled_density(density)
    y, n, x, li = training_rows(hist, dens)
    d_std = Standardiser(float(x[:, 1].mean()), float(x[:, 1].std()) or 1.0)
    s_std = Standardiser(float(x[:, 2].mean()), float(x[:, 2].std()) or 1.0)
    z = x.copy()
    z[:, 1] = d_std(x[:, 1])
    z[:, 2] = s_std(x[:, 2])
    cols = [j for j in range(z.shape[1]) if j == 0 or np.ptp(z[:, j]) > 0]
    if len(cols) < z.shape[1]:
        dropped = [COLUMNS[j] for j in range(z.shape[1]) if j not in cols]
        notes.append(f"columns without variation left out: {', '.join(dropped)}")
    started = z[:, COLUMNS.index("started")]
    own_dispersion = np.unique(li[started > 0]).size >= MIN_GROUP
    if not own_dispersion:
        notes.append(
            f"{np.unique(li[started > 0]).size} starters: too few for their own dispersion; "
            "the starters share the dispersion of all locations"
        )
    fits = {
        s: _pad(
            fit_beta_binomial(
                y[k],
                n[k],
                z[:, cols],
                [COLUMNS[j] for j in cols],
                dispersion=started[:, None] if own_dispersion else None,
                dispersion_names=("started",) if own_dispersion else (),
            ),
            cols,
        )
        for k, s in enumerate(SEXES)
    }
    comparable: dict[str, dict[str, BetaBinomialFit]] = {}
    counts: dict[str, int] = {}
    for g, found in comparable_rows(hist, li, x).items():
        rows = found
        if 0 < int(rows.sum()) < 3:
            notes.append(f"comparable-schools group {g}: fewer than 3 location-years")
            rows = np.zeros_like(found)
        if not rows.any():
            started_rows = x[:, COLUMNS.index("started")] > 0
            rows = started_rows if started_rows.sum() >= 3 else np.ones_like(found)
            notes.append(
                f"comparable-schools group {g}: no such location offers techniek; "
                + ("the starters are used" if started_rows.sum() >= 3 else "all locations are used")
            )
        counts[g] = int(np.unique(li[rows]).size)
        small = counts[g] < MIN_GROUP
        if small:
            notes.append(
                f"comparable-schools group {g}: only {counts[g]} locations, too few to estimate "
                "their own dispersion; the main model's is used"
            )
        comparable[g] = {
            s: fit_beta_binomial(
                y[k][rows],
                n[k][rows],
                np.ones((int(rows.sum()), 1)),
                ["const"],
                fixed_log_s=_starter_log_s(fits[s]) if small else None,
            )
            for k, s in enumerate(SEXES)
        }
    return UptakeModel(
        fits=fits,
        comparable=comparable,
        density=d_std,
        size=s_std,
        years=hist.years,
        n_starters=len(hist.starts),
        n_stoppers=len(hist.stops),
        comparable_locations=counts,
        notes=tuple(notes),
    )


def comparable_rows(
    hist: ExamHistory, li: npt.NDArray[np.int64], x: FloatArray
) -> dict[str, npt.NDArray[np.bool_]]:
    """Training rows of each comparable-schools group.

    ``green``: locations where landbouw is at least ``GREEN_SHARE`` of the candidates and
    that offer techniek (green schools hardly ever do). ``single_profile``: the years from
    the start of the starters that had one non-technical sector before they started
    techniek (all starters when fewer than five did).
    """
    green = hist.green()[li]
    started = x[:, COLUMNS.index("started")] > 0
    one = {loc for loc, k in hist.non_tech_sectors_before_start().items() if k == 1}
    single = started & np.array([hist.locations[i] in one for i in li], dtype=bool)
    if np.unique(li[single]).size < 5:
        single = started
    return {"green": green, "single_profile": single}


def _starter_log_s(fit: BetaBinomialFit) -> tuple[float, float]:
    """log precision of the starters' rows and its variance."""
    k = fit.k
    v = np.ones(len(fit.dispersion_names))
    cov = fit.covariance[k:, k:]
    return float(fit.gamma @ v), float(v @ cov @ v)


def _pad(fit: BetaBinomialFit, cols: list[int]) -> BetaBinomialFit:
    """Put a fit on fewer columns back on all of ``COLUMNS`` (left-out effects exactly 0)."""
    if len(cols) == len(COLUMNS):
        return fit
    q = len(fit.dispersion_names)
    k = len(COLUMNS) + q
    idx = [*cols, *range(len(COLUMNS), k)]
    params = np.zeros(k)
    params[idx] = fit.params
    cov = np.zeros((k, k))
    cov[np.ix_(idx, idx)] = fit.covariance
    return BetaBinomialFit(
        COLUMNS, params, cov, fit.loglik, fit.n_obs, fit.pupils, fit.dispersion_names
    )


# ---------------------------------------------------------------------- cache
#: The uptake model per warehouse content, and inputs built once per content
#: (``cached_input``); single flight: concurrent first requests estimate once.
_cache: LruCache[UptakeModel | None] = LruCache(maxsize=8)
_inputs: LruCache[object] = LruCache(maxsize=64)


def warehouse_key(wh: Warehouse) -> tuple[object, ...]:
    """The warehouse's content key (file and provenance checksums) for the caches."""
    return content_key(wh)


def uptake_model(wh: Warehouse, key: tuple[object, ...] | None = None) -> UptakeModel | None:
    """The uptake model of the warehouse (None without exam data); cached per content."""
    key = warehouse_key(wh) if key is None else key
    return _cache.get_or_make(key, lambda: _estimate(wh))


def _estimate(wh: Warehouse) -> UptakeModel | None:
    hist = exam_history(wh)
    if len(hist.locations) >= 10 and len(hist.years) >= 2 and hist.offers_techniek().sum() >= 10:
        try:
            return fit_uptake(hist, location_density(hist, wh))
        except (ModelInputError, EstimationError):
            pass  # too little exam history: the MNL baseline only
    return None


def clear_uptake_cache() -> None:
    _cache.clear()
    _inputs.clear()


def cached_input(wh_key: tuple[object, ...], name: str, build: Callable[[], T]) -> T:
    """``build()`` once per warehouse content (``warehouse_key``) and ``name``."""
    return cast("T", _inputs.get_or_make((*wh_key, name), build))
