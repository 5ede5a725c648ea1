"""Indicators: typed, frozen definitions; the engine that evaluates any indicator for any
regions x years with suppression of small counts; published reference figures and targets."""

from kansrijk.indicators.catalog import INDICATORS, get_indicator
from kansrijk.indicators.definition import Breakdown, Indicator, Unit
from kansrijk.indicators.engine import compute, loaded_years
from kansrijk.indicators.published import PublishedFigure, published_figures, targets
from kansrijk.indicators.result import IndicatorResult, IndicatorRow

__all__ = [
    "INDICATORS",
    "Breakdown",
    "Indicator",
    "IndicatorResult",
    "IndicatorRow",
    "PublishedFigure",
    "Unit",
    "compute",
    "get_indicator",
    "loaded_years",
    "published_figures",
    "targets",
]
