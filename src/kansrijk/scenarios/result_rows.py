"""A projection as the result's rows: years x regions, additions, locations, summary."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from kansrijk.costs import CostParameters
from kansrijk.model import FlowRates
from kansrijk.regions import Region
from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.costing import CostLine, cost_by_year, viability, viability_range
from kansrijk.scenarios.evaluate import distances
from kansrijk.scenarios.national import LEERWEGEN, PROFILES
from kansrijk.scenarios.projection import TECH, TECH_ICT, Projection
from kansrijk.scenarios.result import AdditionRow, Interval, LocationRow, Summary, YearRow
from kansrijk.scenarios.scenario import Parameters
from kansrijk.scenarios.state import Addition, State

FloatArray = npt.NDArray[np.float64]
IntervalOf = Callable[[FloatArray | None], Interval | None]


class Percentiles:
    """The ``pct`` percentile interval over the first axis of draws (None: None)."""

    def __init__(self, pct: tuple[float, float]) -> None:
        self.pct = pct

    def __call__(self, x: FloatArray | None) -> Interval | None:
        if x is None:
            return None
        finite = x[np.isfinite(x)]
        if finite.size == 0:
            return None
        lo, hi = np.percentile(finite, self.pct)
        return Interval(float(lo), float(hi))

    def columns(self, x: FloatArray) -> list[Interval | None]:
        """The interval of every column of ``x`` (draws x columns), in one call when every
        value is finite (the same numbers as one call per column)."""
        if x.size == 0 or not np.isfinite(x).all():
            return [self(x[:, k]) for k in range(x.shape[1])]
        lo, hi = np.percentile(x, self.pct, axis=0)
        return [Interval(float(a), float(b)) for a, b in zip(lo, hi, strict=True)]


def percentile_interval(pct: tuple[float, float]) -> Percentiles:
    """A function giving the ``pct`` percentile interval over the first axis (None: None)."""
    return Percentiles(pct)


def year_rows(
    regions: Sequence[Region],
    masks: FloatArray,
    years: Sequence[int],
    c: Projection,
    d: Projection | None,
    lines: Sequence[CostLine],
    interval: Percentiles,
) -> list[YearRow]:
    """One row per region x year. Measures without a location count in the first region."""
    rows = []
    t_n, r_n = len(years), len(regions)
    none: list[Interval | None] = [None] * (t_n * r_n)
    ivs = {
        name: none
        if d is None
        else interval.columns(
            (getattr(d, a) - getattr(d, b)).reshape(d.base_ent.shape[0], t_n * r_n)
        )
        for name, a, b in (
            ("tech", "scen_tech", "base_tech"),
            ("ict", "scen_ict", "base_ict"),
            ("ent", "scen_ent", "base_ent"),
        )
    }
    for r, region in enumerate(regions):
        mine = [
            ln
            for ln in lines
            if (ln.row is None and r == 0) or (ln.row is not None and masks[r, ln.row] > 0)
        ]
        one_off, yearly = cost_by_year(mine, years)
        for t, y in enumerate(years):
            k = t * r_n + r
            rows.append(
                YearRow(
                    region=region.code,
                    year=y,
                    pupils_baseline=_by_profile(c.base_prof[0, t, r]),
                    pupils_scenario=_by_profile(c.scen_prof[0, t, r]),
                    techniek_baseline=float(c.base_tech[0, t, r]),
                    techniek_scenario=float(c.scen_tech[0, t, r]),
                    techniek_ict_baseline=float(c.base_ict[0, t, r]),
                    techniek_ict_scenario=float(c.scen_ict[0, t, r]),
                    entrants_baseline=float(c.base_ent[0, t, r]),
                    entrants_scenario=float(c.scen_ent[0, t, r]),
                    entrants_excl_ict_baseline=_opt(c.base_ent_x, t, r),
                    entrants_excl_ict_scenario=_opt(c.scen_ent_x, t, r),
                    one_off_cost=one_off[t],
                    yearly_cost=yearly[t],
                    extra_techniek_interval=ivs["tech"][k],
                    extra_techniek_ict_interval=ivs["ict"][k],
                    extra_entrants_interval=ivs["ent"][k],
                )
            )
    return rows


def addition_rows(
    baseline: Baseline,
    additions: Sequence[Addition],
    lines: Sequence[CostLine],
    starts: Sequence[int],
    c: Projection,
    d: Projection | None,
    interval: Percentiles,
) -> list[AdditionRow]:
    """Predicted pupils, viability and costs of every added profile (steady state)."""
    low, high = viability_range()
    out = []
    totals = c.base_ss[0].sum(axis=1)
    cells = (
        np.array([a.row for a in additions], dtype=np.intp),
        np.array([PROFILES.index(a.profile) for a in additions], dtype=np.intp),
    )
    per_ivs: list[Interval | None] = (
        [None] * len(additions)
        if d is None
        else interval.columns(d.taught_ss[:, cells[0], cells[1]] / 2.0)
    )
    owns = c.school_ss[0, cells[0], cells[1]].tolist()
    taughts = c.taught_ss[0, cells[0], cells[1]].tolist()
    row_totals = totals[cells[0]].tolist()
    for a, line, per_iv, own, taught, total in zip(
        additions, lines, per_ivs, owns, taughts, row_totals, strict=True
    ):
        per = taught / 2.0
        out.append(
            AdditionRow(
                location=a.location,
                name=baseline.names[a.row],
                gemeente=baseline.gemeenten[a.row],
                profile=a.profile,
                leerwegen=a.leerwegen,
                from_year=starts[a.item],
                new_site=a.new_site,
                pupils=taught,
                guest_pupils=taught - own,
                share=own / total if total > 0 else 0.0,
                per_leerjaar=per,
                viability=viability(per, low, high),
                one_off_cost=line.one_off,
                yearly_cost=line.per_year,
                per_leerjaar_interval=per_iv,
            )
        )
    return out


def summary(
    region: str,
    years: Sequence[int],
    rows: Sequence[YearRow],
    c: Projection,
    d: Projection | None,
    lines: Sequence[CostLine],
    additions: Sequence[AdditionRow],
    costs: CostParameters,
    masks: FloatArray,
    interval: IntervalOf,
) -> Summary:
    """The scenario region over the horizon (region row 0 of the projection)."""
    mine = [r for r in rows if r.region == region]
    extra_total = sum(r.extra_entrants for r in mine)
    one_off = sum(r.one_off_cost for r in mine)
    total_cost = sum(r.cost for r in mine)
    m = masks[0]
    extra_ss = float((c.ent_ss_scen[0] - c.ent_ss_base[0]) @ m)
    yearly_ss = mine[-1].yearly_cost if mine else 0.0
    depreciation = costs.depreciation_years.number
    annual = sum(ln.one_off for ln in lines) / depreciation + yearly_ss
    tech_ss = float(((c.school_ss[0] - c.base_ss[0]) @ TECH) @ m)
    ict_ss = float(((c.school_ss[0] - c.base_ss[0]) @ TECH_ICT) @ m)
    low = viability_range()[0]
    d_total = d_ss = d_tech = d_cpe = None
    if d is not None:
        d_total = (d.scen_ent[:, :, 0] - d.base_ent[:, :, 0]).sum(axis=1)
        d_ss = (d.ent_ss_scen - d.ent_ss_base) @ m
        d_tech = (d.school_ss @ TECH - d.base_ss @ TECH) @ m
        with np.errstate(divide="ignore", invalid="ignore"):
            d_cpe = np.where(d_total > 0, total_cost / d_total, np.nan)
    return Summary(
        region=region,
        years=(years[0], years[-1]),
        extra_entrants_total=extra_total,
        extra_entrants_per_year=extra_ss,
        extra_techniek_pupils=tech_ss,
        extra_techniek_ict_pupils=ict_ss,
        one_off_cost=one_off,
        yearly_cost=yearly_ss,
        total_cost=total_cost,
        cost_per_extra_entrant=total_cost / extra_total if extra_total > 0 else None,
        annualised_cost_per_extra_entrant=annual / extra_ss if extra_ss > 0 else None,
        additions=len(additions),
        additions_viable=sum(1 for a in additions if a.per_leerjaar >= low),
        extra_entrants_total_interval=interval(d_total),
        extra_entrants_per_year_interval=interval(d_ss),
        extra_techniek_pupils_interval=interval(d_tech),
        cost_per_extra_entrant_interval=interval(d_cpe) if total_cost > 0 else None,
    )


def location_rows(baseline: Baseline, base: State, full: State, c: Projection) -> list[LocationRow]:
    """Every location in the steady state."""
    d_base, d_full = distances(base), distances(full)
    tech_base = c.base_ss[0] @ TECH
    tech_scen = c.school_ss[0] @ TECH
    offer_base, offer_full = _offers(base), _offers(full)
    columns = zip(
        baseline.locations,
        baseline.names,
        baseline.gemeenten,
        c.base_ss[0].sum(axis=1).tolist(),
        tech_base.tolist(),
        tech_scen.tolist(),
        c.ent_ss_base[0].tolist(),
        c.ent_ss_scen[0].tolist(),
        _kms(d_base),
        _kms(d_full),
        offer_base,
        offer_full,
        strict=True,
    )
    return [
        LocationRow(
            location=code,
            name=name,
            gemeente=gemeente,
            pupils=pupils,
            techniek_baseline=t_base,
            techniek_scenario=t_scen,
            entrants_baseline=e_base,
            entrants_scenario=e_scen,
            dist_mbo_km_baseline=km_base,
            dist_mbo_km_scenario=km_scen,
            offer_baseline=o_base,
            offer_scenario=o_scen,
        )
        for (
            code,
            name,
            gemeente,
            pupils,
            t_base,
            t_scen,
            e_base,
            e_scen,
            km_base,
            km_scen,
            o_base,
            o_scen,
        ) in columns
    ]


def parameters(
    cfg: Parameters, rates: FlowRates, per_km: float, baseline: Baseline
) -> dict[str, Any]:
    """The assumptions in effect, for the result."""
    return {
        "flow_region": cfg.flow_region,
        "flow_rates": str(cfg.flow_rates_file or "kansrijk/model/data/flow_rates.yaml"),
        "flow_source": dict(rates.source).get("report", ""),
        "per_km": per_km,
        "reference_km_techniek_ict": baseline.ref_ict_km,
        "reference_km_techniek": baseline.ref_tech_km,
        "leaver_share": cfg.leaver_share,
        "switch_rate": cfg.switch_rate,
        "cost_sizing": cfg.cost_sizing,
        "cost_overrides": dict(cfg.costs),
        "intake_growth": {str(k): v for k, v in cfg.intake_growth.items()},
        "mbo_locations": baseline.mbo.source,
        "mbo_locations_indicative": baseline.mbo.indicative,
    }


def model_info(baseline: Baseline) -> dict[str, Any]:
    """What the choice models were estimated on, per leerweg."""
    nd = baseline.national
    per = {}
    for lw, m in enumerate(nd.models):
        if m is None:
            continue
        per[LEERWEGEN[lw][0]] = {
            "locations": m.n_locations,
            "pupils": m.n_pupils,
            "parameters": int(m.free.sum()),
            "loglik": m.loglik,
            "converged": m.converged,
            "excluded_profiles": [p for p in PROFILES if p not in m.included],
        }
    return {
        "type": "multinomial logit with availability, per leerweg; pivot-point prediction",
        "estimated_on": f"all {nd.n_locations} locations with vmbo BB/KB/GL pupils in {nd.year}",
        "covariates": list(nd.model_covariates),
        "covariates_for": sorted(nd.covariates_for),
        "leerwegen": per,
    }


def cost_notes(lines: Sequence[CostLine], additions: Sequence[Addition]) -> list[str]:
    notes = []
    free = [
        a for a, ln in zip(additions, lines, strict=True) if ln.one_off == 0 and ln.per_year == 0
    ]
    if free:
        notes.append(
            f"{len(free)} addition(s) without costs: non-technical profile (not in the Oberon "
            "cost model) or a leerweg added to a profile the location already offers"
        )
    return notes


def _by_profile(values: FloatArray) -> dict[str, float]:
    return dict(zip(PROFILES, (float(v) for v in values), strict=True))


def _opt(arr: FloatArray | None, t: int, r: int) -> float | None:
    return None if arr is None else float(arr[0, t, r])


def _kms(values: FloatArray) -> list[float | None]:
    return [v if math.isfinite(v) else None for v in values.tolist()]


def _offers(state: State) -> list[tuple[str, ...]]:
    """Every location's available profiles (any leerweg)."""
    any_lw = np.asarray(state.available.any(axis=0), dtype=np.bool_)
    # one bit per profile: each distinct set is spelled once
    bits = any_lw.astype(np.int64) @ (1 << np.arange(len(PROFILES), dtype=np.int64))
    sets = {
        int(b): tuple(p for j, p in enumerate(PROFILES) if int(b) >> j & 1) for b in np.unique(bits)
    }
    return [sets[int(b)] for b in bits]
