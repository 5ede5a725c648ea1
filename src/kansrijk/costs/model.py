"""The Oberon (2024) cost model for adding one technical vmbo profile to a school.

Pure functions on :class:`~kansrijk.costs.parameters.CostParameters`; no I/O. The
formulas, and why they read the report as they do, are in ``docs/costs.md``:

* floor area  = round(vaste voet + m2 per pupil x pupils, 10 m2); for MVI the vaste
  voet is not given and is implied by the 450 m2 for 40 pupils (90.4 m2);
* building    = (floor area x allowance per m2 + workshop allowance) x indexation,
  times the renovation share for a renovation;
* furnishing  = floor area x indexed furnishing norm per m2;
* staff       = fte x staff cost per fte;
* break-even  = staff cost / (funding per pupil x (1 - overhead share)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kansrijk.costs.errors import NotATechnicalProfileError, ParameterValueError
from kansrijk.costs.parameters import CostParameters
from kansrijk.vocab import PROFILE_NAMES, Profile, ProfileSet, parse_profile_code

#: The profiles the model covers: techniek (BWI, PIE, MT, MAT) and MVI, in vocabulary order.
TECHNICAL_PROFILES: tuple[Profile, ...] = tuple(map(Profile, ProfileSet.TECHNIEK_ICT.codes))


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """One-off costs (EUR) of adding ``profile`` for ``pupils`` pupils.

    Amounts are unrounded; the ``*_rounded`` fields round as Tabel 1 does (building to
    EUR 10,000, furnishing to EUR 1,000, total = sum of the rounded lines).
    ``building = area_allowance + workshop_allowance + indexation + renovation_reduction``.
    """

    profile: Profile
    pupils: float
    renovation: bool
    floor_area_m2: float
    allowance_per_m2: float
    area_allowance: float
    workshop_allowance: float
    indexation: float
    renovation_reduction: float
    building: float
    furnishing_norm_per_m2: float
    furnishing: float
    total: float
    building_rounded: int
    furnishing_rounded: int
    total_rounded: int
    price_level: int | None


@dataclass(frozen=True, slots=True)
class YearlyCosts:
    """Yearly costs (EUR) of running ``profile``.

    ``maintenance`` is None while the report's 'p.m.' stands. ``depreciation`` is the
    one-off total spread over the depreciation term: derived, not part of Tabel 1.
    """

    profile: Profile
    fte: float
    staff: float
    maintenance: float | None
    depreciation: float

    @property
    def structural(self) -> float:
        """Tabel 1's 'Structurele kosten per jaar': staff plus maintenance (0 while p.m.)."""
        return self.staff + (self.maintenance or 0.0)

    @property
    def total_incl_depreciation(self) -> float:
        """Structural costs plus depreciation of the one-off costs."""
        return self.structural + self.depreciation


def technical_profile(profile: Profile | str) -> Profile:
    """``profile`` as a Profile, checked to be one the cost model covers.

    Raises:
        UnknownCodeError: a string that is no profile code.
        NotATechnicalProfileError: a profile outside BWI, PIE, MT, MAT, MVI.
    """
    code = profile if isinstance(profile, Profile) else parse_profile_code(profile)
    if code not in TECHNICAL_PROFILES:
        allowed = ", ".join(f"{p.value} ({PROFILE_NAMES[p][1]})" for p in TECHNICAL_PROFILES)
        raise NotATechnicalProfileError(
            f"the Oberon (2024) cost model covers technical profiles only; "
            f"found {code.value} ({PROFILE_NAMES[code][1]}); expected one of: {allowed}"
        )
    return code


def reference_pupils(params: CostParameters) -> float:
    """The pupils the report assumes: 3rd plus 4th year (20 + 20 = 40)."""
    return params.pupils_year3.number + params.pupils_year4.number


def floor_area_m2(
    profile: Profile | str, params: CostParameters, *, pupils: float | None = None
) -> float:
    """Floor area (m2 BVO) for building and furnishing: 660 for BWI/PIE/MT/MAT, 450 for MVI
    at the reference 40 pupils.

    BWI/PIE/MT/MAT: vaste voet + m2 per pupil x pupils, rounded to the nearest
    ``floor_area_rounding_m2`` (299 + 359.6 = 658.6 -> 660). MVI: the report gives 450 m2
    for 40 pupils without a vaste voet; the implied vaste voet is 450 - 40 x 8.99 = 90.4.
    """
    code = technical_profile(profile)
    n = _pupils(params, pupils)
    per_pupil = params.area_per_pupil_m2.number
    if code is Profile.MVI:
        base = params.floor_area_mvi_m2.number - per_pupil * params.floor_area_mvi_pupils.number
    else:
        base = params.base_area_techniek_m2.number
    area = _round_to(base + per_pupil * n, params.floor_area_rounding_m2.number)
    return max(area, 0.0)


def one_off_costs(
    profile: Profile | str,
    params: CostParameters,
    *,
    renovation: bool = False,
    pupils: float | None = None,
    profile_rates: bool = False,
) -> CostBreakdown:
    """One-off building and furnishing costs (Tabel 1, lines 1 and 2).

    Args:
        profile: a technical profile (BWI, PIE, MT, MAT or MVI).
        params: the cost parameters (``CostParameters.default()`` for the report's).
        renovation: renovate instead of new build; the building part becomes the
            renovation share (50 %) of new build. Furnishing does not change.
        pupils: pupils in the profile (3rd + 4th year); default the report's 40.
        profile_rates: use the per-profile building allowances of note 37 instead of
            the average EUR 2,700 that Tabel 1 uses.
    """
    code = technical_profile(profile)
    n = _pupils(params, pupils)
    area = floor_area_m2(code, params, pupils=n)
    mvi = code is Profile.MVI
    if profile_rates:
        rate_param = (
            params.building_allowance_per_m2_mvi
            if mvi
            else params.building_allowance_per_m2_bwi_pie_mt
        )
    else:
        rate_param = params.building_allowance_per_m2
    rate = rate_param.number
    area_allowance = area * rate
    workshop = params.workshop_allowance.number
    new_build = (area_allowance + workshop) * params.indexation_factor.number
    indexation = new_build - (area_allowance + workshop)
    share = params.renovation_share.number / 100.0 if renovation else 1.0
    building = new_build * share
    norm = (params.furnishing_norm_mvi if mvi else params.furnishing_norm_bwi_pie_mt).number
    furnishing = area * norm
    building_rounded = _round_money(building, params.rounding_building_eur.number)
    furnishing_rounded = _round_money(furnishing, params.rounding_furnishing_eur.number)
    return CostBreakdown(
        profile=code,
        pupils=n,
        renovation=renovation,
        floor_area_m2=area,
        allowance_per_m2=rate,
        area_allowance=area_allowance,
        workshop_allowance=workshop,
        indexation=indexation,
        renovation_reduction=building - new_build,
        building=building,
        furnishing_norm_per_m2=norm,
        furnishing=furnishing,
        total=building + furnishing,
        building_rounded=building_rounded,
        furnishing_rounded=furnishing_rounded,
        total_rounded=building_rounded + furnishing_rounded,
        price_level=params.indexation_factor.year,
    )


def teaching_fte(pupils: float, params: CostParameters) -> float:
    """Teacher fte needed by note 38: groups of at most 12, 12 lessons each, 25 hours per fte.

    24 pupils -> 2 groups -> 24 hours -> 0.96 fte ('ca. 1 fte'); 40 pupils -> 1.92 fte.
    """
    n = _pupils(params, pupils)
    max_group = params.max_group_size.number
    if max_group <= 0:
        raise ParameterValueError(f"max_group_size must be > 0, found {max_group:g}")
    hours = params.contact_hours_per_fte.number
    if hours <= 0:
        raise ParameterValueError(f"contact_hours_per_fte must be > 0, found {hours:g}")
    groups = math.ceil(n / max_group)
    return groups * params.lessons_per_pupil_per_week.number / hours


def yearly_costs(
    profile: Profile | str,
    params: CostParameters,
    *,
    renovation: bool = False,
    pupils: float | None = None,
    fte: float | None = None,
    profile_rates: bool = False,
) -> YearlyCosts:
    """Yearly costs (Tabel 1, lines 3 and 4) plus derived depreciation.

    ``fte`` defaults to the report's 1 fte per profile (pass ``teaching_fte(...)`` for the
    need implied by note 38). ``renovation``, ``pupils`` and ``profile_rates`` only affect
    the depreciation, through the one-off costs.
    """
    code = technical_profile(profile)
    staff_fte = params.staff_fte_per_profile.number if fte is None else _non_negative("fte", fte)
    staff = staff_fte * params.staff_cost_per_fte.number
    years = params.depreciation_years.number
    if years <= 0:
        raise ParameterValueError(f"depreciation_years must be > 0, found {years:g}")
    one_off = one_off_costs(
        code, params, renovation=renovation, pupils=pupils, profile_rates=profile_rates
    )
    return YearlyCosts(
        profile=code,
        fte=staff_fte,
        staff=staff,
        maintenance=params.maintenance_per_year.value,
        depreciation=one_off.total / years,
    )


def net_funding_per_pupil(params: CostParameters) -> float:
    """DUO funding per pupil after the overhead share: 10,059 x (1 - 0.20) = 8,047.20."""
    return params.funding_per_pupil.number * (1.0 - params.overhead_share.number / 100.0)


def break_even_group_size(
    profile: Profile | str, params: CostParameters, *, fte: float | None = None
) -> float:
    """Pupils whose net funding pays the yearly staff cost: 90,000 / 8,047.20 = 11.18.

    The report says 'ca. 18' (note 39) and '12 - 18' (ch. 7); only the 12 follows from
    its numbers (ceil(11.18) = 12). See docs/costs.md.
    """
    staff = yearly_costs(profile, params, fte=fte).staff
    net = net_funding_per_pupil(params)
    if net <= 0:
        raise ParameterValueError(
            f"net funding per pupil must be > 0, found {net:g} "
            "(funding_per_pupil x (1 - overhead_share / 100))"
        )
    return staff / net


def _pupils(params: CostParameters, pupils: float | None) -> float:
    if pupils is None:
        return reference_pupils(params)
    return _non_negative("pupils", pupils)


def _non_negative(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterValueError(f"{name}: expected a number, found {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ParameterValueError(f"{name}: expected a finite number >= 0, found {value!r}")
    return float(value)


def _round_to(value: float, step: float) -> float:
    """Round half up to a multiple of ``step``; a step of 0 leaves the value as it is."""
    if step <= 0:
        return value
    return step * math.floor(value / step + 0.5)


def _round_money(value: float, step: float) -> int:
    return round(_round_to(value, step))
