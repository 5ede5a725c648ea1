"""Scenario planner: interventions on a baseline, run per year and region, compared.

A ``Scenario`` (YAML) names a region and baseline year, ordered interventions and
parameter overrides; ``run`` computes baseline and scenario with the choice model
(estimated on all locations of the year, cached), flow rates and the Oberon cost
model; ``compare`` puts up to four results side by side. See docs/scenarios.md.
"""

from kansrijk.scenarios.baseline import Baseline, region_mask
from kansrijk.scenarios.compare import MAX_SCENARIOS, Comparison, compare
from kansrijk.scenarios.errors import ScenarioDataError, ScenarioError
from kansrijk.scenarios.interventions import (
    INTERVENTION_TYPES,
    AddProfile,
    AddProfileWhereMissing,
    FlowUplift,
    GuidanceUplift,
    Intervention,
    NewMboLocation,
    RemoveProfile,
    ShareProfile,
    ShareWhereMissing,
)
from kansrijk.scenarios.mbo import MboList, MboLocation, default_mbo_list, read_mbo_file
from kansrijk.scenarios.national import (
    COVARIATES,
    DEFAULT_COVARIATES,
    LEERWEGEN,
    MASKED_VALUE,
    PROFILES,
    NationalData,
    clear_cache,
    national_data,
)
from kansrijk.scenarios.result import (
    AdditionRow,
    Interval,
    LocationRow,
    ScenarioResult,
    Summary,
    YearRow,
)
from kansrijk.scenarios.runner import DEFAULT_SEED, apply_interventions, run, run_on
from kansrijk.scenarios.scenario import PRESETS, Horizon, Parameters, Scenario, preset_list
from kansrijk.scenarios.state import State

__all__ = [
    "COVARIATES",
    "DEFAULT_COVARIATES",
    "DEFAULT_SEED",
    "INTERVENTION_TYPES",
    "LEERWEGEN",
    "MASKED_VALUE",
    "MAX_SCENARIOS",
    "PRESETS",
    "PROFILES",
    "AddProfile",
    "AddProfileWhereMissing",
    "AdditionRow",
    "Baseline",
    "Comparison",
    "FlowUplift",
    "GuidanceUplift",
    "Horizon",
    "Interval",
    "Intervention",
    "LocationRow",
    "MboList",
    "MboLocation",
    "NationalData",
    "NewMboLocation",
    "Parameters",
    "RemoveProfile",
    "Scenario",
    "ScenarioDataError",
    "ScenarioError",
    "ScenarioResult",
    "ShareProfile",
    "ShareWhereMissing",
    "State",
    "Summary",
    "YearRow",
    "apply_interventions",
    "clear_cache",
    "compare",
    "default_mbo_list",
    "national_data",
    "preset_list",
    "read_mbo_file",
    "region_mask",
    "run",
    "run_on",
]
