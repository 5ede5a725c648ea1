"""Per added technical profile: predicted pupils per leerjaar with a predictive range.

Uses the uptake model (``uptake``) learned from the locations that really started
techniek, boys and girls separately, with location-level heterogeneity: a location's
pupils per leerjaar in the new profile are drawn as Binomial(boys, share_boys) +
Binomial(girls, share_girls) with the shares drawn from the predictive beta
distributions. Reported: the mean, the P5-P95 range, P(>= ``viable`` pupils per
leerjaar) and flags (``comparable_schools`` for green and single-profile locations,
``green``, ``single_profile``, ``maritime``, ``already_technical``,
``mnl_above_range`` when the MNL baseline's prediction lies above the range, and
``guests`` when pupils of other locations follow the profile there: their number is the
host's prediction times the MNL's ratio of guests to own pupils).

Common random numbers: every random stream is keyed, so an addition gets the same draws
in every run it is part of. The parameter draws (per sex and fit), ``theta`` and the
diploma yield come from streams keyed by their name and the seed; the location-level
draws (beta shares, binomial pupils, the new profile's flow rate) from a stream keyed by
the seed, the location and the profile. A set of additions therefore totals exactly the
sum of its additions' values in any other run with the same seed (the optimiser relies on
this), while the draws stay one state of the world across additions.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special

from kansrijk.model import FlowRates
from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.exam_history import (
    SEXES,
    exam_history,
    newest_activity,
    techniek_pass_rate,
)
from kansrijk.scenarios.national import (
    LEERWEGEN,
    MASKED_VALUE,
    PROFILES,
    _pc4_figures,
    pc4_covariate,
)
from kansrijk.scenarios.result import AdditionRow, Interval, ScenarioResult
from kansrijk.scenarios.uptake import (
    UPTAKE_DRAWS,
    UptakeModel,
    cached_input,
    uptake_model,
    warehouse_key,
)
from kansrijk.vocab import ProfileSet
from kansrijk.warehouse import BOVENBOUW_FILTER, Warehouse

FloatArray = npt.NDArray[np.float64]
_TECH_ICT = frozenset(ProfileSet.TECHNIEK_ICT.codes)
#: Pupils of a location's profiles at or above which it counts as a green school.
GREEN_PUPIL_SHARE = 0.5


@functools.lru_cache(maxsize=8)
def _packaged_rates(region: str) -> tuple[FloatArray, FloatArray, FloatArray]:
    rates = FlowRates.load()
    return (
        rates.vector(PROFILES, region=region),
        rates.vector(PROFILES, bound="low"),
        rates.vector(PROFILES, bound="high"),
    )


def sex_pupils(wh: Warehouse, year: int, locations: Sequence[str] | None) -> dict[str, FloatArray]:
    """loc -> ``[leerweg, sex]`` pupils per leerjaar (leerjaar 3-4 / 2), boys and girls."""
    tracks = {t: i for i, (_lw, t) in enumerate(LEERWEGEN)}
    wanted = None if locations is None else set(locations)
    out: dict[str, FloatArray] = {}
    for loc, track, sex, n, masked in wh.query(
        f"""
        SELECT loc_code, track, sex, sum(coalesce(count, 0)), count(*) FILTER (WHERE masked)
        FROM vo_enrollment WHERE year = ? AND {BOVENBOUW_FILTER} AND sex IN ('m', 'f')
        GROUP BY ALL
        """,
        [year],
    ):
        if (wanted is not None and str(loc) not in wanted) or str(track) not in tracks:
            continue
        arr = out.setdefault(str(loc), np.zeros((len(LEERWEGEN), len(SEXES))))
        arr[tracks[str(track)], SEXES.index(str(sex))] += (
            float(n) + MASKED_VALUE * int(masked)
        ) / 2.0
    return out


def addition_flags(baseline: Baseline, row: int) -> tuple[tuple[str, ...], str | None]:
    """Flags of a location and the comparable-schools group it gets (or None)."""
    pupils = baseline.counts[:, row, :].sum(axis=0)
    offered = [PROFILES[j] for j in np.flatnonzero(pupils > 0)]
    flags: list[str] = []
    group: str | None = None
    total = float(pupils.sum())
    if total > 0 and pupils[PROFILES.index("GR")] >= GREEN_PUPIL_SHARE * total:
        flags.append("green")
        group = "green"
    if len(offered) == 1:
        flags.append("single_profile")
        group = group or "single_profile"
    if "MAT" in offered:
        flags.append("maritime")
    if any(p in _TECH_ICT for p in offered):
        flags.append("already_technical")
    if group is not None:
        flags.insert(0, "comparable_schools")
    return tuple(flags), group


def attach_uptake(
    result: ScenarioResult,
    baseline: Baseline,
    wh: Warehouse,
    *,
    viable: int,
    flow_region: str,
    seed: int | None,
    theta: tuple[float, float, float] = (0.5, 0.75, 1.0),
    diploma_yield: tuple[float, float, float] = (0.6, 0.7, 0.8),
    key: tuple[object, ...] | None = None,
) -> ScenarioResult:
    """The result with the uptake model's prediction on every added technical profile
    (``key``: the warehouse's content key when the caller has it).

    Extra entrants per year of an addition = its pupils per leerjaar x the pass rate x
    ``theta`` x (flow rate of the new profile - pupil-weighted rate of the location's
    other profiles): only a share ``theta`` of the flow-rate gap holds for pupils who
    switch because of the new offer (triangular draws over ``theta``'s low, central,
    high). Diplomas = entrants x ``diploma_yield`` (triangular). Additions at locations
    that closed since the baseline or offer techniek since then (exam data) are flagged
    and left out of the totals.
    """
    if not any(a.profile in _TECH_ICT for a in result.additions):
        return result
    key = warehouse_key(wh) if key is None else key
    model = uptake_model(wh, key)
    if model is None:
        return result
    entropy: int | Sequence[int] = np.random.SeedSequence(seed).entropy or 0
    figures = cached_input(key, "pc4_figures", lambda: _pc4_figures(wh))
    sexes = cached_input(
        key, f"sex_pupils_{baseline.year}", lambda: sex_pupils(wh, baseline.year, None)
    )
    rate_c, lo_r, hi_r = _packaged_rates(flow_region)
    pass_rate, pass_years = cached_input(key, "pass_rate", lambda: techniek_pass_rate(wh))
    activity = cached_input(key, "activity", lambda: newest_activity(exam_history(wh)))
    todo = [
        (k, a, row)
        for k, a in enumerate(result.additions)
        if a.profile in _TECH_ICT and (row := baseline.index(a.location)) is not None
    ]
    if not todo:
        return result
    info = [addition_flags(baseline, row) for _k, _a, row in todo]
    groups = [g for _f, g in info]
    n_sex = np.array([_sex_pupils(baseline, row, a, sexes) for _k, a, row in todo])  # A x 2
    rows_ix = np.array([row for _k, _a, row in todo])
    lw_mask = np.array([[lw in a.leerwegen for lw, _t in LEERWEGEN] for _k, a, _r in todo])
    cnt = baseline.counts[:, rows_ix, :]  # 3 x A x 10
    added_cnt = np.einsum("al,lap->ap", lw_mask.astype(float), cnt)  # A x 10, added leerwegen
    sizes = np.log1p(cnt.sum(axis=(0, 2)) / 2.0)
    x = np.array(
        [
            model.design_row(_density(figures, baseline, row, model), float(sizes[m]), g == "green")
            for m, ((_k, _a, row), g) in enumerate(zip(todo, groups, strict=True))
        ]
    )
    streams = [keyed_stream(entropy, "addition", a.location, a.profile) for _k, a, _r in todo]
    pupils = draw_pupils(model, groups, x, n_sex, streams, entropy)  # D x A
    # guests of a shared profile: scaled by the MNL's ratio of guests to own pupils
    guests = np.array([_guest_ratio(a) for _k, a, _row in todo])
    pupils = pupils * (1.0 + guests)
    tot = added_cnt.sum(axis=1)
    other = np.divide(added_cnt @ rate_c, tot, out=np.zeros_like(tot), where=tot > 0)
    j = np.array([PROFILES.index(a.profile) for _k, a, _row in todo])
    r_new = np.column_stack(
        [r.uniform(lo_r[jj], hi_r[jj], UPTAKE_DRAWS) for r, jj in zip(streams, j, strict=True)]
    )
    th = (
        keyed_stream(entropy, "theta").triangular(*theta, (UPTAKE_DRAWS, 1))
        if theta[0] < theta[2]
        else theta[1]
    )
    dy = (
        keyed_stream(entropy, "diploma_yield").triangular(*diploma_yield, (UPTAKE_DRAWS, 1))
        if diploma_yield[0] < diploma_yield[2]
        else diploma_yield[1]
    )
    entrants = pupils * pass_rate * th * np.clip(r_new - other, 0.0, None)
    diplomas = entrants * dy
    lo, hi = np.percentile(pupils, [5, 95], axis=0)
    p_viable = np.mean(pupils >= viable, axis=0)  # shares of 0/1: exact in any order
    rows = list(result.additions)
    counted = np.ones(len(todo), dtype=bool)
    for m, ((k, a, _row), (base_flags, group)) in enumerate(zip(todo, info, strict=True)):
        flags = base_flags
        if a.per_leerjaar > hi[m]:
            flags = (*flags, "mnl_above_range")
        if guests[m] > 0:
            flags = (*flags, "guests")
        recent, tech_now = activity.get(a.location, (True, False))
        if not recent:
            flags = (*flags, "closed_since")
            counted[m] = False
        elif tech_now and "already_technical" not in flags:
            flags = (*flags, "techniek_since")
            counted[m] = False
        rows[k] = replace(
            a,
            uptake_model="comparable_schools" if group else "uptake",
            uptake_per_leerjaar=float(pupils[:, m].mean()),
            uptake_interval=Interval(float(lo[m]), float(hi[m])),
            p_viable=float(p_viable[m]),
            viable_pupils=viable,
            flags=flags,
            extra_entrants_per_year=float(entrants[:, m].mean()),
        )
    tot_pupils = pupils[:, counted].sum(axis=1)
    tot_entrants = entrants[:, counted].sum(axis=1)
    tot_diplomas = diplomas[:, counted].sum(axis=1)
    summary: dict[str, Any] = {
        "additions": len(todo),
        "counted": int(counted.sum()),
        "left_out": [todo[m][1].location for m in np.flatnonzero(~counted)],
        "viable_pupils": viable,
        "extra_technical_pupils_per_leerjaar": float(tot_pupils.mean()),
        "extra_technical_pupils_per_leerjaar_interval": _iv(tot_pupils),
        "extra_entrants_per_year": float(tot_entrants.mean()),
        "extra_entrants_per_year_interval": _iv(tot_entrants),
        "extra_diplomas_per_year": float(tot_diplomas.mean()),
        "extra_diplomas_per_year_interval": _iv(tot_diplomas),
        "pass_rate": pass_rate,
        "pass_rate_years": list(pass_years),
        "theta": list(theta),
        "diploma_yield": list(diploma_yield),
        "expected_viable": float(np.mean(pupils[:, counted] >= viable, axis=0).sum()),
        "comparable_schools": sum(1 for g in groups if g is not None),
        "model": model.to_dict(),
    }
    extra = dict(result.extra)
    extra["uptake"] = summary
    # per-draw extra entrants and diplomas (draws x additions) for the optimiser
    keys = [(a.location, a.profile) for _k, a, _r in todo]
    extra["uptake_entrant_draws"] = (keys, entrants)
    extra["uptake_diploma_draws"] = (keys, diplomas)
    return replace(result, additions=tuple(rows), extra=extra)


def keyed_stream(entropy: int | Sequence[int], *key: str) -> np.random.Generator:
    """A random stream fixed by the run's seed entropy and ``key`` (common random numbers)."""
    word = zlib.crc32("\x1f".join(key).encode("utf-8"))
    base = [entropy] if isinstance(entropy, int) else list(entropy)
    return np.random.default_rng([*base, word])


def draw_pupils(
    model: UptakeModel,
    groups: Sequence[str | None],
    x: FloatArray,
    n_sex: FloatArray,
    streams: Sequence[np.random.Generator],
    entropy: int | Sequence[int],
    draws: int = UPTAKE_DRAWS,
) -> FloatArray:
    """``draws x A`` pupils per leerjaar of ``A`` additions (boys + girls).

    Parameter draws are shared between additions (one draw = one state of the world),
    so sums over additions carry the parameter uncertainty correctly; they come from a
    stream keyed by sex and fit. Each addition's beta and binomial draws come from its
    own stream (``streams``), so they do not depend on the other additions of the run.
    """
    out = np.zeros((draws, len(groups)))
    for k, sex in enumerate(SEXES):
        for g in dict.fromkeys(groups):
            cols = np.array([i for i, gg in enumerate(groups) if gg == g])
            fit = model.fit_for(sex, g)
            theta = fit.draw(draws, keyed_stream(entropy, "parameters", sex, g or ""))
            if g is None:
                eta = theta[:, : fit.k] @ x[cols].T
                log_s = theta[:, fit.k :].sum(axis=1)  # dispersion of starters
            else:
                eta = np.repeat(theta[:, :1], cols.size, axis=1)
                log_s = theta[:, fit.k]
            mu = np.clip(special.expit(eta), 1e-9, 1 - 1e-9)
            s = np.exp(np.clip(log_s, np.log(0.05), np.log(1e6)))
            n = np.round(n_sex[cols, k]).astype(np.int64)
            for m, col in enumerate(cols):
                rng = streams[col]
                shares = rng.beta(mu[:, m] * s, (1.0 - mu[:, m]) * s)
                out[:, col] += rng.binomial(n[m], shares)
    return out


def _guest_ratio(a: AdditionRow) -> float:
    """Guests' pupils per own pupil at a host in the MNL (0 without guests)."""
    own = a.pupils - a.guest_pupils
    return a.guest_pupils / own if a.guest_pupils > 0 and own > 0 else 0.0


def _iv(x: FloatArray) -> list[float]:
    lo, hi = np.percentile(x, [5, 95])
    return [float(lo), float(hi)]


def _sex_pupils(
    baseline: Baseline, row: int, a: AdditionRow, sexes: dict[str, FloatArray]
) -> FloatArray:
    by = sexes.get(a.location)
    lws = [i for i, (lw, _t) in enumerate(LEERWEGEN) if lw in a.leerwegen]
    if by is None:  # no sex split: the national ratio of vmbo BB/KB/GL (2019: 54% boys)
        n_all = float(baseline.counts[lws, row, :].sum()) / 2.0
        return np.array([0.54, 0.46]) * n_all
    return np.asarray(by[lws].sum(axis=0), dtype=np.float64)


def _density(
    figures: dict[str, dict[str, float]], baseline: Baseline, row: int, model: UptakeModel
) -> float:
    dens = pc4_covariate(figures, baseline.pc4[row], "log_address_density")
    return float(dens) if np.isfinite(dens) else model.density.mean
