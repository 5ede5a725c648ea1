"""Profile-choice model (multinomial logit with availability), flow to mbo, cohorts.

Estimation and prediction only: no I/O beyond the packaged parameter YAML; inputs are
numpy arrays and small dataclasses. See docs/model.md.
"""

from kansrijk.model.choice_data import ChoiceData
from kansrijk.model.choice_model import (
    DEFAULT_RIDGE,
    ChoiceModel,
    ChoiceModelSummary,
    ParameterRow,
    fit_choice_model,
)
from kansrijk.model.cohort import DEFAULT_SWITCH_RATE, apply_school_switching, project_cohorts
from kansrijk.model.covariates import (
    CovariateBlock,
    combine,
    dummies,
    log_size,
    numeric,
    offer_breadth,
    share,
)
from kansrijk.model.errors import (
    ChoiceDataError,
    EstimationError,
    FlowRatesError,
    ModelInputError,
)
from kansrijk.model.flow import (
    DEFAULT_PER_KM,
    FlowRates,
    ProfileFlowRate,
    adjusted_rates,
    expected_entrants,
    reference_distance,
)
from kansrijk.model.validation import LooResult, leave_one_out, naive_baseline

__all__ = [
    "DEFAULT_PER_KM",
    "DEFAULT_RIDGE",
    "DEFAULT_SWITCH_RATE",
    "ChoiceData",
    "ChoiceDataError",
    "ChoiceModel",
    "ChoiceModelSummary",
    "CovariateBlock",
    "EstimationError",
    "FlowRates",
    "FlowRatesError",
    "LooResult",
    "ModelInputError",
    "ParameterRow",
    "ProfileFlowRate",
    "adjusted_rates",
    "apply_school_switching",
    "combine",
    "dummies",
    "expected_entrants",
    "fit_choice_model",
    "leave_one_out",
    "log_size",
    "naive_baseline",
    "numeric",
    "offer_breadth",
    "project_cohorts",
    "reference_distance",
    "share",
]
