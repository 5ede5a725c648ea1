"""The estimated cycling time of a straight-line distance, with its cited parameters."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["CyclingParameters", "cycling_minutes", "cycling_parameters"]


@dataclass(frozen=True, slots=True)
class CyclingParameters:
    """Detour factor (route km per straight-line km) and speed, with their sources."""

    detour_factor: float
    speed_kmh: float
    detour_source: str
    speed_source: str

    def to_json(self) -> dict[str, Any]:
        """As in the JSON twin."""
        return {
            "detour_factor": self.detour_factor,
            "speed_kmh": self.speed_kmh,
            "detour_factor_source": self.detour_source,
            "speed_source": self.speed_source,
        }


@cache
def cycling_parameters() -> CyclingParameters:
    """The packaged parameters (finder/parameters.yaml)."""
    text = resources.files("kansrijk.finder").joinpath("parameters.yaml").read_text("utf-8")
    data = yaml.safe_load(text)["cycling"]
    return CyclingParameters(
        float(data["detour_factor"]["value"]),
        float(data["speed_kmh"]["value"]),
        " ".join(str(data["detour_factor"]["source"]).split()),
        " ".join(str(data["speed_kmh"]["source"]).split()),
    )


def cycling_minutes(km: float, params: CyclingParameters | None = None) -> int:
    """Whole minutes (rounded up, at least 1) to cycle a straight-line distance."""
    p = params or cycling_parameters()
    return max(1, math.ceil(km * p.detour_factor / p.speed_kmh * 60.0))
