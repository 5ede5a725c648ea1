"""Cost model for offering a technical vmbo profile (Oberon 2024), with cited parameters."""

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
    "TECHNICAL_PROFILES",
    "CostBreakdown",
    "CostParameter",
    "CostParameters",
    "NotATechnicalProfileError",
    "ParameterFileError",
    "ParameterValueError",
    "PublishedFigures",
    "ReportInfo",
    "Source",
    "UnknownParameterError",
    "YearlyCosts",
    "break_even_group_size",
    "floor_area_m2",
    "load_reports",
    "net_funding_per_pupil",
    "one_off_costs",
    "reference_pupils",
    "teaching_fte",
    "technical_profile",
    "yearly_costs",
]
