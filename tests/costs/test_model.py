"""The cost model reproduces Oberon (2024) Tabel 1 and behaves as its formulas imply."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansrijk.costs import (
    TECHNICAL_PROFILES,
    CostParameters,
    NotATechnicalProfileError,
    ParameterValueError,
    PublishedFigures,
    break_even_group_size,
    floor_area_m2,
    net_funding_per_pupil,
    one_off_costs,
    teaching_fte,
    technical_profile,
    yearly_costs,
)
from kansrijk.errors import KansrijkError, UnknownCodeError
from kansrijk.vocab import Profile

WORKSHOP_PROFILES = [Profile.BWI, Profile.PIE, Profile.MT]
NON_TECHNICAL = [p for p in Profile if p not in TECHNICAL_PROFILES]


@pytest.fixture(scope="module")
def params() -> CostParameters:
    return CostParameters.default()


@pytest.fixture(scope="module")
def published() -> PublishedFigures:
    return PublishedFigures.default()


# --- Tabel 1 ---------------------------------------------------------------------------


@pytest.mark.parametrize("profile", WORKSHOP_PROFILES)
def test_table1_bwi_pie_mt(profile: Profile, params: CostParameters) -> None:
    costs = one_off_costs(profile, params)
    assert costs.floor_area_m2 == 660
    assert costs.building_rounded == 2_350_000
    assert costs.furnishing_rounded == 333_000
    assert costs.total_rounded == 2_683_000
    assert costs.building == pytest.approx(2_347_023.7375)
    assert costs.furnishing == pytest.approx(333_300.0)
    assert costs.total == pytest.approx(2_680_323.7375)
    assert costs.price_level == 2024


def test_table1_mvi(params: CostParameters) -> None:
    costs = one_off_costs(Profile.MVI, params)
    assert costs.floor_area_m2 == 450
    assert costs.building_rounded == 1_640_000
    assert costs.furnishing_rounded == 133_000
    assert costs.total_rounded == 1_773_000
    assert costs.building == pytest.approx(1_638_273.7375)
    assert costs.furnishing == pytest.approx(132_750.0)
    assert costs.total == pytest.approx(1_771_023.7375)


def test_table1_equals_published_figures(
    params: CostParameters, published: PublishedFigures
) -> None:
    mvi = one_off_costs(Profile.MVI, params)
    bwi = one_off_costs(Profile.BWI, params)
    assert mvi.building_rounded == published.building_cost_mvi.value
    assert mvi.furnishing_rounded == published.furnishing_cost_mvi.value
    assert mvi.total_rounded == published.one_off_total_mvi.value
    assert bwi.building_rounded == published.building_cost_bwi_pie_mt.value
    assert bwi.furnishing_rounded == published.furnishing_cost_bwi_pie_mt.value
    assert bwi.total_rounded == published.one_off_total_bwi_pie_mt.value
    assert bwi.floor_area_m2 == published.floor_area_bwi_pie_mt_table_m2.value


def test_total_is_sum_of_rounded_lines_not_rounded_sum(params: CostParameters) -> None:
    """Tabel 1 rounds each line first: the unrounded totals would round to 1,771,000."""
    mvi = one_off_costs(Profile.MVI, params)
    assert mvi.total_rounded == mvi.building_rounded + mvi.furnishing_rounded
    assert round(mvi.total, -3) == 1_771_000
    assert round(one_off_costs(Profile.PIE, params).total, -3) == 2_680_000


def test_components_add_up(params: CostParameters) -> None:
    for renovation in (False, True):
        c = one_off_costs(Profile.PIE, params, renovation=renovation)
        parts = c.area_allowance + c.workshop_allowance + c.indexation + c.renovation_reduction
        assert parts == pytest.approx(c.building)
        assert c.building + c.furnishing == pytest.approx(c.total)
    c = one_off_costs(Profile.PIE, params)
    assert c.area_allowance == pytest.approx(660 * 2_700)
    assert c.workshop_allowance == 95_618.99
    assert c.indexation == pytest.approx((660 * 2_700 + 95_618.99) * 0.25)
    assert c.renovation_reduction == 0


@pytest.mark.parametrize(
    ("area", "building", "furnishing"),
    [(650, 2_313_273.7375, 328_250.0), (6_500, 22_057_023.7375, 3_282_500.0)],
)
def test_other_area_readings_do_not_reproduce_table1(
    area: float, building: float, furnishing: float, params: CostParameters
) -> None:
    """The 650 m2 of the furnishing bullet and the 6500 of note 40 miss Tabel 1."""
    new_build = (area * 2_700 + 95_618.99) * 1.25
    assert new_build == pytest.approx(building)
    assert area * 505 == pytest.approx(furnishing)
    assert round(new_build, -4) != 2_350_000
    assert round(area * 505, -3) != 333_000


def test_unrounded_floor_area_misses_table1(params: CostParameters) -> None:
    """Without rounding 658.6 m2 to 660 the building line would print 2,340,000."""
    raw = params.override(floor_area_rounding_m2=0)
    c = one_off_costs(Profile.BWI, raw)
    assert c.floor_area_m2 == pytest.approx(658.6)
    assert c.building_rounded == 2_340_000


def test_profile_rates_of_note37(params: CostParameters) -> None:
    mvi = one_off_costs(Profile.MVI, params, profile_rates=True)
    bwi = one_off_costs(Profile.BWI, params, profile_rates=True)
    assert mvi.building == pytest.approx((450 * 2_716.45 + 95_618.99) * 1.25)
    assert bwi.building == pytest.approx((660 * 2_663.89 + 95_618.99) * 1.25)
    assert bwi.building_rounded == 2_320_000  # not Tabel 1's 2,350,000


# --- staff, yearly costs and break-even ------------------------------------------------


@pytest.mark.parametrize("profile", TECHNICAL_PROFILES)
def test_staff_costs_90000(
    profile: Profile, params: CostParameters, published: PublishedFigures
) -> None:
    yearly = yearly_costs(profile, params)
    assert yearly.fte == 1
    assert yearly.staff == 90_000
    assert yearly.staff == published.staff_cost_per_year.value
    assert yearly.maintenance is None  # p.m.
    assert yearly.structural == 90_000


def test_depreciation_spreads_one_off_over_15_years(params: CostParameters) -> None:
    yearly = yearly_costs(Profile.BWI, params)
    assert yearly.depreciation == pytest.approx(2_680_323.7375 / 15)
    assert yearly.total_incl_depreciation == pytest.approx(90_000 + 2_680_323.7375 / 15)


def test_break_even_group_size(params: CostParameters, published: PublishedFigures) -> None:
    assert net_funding_per_pupil(params) == pytest.approx(8_047.2)
    value = break_even_group_size(Profile.PIE, params)
    assert value == pytest.approx(90_000 / 8_047.2)
    assert round(value, 2) == 11.18
    # Only the low end of the report's '12 - 18' follows from its numbers.
    assert math.ceil(value) == published.break_even_range_low.value == 12
    assert published.break_even_group_size.value == 18
    assert value < published.break_even_group_size.value


def test_break_even_scales_with_fte(params: CostParameters) -> None:
    one = break_even_group_size(Profile.MVI, params)
    assert break_even_group_size(Profile.MVI, params, fte=2) == pytest.approx(2 * one)


@pytest.mark.parametrize(("pupils", "fte"), [(12, 0.48), (24, 0.96), (40, 1.92), (0, 0.0)])
def test_teaching_fte_note38(pupils: int, fte: float, params: CostParameters) -> None:
    assert teaching_fte(pupils, params) == pytest.approx(fte)


# --- renovation, pupils, overrides ---------------------------------------------------------


@pytest.mark.parametrize("profile", TECHNICAL_PROFILES)
def test_renovation_halves_building_part(profile: Profile, params: CostParameters) -> None:
    new = one_off_costs(profile, params)
    renovated = one_off_costs(profile, params, renovation=True)
    assert renovated.building == pytest.approx(new.building / 2)
    assert renovated.furnishing == new.furnishing
    assert renovated.total == pytest.approx(new.total - new.building / 2)


def test_renovation_rounded(params: CostParameters) -> None:
    assert one_off_costs(Profile.BWI, params, renovation=True).building_rounded == 1_170_000


def test_override_allowance_per_m2(params: CostParameters) -> None:
    base = one_off_costs(Profile.BWI, params)
    more = one_off_costs(Profile.BWI, params.override(building_allowance_per_m2=3_000))
    assert more.building - base.building == pytest.approx(660 * 300 * 1.25)
    assert more.furnishing == base.furnishing


def test_override_indexation_factor(params: CostParameters) -> None:
    c = one_off_costs(Profile.MVI, params.override(indexation_factor=1))
    assert c.building == pytest.approx(450 * 2_700 + 95_618.99)
    assert c.indexation == 0


def test_override_renovation_share(params: CostParameters) -> None:
    new = one_off_costs(Profile.PIE, params)
    c = one_off_costs(Profile.PIE, params.override(renovation_share=60), renovation=True)
    assert c.building == pytest.approx(0.6 * new.building)


def test_override_pupils_changes_floor_area(params: CostParameters) -> None:
    more = params.override(pupils_year3=30)
    assert floor_area_m2(Profile.BWI, more) == 750  # 299 + 50 x 8.99 = 748.5
    assert floor_area_m2(Profile.MVI, more) == 540  # 450 + 10 x 8.99 = 539.9
    assert floor_area_m2(Profile.BWI, params, pupils=50) == 750


def test_override_staff_cost(params: CostParameters) -> None:
    dearer = params.override(staff_cost_per_fte=100_000)
    assert yearly_costs(Profile.MT, dearer).staff == 100_000
    assert break_even_group_size(Profile.MT, dearer) == pytest.approx(100_000 / 8_047.2)


def test_override_overhead_share(params: CostParameters) -> None:
    value = break_even_group_size(Profile.MT, params.override(overhead_share=50))
    assert value == pytest.approx(90_000 / (10_059 * 0.5))


def test_override_maintenance(params: CostParameters) -> None:
    yearly = yearly_costs(Profile.BWI, params.override(maintenance_per_year=25_000))
    assert yearly.maintenance == 25_000
    assert yearly.structural == 115_000


def test_floor_area_mvi_at_zero_pupils(params: CostParameters) -> None:
    assert floor_area_m2(Profile.MVI, params, pupils=0) == 90  # 450 - 359.6 = 90.4
    assert floor_area_m2(Profile.BWI, params, pupils=0) == 300  # 299 rounded


@given(
    profile=st.sampled_from(TECHNICAL_PROFILES),
    a=st.integers(min_value=0, max_value=2_000),
    b=st.integers(min_value=0, max_value=2_000),
    renovation=st.booleans(),
)
def test_costs_increase_monotonically_with_pupils(
    profile: Profile, a: int, b: int, renovation: bool
) -> None:
    params = CostParameters.default()
    low, high = sorted((a, b))
    c_low = one_off_costs(profile, params, pupils=low, renovation=renovation)
    c_high = one_off_costs(profile, params, pupils=high, renovation=renovation)
    assert c_low.floor_area_m2 <= c_high.floor_area_m2
    assert c_low.building <= c_high.building
    assert c_low.furnishing <= c_high.furnishing
    assert c_low.total <= c_high.total
    assert c_low.total_rounded <= c_high.total_rounded
    if high - low >= 2:  # 2 x 8.99 m2 > the 10 m2 rounding step
        assert c_low.total < c_high.total


# --- profiles and bad input -------------------------------------------------------------------


@pytest.mark.parametrize("profile", NON_TECHNICAL)
def test_non_technical_profile_errors(profile: Profile, params: CostParameters) -> None:
    for call in (one_off_costs, yearly_costs, break_even_group_size):
        with pytest.raises(NotATechnicalProfileError) as info:
            call(profile, params)
        message = str(info.value)
        assert profile.value in message
        for allowed in ("BWI", "PIE", "MT", "MAT", "MVI"):
            assert allowed in message
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, KansrijkError)


def test_profile_codes_as_strings(params: CostParameters) -> None:
    assert technical_profile("M&T") is Profile.MT
    assert one_off_costs("mvi", params).total_rounded == 1_773_000
    with pytest.raises(UnknownCodeError):
        technical_profile("XYZ")
    with pytest.raises(NotATechnicalProfileError, match="ZW"):
        technical_profile("Z&W")


@pytest.mark.parametrize("pupils", [-1, math.nan, math.inf])
def test_bad_pupils(pupils: float, params: CostParameters) -> None:
    with pytest.raises(ParameterValueError, match="pupils"):
        one_off_costs(Profile.BWI, params, pupils=pupils)


def test_zero_depreciation_term_errors(params: CostParameters) -> None:
    with pytest.raises(ParameterValueError, match="depreciation_years"):
        yearly_costs(Profile.BWI, params.override(depreciation_years=0))


def test_full_overhead_errors(params: CostParameters) -> None:
    with pytest.raises(ParameterValueError, match="net funding"):
        break_even_group_size(Profile.BWI, params.override(overhead_share=100))
