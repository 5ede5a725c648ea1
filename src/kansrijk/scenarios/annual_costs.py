"""Equivalent annual cost of a scenario and per extra technical mbo entrant per year.

Convention (stated with every result): the one-off costs are annualised over the
life of what they buy (building 40 years, furnishing 15, other one-off costs as
buildings) at the discount rate (2.25%), plus the yearly costs of the steady state;
``eac_per_extra_entrant`` = that equivalent annual cost / extra technical mbo
entrants per year in the steady state. Prices are Oberon's (2024) price level. This
replaces "total cost over the horizon / entrants over the horizon", which charges a
40-year building to 10 years and divides by the 9 years with entrants.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kansrijk.costs import (
    TECHNICAL_PROFILES,
    CostBreakdown,
    CostParameters,
    annuity_factor,
    equivalent_annual_cost,
    one_off_costs,
    teaching_fte,
)
from kansrijk.scenarios.result import AdditionRow, ScenarioResult

_TECH = {p.value for p in TECHNICAL_PROFILES}


def attach_eac(
    result: ScenarioResult,
    params: CostParameters,
    *,
    rate: float,
    building_life: float,
    furnishing_life: float,
) -> ScenarioResult:
    """The result with equivalent annual costs per addition and in ``extra['costs']``."""
    rows = []
    refs: dict[str, CostBreakdown] = {}
    eac_additions = 0.0
    one_off_additions = 0.0
    for a in result.additions:
        if a.one_off_cost <= 0 or a.profile not in _TECH:
            rows.append(replace(a, equivalent_annual_cost=a.yearly_cost))
            eac_additions += a.yearly_cost
            continue
        if a.profile not in refs:
            refs[a.profile] = one_off_costs(a.profile, params)
        ref = refs[a.profile]
        share = ref.building / ref.total if ref.total > 0 else 1.0
        eac = equivalent_annual_cost(
            a.one_off_cost * share,
            a.one_off_cost * (1 - share),
            a.yearly_cost,
            rate=rate,
            building_life=building_life,
            furnishing_life=furnishing_life,
        ).total
        rows.append(replace(a, equivalent_annual_cost=eac))
        eac_additions += eac
        one_off_additions += a.one_off_cost
    s = result.summary
    add_yearly = sum(a.yearly_cost for a in result.additions)
    other_one_off = max(s.one_off_cost - one_off_additions, 0.0)
    other_yearly = max(s.yearly_cost - add_yearly, 0.0)
    total = eac_additions + other_one_off * annuity_factor(rate, building_life) + other_yearly
    # additions the uptake model leaves out (closed or offering techniek since): not built
    left_out = sum(
        r.equivalent_annual_cost or 0.0
        for r in rows
        if {"closed_since", "techniek_since"} & set(r.flags)
    )
    total_uptake = total - left_out
    staff = _staff_sized(rows, params)
    up = result.extra.get("uptake") or {}
    per_mnl = total / s.extra_entrants_per_year if s.extra_entrants_per_year > 0 else None
    ent = up.get("extra_entrants_per_year")
    iv = up.get("extra_entrants_per_year_interval")
    costs: dict[str, Any] = {
        "equivalent_annual_cost": total,
        "eac_per_extra_entrant_mnl": per_mnl,
        "equivalent_annual_cost_uptake": total_uptake,
        "eac_per_extra_entrant_uptake": total_uptake / ent if ent else None,
        "eac_per_extra_entrant_uptake_interval": [total_uptake / iv[1], total_uptake / iv[0]]
        if iv and iv[0] > 0
        else None,
        **staff,
        "equivalent_annual_cost_staff_sized": total_uptake
        - staff["staff_cost_oberon"]
        + staff["staff_cost_net"],
        "discount_rate": rate,
        "building_life": building_life,
        "furnishing_life": furnishing_life,
        "convention": (
            "equivalent annual cost (one-off costs annualised over building life "
            f"{building_life:g} and furnishing life {furnishing_life:g} years at "
            f"{100 * rate:g}%, plus the yearly costs of the steady state) per extra "
            "technical mbo entrant per year in the steady state; Oberon 2024 prices"
        ),
    }
    if ent:
        costs["eac_per_extra_entrant_uptake_staff_sized"] = (
            costs["equivalent_annual_cost_staff_sized"] / ent
        )
    extra = dict(result.extra)
    extra["costs"] = costs
    return replace(result, additions=tuple(rows), extra=extra)


def _staff_sized(rows: list[AdditionRow], params: CostParameters) -> dict[str, float]:
    """Staff sized to the uptake model's predicted groups, and staff freed elsewhere.

    For each counted technical addition with a prediction: the teacher fte of note 38 for
    its predicted leerjaar 3-4 pupils (``teaching_fte``: whole groups of at most
    ``max_group_size``), minus the fte freed where those pupils leave other profiles (at
    fixed school populations they all come from the location's other profiles; freed
    continuously: pupils x lessons / (group size x contact hours)). Against Oberon's 1 fte
    per addition (``staff_cost_oberon``).
    """
    lessons = params.lessons_per_pupil_per_week.number
    group = params.max_group_size.number
    hours = params.contact_hours_per_fte.number
    cost = params.staff_cost_per_fte.number
    new = freed = oberon = 0.0
    for a in rows:
        if (
            a.uptake_per_leerjaar is None
            or a.one_off_cost <= 0
            or {"closed_since", "techniek_since"} & set(a.flags)
        ):
            continue
        pupils = 2.0 * a.uptake_per_leerjaar
        new += teaching_fte(max(pupils, 1e-9), params)
        freed += pupils * lessons / (group * hours)
        oberon += a.yearly_cost
    return {
        "staff_fte_predicted": new,
        "staff_fte_freed": freed,
        "staff_cost_net": (new - freed) * cost,
        "staff_cost_oberon": oberon,
    }
