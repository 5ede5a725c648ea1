"""Back-tests of the uptake models on the exam data: can the intervals fail?

Two designs (docs/model.md, "Back-test"):

* **temporal**: estimate on the exam years up to ``split_year`` and predict the
  techniek candidates of the locations that *started* techniek after it, in every year
  from their start (each location-year a case);
* **cross-section**: split the locations that offer techniek into ``folds`` groups by
  location; estimate on the other groups and predict each held-out location's
  techniek candidates in the test years (many cases, to calibrate the intervals).

Three models: the **uptake model** (``uptake``: beta-binomial per sex, starters'
level, comparable-schools for green and single-sector schools), the **current MNL**
(2019 enrollment; parameter-only intervals, as the planner reported them before) and
the **comparable-schools rule** (P5/P50/P95 of the techniek share of the training
locations that offer techniek and have as many non-technical sectors and the same green
status). A case is covered when the observed count lies in the 90% interval.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from kansrijk.scenarios.exam_history import SEXES, ExamHistory
from kansrijk.scenarios.national import PROFILES, NationalData
from kansrijk.scenarios.uptake import UptakeModel, filled_density, fit_uptake
from kansrijk.vocab import ProfileSet

FloatArray = npt.NDArray[np.float64]

MODELS: tuple[str, ...] = ("uptake", "mnl", "comparable")
#: Level of the intervals tested (P5-P95).
LEVEL = 0.90
_TECH_ICT = frozenset(ProfileSet.TECHNIEK_ICT.codes)


@dataclass(frozen=True)
class Case:
    """One location-year to predict: techniek candidates ``observed`` of ``n``."""

    location: str
    year: int
    n_sex: tuple[float, float]
    observed: float
    group: str | None  # comparable-schools group the uptake model used, if any

    @property
    def n(self) -> float:
        return float(sum(self.n_sex))


@dataclass(frozen=True)
class Score:
    """MAE (share points) and 90% coverage of one model in one design."""

    design: str
    model: str
    n_cases: int
    n_locations: int
    mae: float
    coverage: float
    mean_predicted: float
    mean_observed: float

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _score(
    design: str, model: str, cases: list[Case], pred: list[tuple[float, float, float] | None]
) -> Score:
    pairs = [(c, p) for c, p in zip(cases, pred, strict=True) if p is not None and c.n > 0]
    if not pairs:
        return Score(design, model, 0, 0, float("nan"), float("nan"), float("nan"), float("nan"))
    err = [abs(p[0] - c.observed / c.n) for c, p in pairs]
    cov = [p[1] <= c.observed <= p[2] for c, p in pairs]
    return Score(
        design,
        model,
        len(pairs),
        len({c.location for c, _ in pairs}),
        float(np.mean(err)),
        float(np.mean(cov)),
        float(np.mean([p[0] for _, p in pairs])),
        float(np.mean([c.observed / c.n for c, _ in pairs])),
    )


# ---------------------------------------------------------------------- predictions
def predict_uptake(
    model: UptakeModel,
    case: Case,
    log_density: float,
    green: bool,
    rng: np.random.Generator,
    *,
    starter: bool,
    draws: int = 2000,
) -> tuple[float, float, float]:
    """(mean share, low count, high count) of the uptake model for one case."""
    total = np.zeros(draws)
    for k, sex in enumerate(SEXES):
        if starter:
            shares = model.share_draws(
                sex,
                rng,
                draws,
                log_density=log_density,
                log_size=float(np.log1p(case.n)),
                green=green,
                group=case.group,
            )
        else:
            shares = model.offering_share_draws(
                sex,
                rng,
                draws,
                log_density=log_density,
                log_size=float(np.log1p(case.n)),
                green=green,
            )
        total += rng.binomial(round(case.n_sex[k]), np.clip(shares, 0, 1))
    lo, hi = np.percentile(total, [50 * (1 - LEVEL), 100 - 50 * (1 - LEVEL)])
    return float(total.mean() / max(case.n, 1e-9)), float(lo), float(hi)


def comparable_rule(
    hist: ExamHistory, train_years: list[int], keep: npt.NDArray[np.bool_]
) -> dict[tuple[bool, int], FloatArray]:
    """(green, non-technical sectors capped at 3) -> techniek shares of training locations."""
    t = [i for i, y in enumerate(hist.years) if y in train_years]
    offers = hist.offers_techniek()[:, t].any(axis=1) & keep
    tot = hist.candidates[:, :, t, :].sum(axis=(0, 2))
    share = tot[:, 0] / np.maximum(tot.sum(axis=1), 1e-9)
    kinds = _kinds(hist, tot)
    out: dict[tuple[bool, int], list[float]] = {}
    for i in np.flatnonzero(offers & (tot.sum(axis=1) > 0)):
        out.setdefault(kinds[i], []).append(float(share[i]))
    return {k: np.asarray(v) for k, v in out.items()}


def _kinds(hist: ExamHistory, tot: FloatArray) -> list[tuple[bool, int]]:
    green = hist.green()
    sectors = np.minimum((tot[:, 1:] > 0).sum(axis=1), 3)
    return [(bool(g), int(s)) for g, s in zip(green, sectors, strict=True)]


def predict_comparable(
    rule: dict[tuple[bool, int], FloatArray], kind: tuple[bool, int], case: Case
) -> tuple[float, float, float] | None:
    shares = rule.get(kind)
    if shares is None or shares.size < 3:
        shares = np.concatenate(list(rule.values())) if rule else None
    if shares is None or shares.size == 0:
        return None
    p5, p50, p95 = np.percentile(shares, [5, 50, 95])
    return float(p50), float(p5 * case.n), float(p95 * case.n)


def mnl_tech_share(
    nd: NationalData, location: str, rng: np.random.Generator, *, add_pie: bool, draws: int = 1000
) -> tuple[float, float, float] | None:
    """MNL techniek-incl-ICT share at a location: (point, P5, P95) over parameter draws.

    ``add_pie``: its 2019 offer without technical profiles plus PIE (a start);
    otherwise its 2019 offer as it is.
    """
    row = nd.index().get(location)
    if row is None:
        return None
    weights, points, draws_out = [], [], []
    for lw, model in enumerate(nd.models):
        pupils = nd.counts[lw, row]
        if model is None or pupils.sum() <= 0:
            continue
        cols = [PROFILES.index(p) for p in model.profiles]
        avail = pupils[cols] > 0
        tech = np.array([p in _TECH_ICT for p in model.profiles])
        if add_pie:
            if "PIE" not in model.profiles:
                continue
            avail = avail & ~tech
            avail[model.profiles.index("PIE")] = True
        if not avail.any():
            continue
        x = nd.model_x(lw)[row : row + 1]
        a = avail[None, :]
        points.append(float(model.predict(a, x)[0][tech].sum()))
        theta = model.draw(draws, rng)
        draws_out.append(model.predict_draws(theta, a, x)[:, 0][:, tech].sum(axis=1))
        weights.append(float(pupils.sum()))
    if not weights:
        return None
    w = np.asarray(weights) / sum(weights)
    point = float(np.dot(w, points))
    d = np.sum([wi * di for wi, di in zip(w, draws_out, strict=True)], axis=0)
    lo, hi = np.percentile(d, [50 * (1 - LEVEL), 100 - 50 * (1 - LEVEL)])
    return point, float(lo), float(hi)


def _scaled(p: tuple[float, float, float] | None, n: float) -> tuple[float, float, float] | None:
    return None if p is None else (p[0], p[1] * n, p[2] * n)


def _density(density: FloatArray) -> FloatArray:
    """Unknown densities filled as the model fills them (all unknown, as in the demo: 0)."""
    return filled_density(density)[0]


# ---------------------------------------------------------------------- designs
def temporal_backtest(
    hist: ExamHistory,
    density: FloatArray,
    nd: NationalData | None,
    *,
    split_year: int = 2018,
    seed: int = 20260511,
) -> tuple[list[Score], list[Case]]:
    """Estimate on years <= ``split_year``; predict the later starters, every year from start."""
    rng = np.random.default_rng(seed)
    train = hist.until(split_year)
    model = fit_uptake(train, density)
    dens = _density(density)
    green = hist.green()
    idx = {c: i for i, c in enumerate(hist.locations)}
    single = {loc for loc, k in hist.non_tech_sectors_before_start().items() if k == 1}
    train_years = [y for y in hist.years if y <= split_year]
    rule = comparable_rule(hist, train_years, np.ones(len(hist.locations), dtype=bool))
    cases: list[Case] = []
    kinds: list[tuple[bool, int]] = []
    tot_all = hist.candidates.sum(axis=2).sum(axis=0)
    for loc, start in sorted(hist.starts.items()):
        if start <= split_year:
            continue
        i = idx[loc]
        group = "green" if green[i] else ("single_profile" if loc in single else None)
        before = [k for k, y in enumerate(hist.years) if y < start]
        pre = hist.candidates[:, i][:, before].sum(axis=(0, 1))
        kind = (bool(green[i]), int(min((pre[1:] > 0).sum(), 3)))
        for t, y in enumerate(hist.years):
            n = hist.total[:, i, t]
            if y < start or n.sum() <= 0:
                continue
            cases.append(
                Case(loc, y, (float(n[0]), float(n[1])), float(hist.techniek[:, i, t].sum()), group)
            )
            kinds.append(kind)
    del tot_all
    preds: dict[str, list[tuple[float, float, float] | None]] = {m: [] for m in MODELS}
    for c, kind in zip(cases, kinds, strict=True):
        i = idx[c.location]
        preds["uptake"].append(
            predict_uptake(model, c, float(dens[i]), bool(green[i]), rng, starter=True)
        )
        preds["comparable"].append(predict_comparable(rule, kind, c))
        preds["mnl"].append(
            None if nd is None else _scaled(mnl_tech_share(nd, c.location, rng, add_pie=True), c.n)
        )
    return [_score("temporal", m, cases, preds[m]) for m in MODELS], cases


def cross_section_backtest(
    hist: ExamHistory,
    density: FloatArray,
    nd: NationalData | None,
    *,
    test_years: tuple[int, ...] = (2019,),
    folds: int = 5,
    seed: int = 20260511,
) -> tuple[list[Score], list[Case]]:
    """Hold out locations that offer techniek (by fold) and predict their candidates."""
    rng = np.random.default_rng(seed)
    dens = _density(density)
    green = hist.green()
    offers = hist.offers_techniek()
    ti = [hist.years.index(y) for y in test_years if y in hist.years]
    candidates = np.flatnonzero(offers[:, ti].any(axis=1)) if ti else np.array([], dtype=int)
    fold_of = rng.permutation(candidates.size) % folds
    all_scores: dict[str, list[tuple[float, float, float] | None]] = {m: [] for m in MODELS}
    cases: list[Case] = []
    tot = hist.candidates.sum(axis=(0, 2))
    kinds = _kinds(hist, tot)
    for f in range(folds):
        held = candidates[fold_of == f]
        keep = np.ones(len(hist.locations), dtype=bool)
        keep[held] = False
        model = fit_uptake(_masked(hist, keep), density)
        rule = comparable_rule(hist, list(hist.years), keep)
        for i in held:
            for t in ti:
                n = hist.total[:, i, t]
                if not offers[i, t] or n.sum() <= 0:
                    continue
                c = Case(
                    hist.locations[i],
                    hist.years[t],
                    (float(n[0]), float(n[1])),
                    float(hist.techniek[:, i, t].sum()),
                    None,
                )
                cases.append(c)
                all_scores["uptake"].append(
                    predict_uptake(model, c, float(dens[i]), bool(green[i]), rng, starter=False)
                )
                all_scores["comparable"].append(predict_comparable(rule, kinds[i], c))
                all_scores["mnl"].append(
                    None
                    if nd is None or hist.years[t] != nd.year
                    else _scaled(mnl_tech_share(nd, c.location, rng, add_pie=False), c.n)
                )
    return [_score("cross-section", m, cases, all_scores[m]) for m in MODELS], cases


def _masked(hist: ExamHistory, keep: npt.NDArray[np.bool_]) -> ExamHistory:
    """The history with the held-out locations' candidates set to zero (no rows)."""
    cand = hist.candidates.copy()
    cand[:, ~keep] = 0.0
    return ExamHistory(
        hist.locations,
        hist.years,
        cand,
        hist.pc4,
        starts={k: v for k, v in hist.starts.items() if keep[hist.locations.index(k)]},
        stops={k: v for k, v in hist.stops.items() if keep[hist.locations.index(k)]},
    )


#: Temporal splits reported: the first is the primary one (the earliest split whose
#: training years contain real starts and that leaves at least 20 later starters).
TEMPORAL_SPLITS: tuple[int, ...] = (2017, 2018, 2019)
#: Test years of the cross-section design: every exam year of the 2019-2024 release.
CROSS_SECTION_YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023)


def run_backtests(
    hist: ExamHistory,
    density: FloatArray,
    nd: NationalData | None,
    *,
    seed: int = 20260511,
) -> list[Score]:
    """Every reported back-test: the temporal splits, then the cross-section."""
    scores: list[Score] = []
    for split in TEMPORAL_SPLITS:
        if split >= max(hist.years):
            continue
        got, _ = temporal_backtest(hist, density, nd, split_year=split, seed=seed)
        scores.extend(replace(s, design=f"temporal <={split}") for s in got)
    years = tuple(y for y in CROSS_SECTION_YEARS if y in hist.years)
    got, _ = cross_section_backtest(hist, density, nd, test_years=years, seed=seed)
    scores.extend(got)
    return scores
