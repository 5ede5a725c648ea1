"""Run a scenario: baseline and scenario side by side, per year and region, with intervals.

Timing (docs/scenarios.md): pupils in leerjaar 3 choose under the offer of the current
year, pupils in leerjaar 4 chose a year earlier; entrants to technical mbo in year ``y``
are the leerjaar-4 leavers of ``y`` (a share ``leaver_share`` = 0.5 of the leerjaar 3-4
pupils), who chose in ``y - 1``, with the flow rates (and mbo locations) of ``y``.
School populations are fixed by default (``switch_rate`` 0): each location keeps its
pupils; with ``switch_rate`` > 0 the change in school switching is added (switching.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from kansrijk.costs import CostParameters
from kansrijk.errors import Message, UnknownRegionError, message_of
from kansrijk.model import FlowRates, project_cohorts
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios.annual_costs import attach_eac
from kansrijk.scenarios.baseline import Baseline
from kansrijk.scenarios.costing import addition_costs, measure_costs
from kansrijk.scenarios.errors import ScenarioDataError, ScenarioError
from kansrijk.scenarios.evaluate import (
    Params,
    central_params,
    draw_params,
    flow_vectors,
    state_pupils,
    state_rates,
)
from kansrijk.scenarios.mbo import MboList, default_mbo_list, parse_entries, read_mbo_file
from kansrijk.scenarios.national import (
    PROFILES,
    cached_fact,
    content_key,
    is_fictional,
    loaded_enrollment_years,
)
from kansrijk.scenarios.projection import Evaluated, Key, Projection, project
from kansrijk.scenarios.result import ScenarioResult
from kansrijk.scenarios.result_rows import (
    addition_rows,
    cost_notes,
    location_rows,
    model_info,
    parameters,
    percentile_interval,
    summary,
    year_rows,
)
from kansrijk.scenarios.scenario import Horizon, Scenario
from kansrijk.scenarios.state import InterventionError, State
from kansrijk.scenarios.uptake_report import attach_uptake
from kansrijk.warehouse import Warehouse

FloatArray = npt.NDArray[np.float64]
#: Default seed of the parameter draws (reproducible intervals).
DEFAULT_SEED = 20260511
#: Parameter sets evaluated at once: 1,000 draws go in blocks of this many (the same
#: numbers; arrays of draws x rows x profiles stay a few MB instead of ~90 MB at 800
#: locations, which is faster on a machine whose memory bandwidth is shared).
DRAW_BLOCK = 50

ASSUMPTIONS = (
    (
        "fixed school populations (switch_rate 0): every location keeps its pupils; an offer "
        "change only changes what its own pupils choose"
    ),
    (
        "choice: MNL with availability (IIA): a new profile draws pupils from every other "
        "profile in proportion; unchanged locations keep their observed counts"
    ),
    (
        "leerjaar 4 = half of the leerjaar 3-4 pupils leave each year; a new offer reaches "
        "leerjaar 4 (and mbo entrants) one year after it starts"
    ),
    (
        "costs: one-off in the first year, yearly costs every year of the horizon after "
        "that; cost per extra entrant = total cost over the horizon / extra entrants over "
        "the horizon"
    ),
)


#: Interventions that build something: their effect starts ``implementation_lag`` later.
BUILDING_TYPES = frozenset({"add_profile", "add_profile_where_missing", "share_where_missing"})


def newest_year(wh: Warehouse, key: tuple[object, ...] | None = None) -> int:
    """The newest enrollment year (cached per warehouse content ``key`` when given)."""
    years = (
        loaded_enrollment_years(wh)
        if key is None
        else cached_fact(key, "enrollment_years", lambda: loaded_enrollment_years(wh))
    )
    if not years:
        raise ScenarioDataError(
            "no vmbo enrollment in the warehouse; ingest DUO files or run `kansrijk demo`"
        )
    return years[-1]


def scenario_mbo(
    scenario: Scenario, wh: Warehouse, key: tuple[object, ...] | None = None
) -> MboList:
    """The scenario's own mbo locations, else the warehouse's (empty, saying so, when none;
    cached per warehouse content ``key`` when given)."""
    given = scenario.parameters.mbo_locations
    if given is None:
        if key is None:
            return default_mbo_list(wh)
        return cached_fact(key, "mbo_list", lambda: default_mbo_list(wh))
    if isinstance(given, list):
        locs = parse_entries(given, file=scenario.source, where="parameters.mbo_locations")
        return MboList(
            locs, f"{scenario.source or 'scenario'}: parameters.mbo_locations", indicative=False
        )
    locs, indicative, label = read_mbo_file(given)
    return MboList(locs, label, indicative)


def run(
    scenario: Scenario,
    wh: Warehouse,
    catalog: RegionCatalog,
    *,
    draws: int = 0,
    seed: int | None = DEFAULT_SEED,
) -> ScenarioResult:
    """Run ``scenario`` on the warehouse: baseline from the data, then the interventions.

    The choice models are estimated once per warehouse and year (cached in the process).
    ``draws`` > 0 adds intervals from that many parameter draws (``seed`` fixes them).
    """
    key = content_key(wh)  # one query; every warehouse fact below is cached by it
    year = scenario.baseline_year or newest_year(wh, key)
    for field_name, code in [("region", scenario.region)] + [
        (f"report_regions[{i}]", c) for i, c in enumerate(scenario.report_regions)
    ]:
        try:
            catalog.get(code)
        except UnknownRegionError as exc:
            raise ScenarioError(
                Message("{field}: {error}", field=field_name, error=message_of(exc)),
                file=scenario.source,
            ) from None
    baseline = Baseline.from_warehouse(
        wh, catalog, scenario.region, year, mbo=scenario_mbo(scenario, wh, key), key=key
    )
    result = run_on(scenario, baseline, draws=draws, seed=seed, fictional=is_fictional(key))
    result = attach_uptake(
        result,
        baseline,
        wh,
        viable=scenario.parameters.viable_pupils,
        flow_region=scenario.parameters.flow_region,
        seed=seed,
        theta=scenario.parameters.theta,
        diploma_yield=scenario.parameters.diploma_yield,
        key=key,
    )
    cfg = scenario.parameters
    return attach_eac(
        result,
        _parameter_objects(scenario)[0],
        rate=cfg.discount_rate,
        building_life=cfg.building_life,
        furnishing_life=cfg.furnishing_life,
    )


# ---------------------------------------------------------------------- states
def apply_interventions(
    scenario: Scenario, baseline: Baseline, active: Sequence[int], starts: Sequence[int]
) -> State:
    """The state after the interventions ``active`` (indices, applied in order)."""
    state = State.initial(baseline)
    for i in active:
        iv = scenario.interventions[i]
        try:
            state = iv.apply(state.for_item(i, starts[i]))
        except (InterventionError, UnknownRegionError) as exc:
            raise ScenarioError(
                Message(
                    "interventions[{i}] ({type}): {error}",
                    i=i,
                    type=iv.type,
                    error=message_of(exc),
                ),
                **scenario.where(i),
            ) from None
    return state


def evaluate_states(
    states: Mapping[Key, State], params: Params, switch_rate: float = 0.0
) -> dict[Key, Evaluated]:
    """Pupils and flow rates of every state under ``params``."""
    out = {}
    for key, state in states.items():
        incl = state_rates(state, params)
        assert incl is not None
        excl = state_rates(state, params, include_ict=False)
        out[key] = Evaluated(state_pupils(state, params, switch_rate), incl, excl)
    return out


def intake_levels(scenario: Scenario, horizon: Horizon) -> dict[int, float]:
    """Intake relative to the baseline year for the year before the horizon and each year."""
    growth = scenario.parameters.intake_growth
    try:
        path = project_cohorts({"all": 1.0}, horizon.range, growth or None)
    except ValueError as exc:
        raise ScenarioError(f"parameters.intake_growth: {exc}", file=scenario.source) from None
    return {horizon.start - 1: 1.0, **{y: v["all"] for y, v in path.items()}}


# ---------------------------------------------------------------------- run
def run_on(
    scenario: Scenario,
    baseline: Baseline,
    *,
    draws: int = 0,
    seed: int | None = DEFAULT_SEED,
    fictional: bool = False,
) -> ScenarioResult:
    """Run ``scenario`` on an already built baseline (the pure, timed part)."""
    if draws < 0:
        raise ScenarioError(f"draws must be >= 0; found {draws}")
    cfg = scenario.parameters
    horizon = scenario.horizon_for(baseline.year)
    years = list(horizon.range)
    starts = [iv.from_year or horizon.start for iv in scenario.interventions]
    for i, s in enumerate(starts):
        if not horizon.start <= s <= horizon.end:
            raise ScenarioError(
                Message(
                    "interventions[{i}]: from_year {year} outside the horizon {start}-{end}",
                    i=i,
                    year=s,
                    start=horizon.start,
                    end=horizon.end,
                ),
                **scenario.where(i),
            )
    costs, rates = _parameter_objects(scenario)
    per_km = rates.per_km if cfg.per_km is None else cfg.per_km
    levels = intake_levels(scenario, horizon)

    # implementation lag: pupils choose a new profile `lag` years after its investment
    lag = cfg.implementation_lag
    effect = [
        s + lag if iv.type in BUILDING_TYPES else s
        for iv, s in zip(scenario.interventions, starts, strict=True)
    ]
    keys = {y: tuple(i for i, s in enumerate(effect) if s <= y) for y in [years[0] - 1, *years]}
    full_key = tuple(range(len(scenario.interventions)))
    states = {
        k: apply_interventions(scenario, baseline, k, starts) for k in {*keys.values(), full_key}
    }
    full = states[full_key]
    regions = [baseline.region] + [baseline.resolve(c) for c in scenario.report_regions]
    masks = np.array([baseline.mask(r) for r in regions], dtype=np.float64)

    def projected(params: Params) -> Projection:
        # parameter sets in blocks: each block's arrays stay small enough for the caches
        parts = []
        for start in range(0, params.n, DRAW_BLOCK):
            block = (
                params if params.n <= DRAW_BLOCK else params.take(slice(start, start + DRAW_BLOCK))
            )
            evals = evaluate_states(states, block, cfg.switch_rate)
            parts.append(project(evals, keys, full_key, masks, levels, cfg.leaver_share, years))
        return parts[0] if len(parts) == 1 else Projection.concat(parts)

    c = projected(central_params(baseline, rates, cfg.flow_region, per_km))
    d = None
    if draws:
        rng = np.random.default_rng(seed)
        n_items = len(scenario.interventions)
        d = projected(draw_params(baseline, rates, cfg.flow_region, per_km, draws, rng, n_items))

    add_lines = []
    memo: dict[tuple[str, float | None], tuple[float, float]] = {}
    for a in full.additions:
        size = None
        if cfg.cost_sizing == "predicted":
            size = float(c.taught_ss[0, a.row, PROFILES.index(a.profile)])
        add_lines.append(addition_costs(a, costs, starts[a.item], size, memo))
    lines = [*add_lines, *measure_costs(full.costs, starts)]
    interval = percentile_interval(cfg.interval)
    rows = year_rows(regions, masks, years, c, d, lines, interval)
    additions = addition_rows(baseline, full.additions, add_lines, effect, c, d, interval)
    summ = summary(
        baseline.region.code, years, rows, c, d, lines, additions, costs, masks, interval
    )
    _, _, _, flow_notes = flow_vectors(rates, cfg.flow_region)
    assumptions = list(ASSUMPTIONS)
    if cfg.switch_rate > 0:
        assumptions[0] = (
            f"school switching (switch_rate {cfg.switch_rate:g}): that share of the pupils "
            "whose preferred profile is not offered moves to the nearest location of the "
            "region offering it; only the change against the baseline is added"
        )
    if lag:
        assumptions.append(
            f"implementation lag {lag} year(s): a new profile's one-off costs fall in its "
            "start year, its first pupils choose it that many years later"
        )
    notes = (
        *baseline.notes,
        *full.notes,
        *flow_notes,
        *cost_notes(add_lines, full.additions),
        *assumptions,
    )
    return ScenarioResult(
        name=scenario.name,
        description=scenario.description,
        region=baseline.region.code,
        region_name=baseline.region.name,
        baseline_year=baseline.year,
        horizon=(horizon.start, horizon.end),
        draws=draws,
        seed=seed if draws else None,
        interval=cfg.interval,
        summary=summ,
        years=tuple(rows),
        additions=tuple(additions),
        locations=tuple(location_rows(baseline, states[()], full, c)),
        parameters=parameters(cfg, rates, per_km, baseline),
        model=model_info(baseline),
        notes=tuple(dict.fromkeys(notes)),
        fictional=fictional,
    )


def _parameter_objects(scenario: Scenario) -> tuple[CostParameters, FlowRates]:
    cfg = scenario.parameters
    try:
        costs = CostParameters.default().override(**cfg.costs)
        rates = FlowRates.load(cfg.flow_rates_file)
    except (ValueError, KeyError, FileNotFoundError) as exc:
        raise ScenarioError(f"parameters: {exc}", file=scenario.source) from None
    if cfg.flow_region not in rates.regions:
        raise ScenarioError(
            f"parameters.flow_region {cfg.flow_region!r}: expected one of "
            f"{', '.join(rates.regions)}",
            file=scenario.source,
        )
    return costs, rates
