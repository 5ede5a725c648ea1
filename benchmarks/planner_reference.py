"""A plain numpy reference of a planner point run of the ``add_profile_where_missing`` kind
(the ``mrdh-pie`` preset), written from the documented formulas, not from the planner's
code: the benchmark runs both on the same inputs and checks that the totals agree.

The inputs are plain arrays (``PointInputs``): the region's counts per leerweg x location
x profile, the estimated choice models' design rows and coefficients, the flow rates, the
report regions' masks, the horizon, and for the uptake model its fitted parameters and
covariances, each added location's design row and pupils by sex, and the run's seed.
``inputs_from_run`` collects them (not timed); ``reference_point_run`` does the work:

1. the intervention: every location of the region with pupils and no profile of
   ``missing`` gets ``profile`` in each leerweg with pupils whose model estimates it;
2. the choice shares of every changed leerweg x location row: observed shares for the
   observed offer and ``exp(u_p) / sum_{q observed} exp(u_q)`` for the new profile,
   normalised (pivot-point MNL with availability);
3. pupils per location, entrants per location (pupils x flow rates), and per year and
   report region the baseline and scenario (leerjaar 3 under this year's offer, leerjaar
   4 under last year's, entrants = leerjaar-4 leavers x this year's rates), and the
   steady state;
4. the uptake model's predictive draws per added technical profile: parameter draws per
   sex and fit (N(estimate, covariance)), per addition a beta share and a binomial
   number of pupils per sex from the addition's own random stream, the new profile's flow
   rate, the share ``theta`` of the flow-rate gap and the diploma yield, and the totals
   over the counted additions.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from kansrijk.model import FlowRates
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import Baseline, Scenario, ScenarioResult
from kansrijk.scenarios.exam_history import exam_history, newest_activity, techniek_pass_rate
from kansrijk.scenarios.national import PROFILES, _pc4_figures, pc4_covariate
from kansrijk.scenarios.runner import DEFAULT_SEED, intake_levels, newest_year
from kansrijk.scenarios.uptake import UPTAKE_DRAWS, uptake_model, warehouse_key
from kansrijk.scenarios.uptake_report import addition_flags, sex_pupils
from kansrijk.vocab import ProfileSet
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Fit:
    """A beta-binomial fit: ``k`` mean parameters, then the dispersion parameters."""

    params: FloatArray
    covariance: FloatArray
    k: int


@dataclass(frozen=True)
class PointInputs:
    """Everything a point run of the preset needs, as plain arrays."""

    # choice model and baseline (L locations, P profiles)
    codes: tuple[str, ...]
    counts: FloatArray  # 3 x L x P, pupils in leerjaar 3-4
    design: tuple[FloatArray, ...]  # per leerweg L x (1 + k)
    coefs: tuple[FloatArray, ...]  # per leerweg (1 + k) x P
    estimable: BoolArray  # 3 x P
    in_region: BoolArray  # L: locations of the intervention's region
    missing: BoolArray  # P: a location offering none of these gets the profile
    profile: int
    profile_code: str
    techniek: BoolArray  # P: the techniek profiles (pupils reported)
    # flow and horizon
    rates_incl: FloatArray  # L x P, clipped, with the distance effect
    masks: FloatArray  # R x L
    years: tuple[int, ...]
    levels: dict[int, float]
    effect_year: int  # first year whose pupils choose under the new offer
    leaver_share: float
    # uptake model
    technical: BoolArray  # P: techniek incl. ICT
    fits: dict[tuple[str, str], Fit]  # (sex, group or "") -> fit
    group: tuple[str, ...]  # per location: "" (regression) or its comparable group
    x: FloatArray  # L x k design row as a starter
    sex_pupils: FloatArray  # L x 3 x 2: pupils per leerjaar by leerweg and sex
    no_sex_split: BoolArray  # L: no sex figures, use the national 54% boys
    counted: BoolArray  # L: open and not offering techniek since
    rate_central: FloatArray  # P
    rate_low: FloatArray  # P
    rate_high: FloatArray  # P
    pass_rate: float
    theta: tuple[float, float, float]
    diploma_yield: tuple[float, float, float]
    entropy: int
    draws: int


@dataclass(frozen=True)
class PointTotals:
    """The totals compared with the planner's result."""

    entrants_baseline: FloatArray  # years x R
    entrants_scenario: FloatArray
    techniek_baseline: FloatArray
    techniek_scenario: FloatArray
    extra_entrants_per_year: float  # steady state, region 0
    extra_techniek_pupils: float
    additions: int
    uptake_pupils: float  # mean over draws of the counted additions' pupils per leerjaar
    uptake_entrants: float
    uptake_diplomas: float


def _stream(entropy: int, *key: str) -> np.random.Generator:
    return np.random.default_rng([entropy, zlib.crc32("\x1f".join(key).encode("utf-8"))])


def _mvn(fit: Fit, n: int, rng: np.random.Generator) -> FloatArray:
    """``n`` draws from N(params, covariance) through the eigen-decomposition."""
    vals, vecs = np.linalg.eigh(0.5 * (fit.covariance + fit.covariance.T))
    z = rng.standard_normal((n, fit.params.size))
    return np.asarray(fit.params + z @ (vecs * np.sqrt(np.clip(vals, 0.0, None))).T)


def reference_point_run(inp: PointInputs, *, uptake: bool = True) -> PointTotals:
    """The point run's totals (``uptake`` False: steps 1-3 only, the uptake totals NaN)."""
    counts = inp.counts
    n_lw = counts.shape[0]
    pupils = counts.sum(axis=2)  # 3 x L
    offer = counts > 0
    # 1. the intervention
    has = pupils > 0
    gets = inp.in_region & has.any(axis=0) & ~offer[:, :, inp.missing].any(axis=(0, 2))
    added = np.zeros_like(offer)
    added[:, :, inp.profile] = has & gets[None, :] & inp.estimable[:, inp.profile][:, None]
    added &= ~offer
    changed = np.asarray(added.any(axis=2))
    # 2. choice shares of the changed rows
    by_school = counts.sum(axis=0)  # L x P under the full offer
    for lw in range(n_lw):
        rows = np.flatnonzero(changed[lw])
        if not rows.size:
            continue
        u = inp.design[lw][rows] @ inp.coefs[lw]
        u[:, ~inp.estimable[lw]] = -np.inf
        obs = offer[lw, rows]
        denom = np.where(obs, np.exp(u), 0.0).sum(axis=1, keepdims=True)
        shares = counts[lw, rows] / pupils[lw, rows][:, None]
        w = np.where(obs, shares, np.where(added[lw, rows], np.exp(u) / denom, 0.0))
        w /= w.sum(axis=1, keepdims=True)
        by_school[rows] += pupils[lw, rows][:, None] * w - counts[lw, rows]
    observed = counts.sum(axis=0)
    # 3. the horizon
    techniek_set = inp.techniek.astype(np.float64)
    ent_base = (observed * inp.rates_incl).sum(axis=1)  # L
    ent_scen = (by_school * inp.rates_incl).sum(axis=1)
    ls = inp.leaver_share
    n_y, n_r = len(inp.years), inp.masks.shape[0]
    out = {k: np.zeros((n_y, n_r)) for k in ("eb", "es", "tb", "ts")}
    for t, y in enumerate(inp.years):
        now = by_school if y >= inp.effect_year else observed
        before = by_school if y - 1 >= inp.effect_year else observed
        lv, lv_prev = inp.levels[y], inp.levels[y - 1]
        scen = (1 - ls) * lv * now + ls * lv_prev * before
        base = ((1 - ls) * lv + ls * lv_prev) * observed
        out["ts"][t] = inp.masks @ (scen @ techniek_set)
        out["tb"][t] = inp.masks @ (base @ techniek_set)
        out["es"][t] = ls * lv_prev * (inp.masks @ (before * inp.rates_incl).sum(axis=1))
        out["eb"][t] = ls * lv_prev * (inp.masks @ ent_base)
    last = inp.levels[inp.years[-1]]
    extra_ss = float(ls * last * (ent_scen - ent_base) @ inp.masks[0])
    extra_tech = float(last * ((by_school - observed) @ techniek_set) @ inp.masks[0])
    # 4. uptake draws of the added technical profiles
    rows = np.flatnonzero(gets & added.any(axis=(0, 2)))
    mnl = PointTotals(
        entrants_baseline=out["eb"],
        entrants_scenario=out["es"],
        techniek_baseline=out["tb"],
        techniek_scenario=out["ts"],
        extra_entrants_per_year=extra_ss,
        extra_techniek_pupils=extra_tech,
        additions=int(rows.size),
        uptake_pupils=math.nan,
        uptake_entrants=math.nan,
        uptake_diplomas=math.nan,
    )
    if not uptake:
        return mnl
    if not inp.technical[inp.profile]:
        rows = rows[:0]
    draws = inp.draws
    pupils_d = np.zeros((draws, rows.size))
    params = {
        (sex, g): _mvn(inp.fits[sex, g], draws, _stream(inp.entropy, "parameters", sex, g))
        for sex in ("m", "f")
        for g in dict.fromkeys(inp.group[r] for r in rows)
    }
    r_new = np.empty((draws, rows.size))
    for a, r in enumerate(rows):
        stream = _stream(inp.entropy, "addition", inp.codes[r], inp.profile_code)
        lws = added[:, r].any(axis=1)
        if inp.no_sex_split[r]:
            n_sex = np.array([0.54, 0.46]) * float(counts[lws, r].sum()) / 2.0
        else:
            n_sex = inp.sex_pupils[r, lws].sum(axis=0)
        for k, sex in enumerate(("m", "f")):
            fit, theta = inp.fits[sex, inp.group[r]], params[sex, inp.group[r]]
            if inp.group[r] == "":
                eta, log_s = theta[:, : fit.k] @ inp.x[r], theta[:, fit.k :].sum(axis=1)
            else:
                eta, log_s = theta[:, 0], theta[:, fit.k]
            mu = np.clip(expit(eta), 1e-9, 1 - 1e-9)
            s = np.exp(np.clip(log_s, np.log(0.05), np.log(1e6)))
            share = stream.beta(mu * s, (1.0 - mu) * s)
            pupils_d[:, a] += stream.binomial(int(np.round(n_sex[k])), share)
        r_new[:, a] = stream.uniform(inp.rate_low[inp.profile], inp.rate_high[inp.profile], draws)
    cnt = np.einsum("lr,lrp->rp", added[:, rows].any(axis=2).astype(float), counts[:, rows])
    tot = cnt.sum(axis=1)
    other = np.divide(cnt @ inp.rate_central, tot, out=np.zeros_like(tot), where=tot > 0)
    th = _stream(inp.entropy, "theta").triangular(*inp.theta, (draws, 1))
    dy = _stream(inp.entropy, "diploma_yield").triangular(*inp.diploma_yield, (draws, 1))
    entrants = pupils_d * inp.pass_rate * th * np.clip(r_new - other, 0.0, None)
    counted = inp.counted[rows]
    return replace(
        mnl,
        uptake_pupils=float(pupils_d[:, counted].sum(axis=1).mean()),
        uptake_entrants=float(entrants[:, counted].sum(axis=1).mean()),
        uptake_diplomas=float((entrants * dy)[:, counted].sum(axis=1).mean()),
    )


# ---------------------------------------------------------------------- inputs, not timed
def inputs_from_run(
    wh: Warehouse, catalog: RegionCatalog, scenario: Scenario, seed: int = DEFAULT_SEED
) -> PointInputs:
    """The reference's inputs for ``scenario`` (one ``add_profile_where_missing``, no
    shared profiles, default parameters) from the warehouse: the planner's estimated
    models, baseline arrays and uptake model, as plain arrays."""
    (iv,) = scenario.interventions
    assert iv.type == "add_profile_where_missing"
    assert iv.profile != "best"
    cfg = scenario.parameters
    base = Baseline.from_warehouse(wh, catalog, scenario.region, newest_year(wh))
    rates = FlowRates.load(cfg.flow_rates_file)
    per_km = rates.per_km if cfg.per_km is None else cfg.per_km
    shift = np.where(
        np.isfinite(base.dist_ict_km) & np.isfinite(base.ref_ict_km),
        base.dist_ict_km - base.ref_ict_km,
        0.0,
    )
    rate_vec = rates.vector(PROFILES, region=cfg.flow_region)
    horizon = scenario.horizon_for(base.year)
    regions = [base.region] + [base.resolve(c) for c in scenario.report_regions]
    key = warehouse_key(wh)
    model = uptake_model(wh, key)
    assert model is not None
    sexes = sex_pupils(wh, base.year, None)
    activity = newest_activity(exam_history(wh))
    figures = _pc4_figures(wh)
    n = base.n_locations
    groups, x, by_sex, no_split, counted = [], [], np.zeros((n, 3, 2)), np.zeros(n, bool), []
    sizes = np.log1p(base.counts.sum(axis=(0, 2)) / 2.0)
    for r, code in enumerate(base.locations):
        flags, group = addition_flags(base, r)
        groups.append(group or "")
        dens = pc4_covariate(figures, base.pc4[r], "log_address_density")
        dens = float(dens) if np.isfinite(dens) else model.density.mean
        x.append(model.design_row(dens, float(sizes[r]), group == "green"))
        if code in sexes:
            by_sex[r] = sexes[code]
        else:
            no_split[r] = True
        recent, tech_now = activity.get(code, (True, False))
        counted.append(recent and not (tech_now and "already_technical" not in flags))
    fits = {
        (sex, g or ""): Fit(f.params, f.covariance, f.k)
        for sex in ("m", "f")
        for g in (None, *model.comparable)
        for f in [model.fit_for(sex, g)]
    }
    return PointInputs(
        codes=base.locations,
        counts=np.array(base.counts),
        design=tuple(np.array(d) for d in base.design),
        coefs=tuple(np.array(m.coefficients) for m in base.models if m is not None),
        estimable=np.array(base.estimable),
        in_region=base.mask(catalog.get(iv.region)),
        missing=np.isin(PROFILES, iv.missing),
        profile=PROFILES.index(iv.profile),
        profile_code=iv.profile,
        techniek=np.isin(PROFILES, ProfileSet.TECHNIEK.codes),
        rates_incl=np.clip(rate_vec[None, :] + per_km * shift[:, None], 0.0, 1.0),
        masks=np.array([base.mask(reg) for reg in regions], dtype=np.float64),
        years=tuple(horizon.range),
        levels=intake_levels(scenario, horizon),
        effect_year=(iv.from_year or horizon.start) + cfg.implementation_lag,
        leaver_share=cfg.leaver_share,
        technical=np.isin(PROFILES, ProfileSet.TECHNIEK_ICT.codes),
        fits=fits,
        group=tuple(groups),
        x=np.array(x),
        sex_pupils=by_sex,
        no_sex_split=no_split,
        counted=np.array(counted),
        rate_central=rate_vec,
        rate_low=rates.vector(PROFILES, bound="low"),
        rate_high=rates.vector(PROFILES, bound="high"),
        pass_rate=techniek_pass_rate(wh)[0],
        theta=cfg.theta,
        diploma_yield=cfg.diploma_yield,
        entropy=_entropy(seed),
        draws=UPTAKE_DRAWS,
    )


def _entropy(seed: int) -> int:
    entropy = np.random.SeedSequence(seed).entropy
    assert isinstance(entropy, int)
    return entropy


def differences(ref: PointTotals, result: ScenarioResult, tol: float = 1e-9) -> list[str]:
    """Where the planner's ``result`` differs from the reference by more than ``tol``
    (relative, or absolute near zero)."""
    out = []
    codes = list(dict.fromkeys(r.region for r in result.years))
    years = sorted({r.year for r in result.years})
    pairs = {
        "entrants_baseline": ref.entrants_baseline,
        "entrants_scenario": ref.entrants_scenario,
        "techniek_baseline": ref.techniek_baseline,
        "techniek_scenario": ref.techniek_scenario,
    }
    for row in result.years:
        t, r = years.index(row.year), codes.index(row.region)
        for name, arr in pairs.items():
            out.append((f"{row.region} {row.year} {name}", getattr(row, name), arr[t, r]))
    up = result.extra["uptake"]
    out += [
        (
            "extra_entrants_per_year",
            result.summary.extra_entrants_per_year,
            ref.extra_entrants_per_year,
        ),
        ("extra_techniek_pupils", result.summary.extra_techniek_pupils, ref.extra_techniek_pupils),
        ("additions", len(result.additions), ref.additions),
        ("uptake pupils", up["extra_technical_pupils_per_leerjaar"], ref.uptake_pupils),
        ("uptake entrants", up["extra_entrants_per_year"], ref.uptake_entrants),
        ("uptake diplomas", up["extra_diplomas_per_year"], ref.uptake_diplomas),
    ]
    return [
        f"{name}: planner {a!r}, reference {b!r}"
        for name, a, b in out
        if not (math.isnan(b) and name.startswith("uptake"))
        and not math.isclose(float(a), float(b), rel_tol=tol, abs_tol=tol)
    ]
