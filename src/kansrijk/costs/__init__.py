"""Cost model for offering a technical vmbo profile (Oberon 2024), with cited parameters."""

from kansrijk.costs.annualised import (
    BUILDING_LIFE,
    DISCOUNT_RATE,
    FURNISHING_LIFE,
    EquivalentAnnualCost,
    annuity_factor,
    equivalent_annual_cost,
    residual_value,
)
from kansrijk.costs.errors import (
    NotATechnicalProfileError,
    ParameterFileError,
    ParameterValueError,
    UnknownParameterError,
)
from kansrijk.costs.model import (
    TECHNICAL_PROFILES,
    CostBreakdown,
    YearlyCosts,
    break_even_group_size,
    floor_area_m2,
    net_funding_per_pupil,
    one_off_costs,
    reference_pupils,
    teaching_fte,
    technical_profile,
    yearly_costs,
)
from kansrijk.costs.parameters import (
    CostParameter,
    CostParameters,
    ReportInfo,
    Source,
    load_reports,
)
from kansrijk.costs.published import PublishedFigures

__all__ = [
    "BUILDING_LIFE",
    "DISCOUNT_RATE",
    "FURNISHING_LIFE",
    "TECHNICAL_PROFILES",
    "CostBreakdown",
    "CostParameter",
    "CostParameters",
    "EquivalentAnnualCost",
    "NotATechnicalProfileError",
    "ParameterFileError",
    "ParameterValueError",
    "PublishedFigures",
    "ReportInfo",
    "Source",
    "UnknownParameterError",
    "YearlyCosts",
    "annuity_factor",
    "break_even_group_size",
    "equivalent_annual_cost",
    "floor_area_m2",
    "load_reports",
    "net_funding_per_pupil",
    "one_off_costs",
    "reference_pupils",
    "residual_value",
    "teaching_fte",
    "technical_profile",
    "yearly_costs",
]
