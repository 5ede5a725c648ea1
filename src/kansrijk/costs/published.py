"""The Oberon (2024) report's own cost figures: benchmarks shown next to the model."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict

from kansrijk.costs.errors import UnknownParameterError
from kansrijk.costs.parameters import CostParameter, read_parameter_file, validate_section


class PublishedFigures(BaseModel):
    """Tabel 1 and the other printed results and readings; never model inputs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    building_cost_mvi: CostParameter
    building_cost_bwi_pie_mt: CostParameter
    furnishing_cost_mvi: CostParameter
    furnishing_cost_bwi_pie_mt: CostParameter
    one_off_total_mvi: CostParameter
    one_off_total_bwi_pie_mt: CostParameter
    staff_cost_per_year: CostParameter
    maintenance_cost_per_year: CostParameter
    break_even_group_size: CostParameter
    break_even_range_low: CostParameter
    break_even_range_high: CostParameter
    floor_area_bwi_pie_mt_table_m2: CostParameter
    floor_area_bwi_pie_mt_bullet_m2: CostParameter
    floor_area_bwi_pie_mt_note40_m2: CostParameter
    variable_area_40_pupils_m2: CostParameter
    workshop_allowance_text: CostParameter

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The figure names, in file order."""
        return tuple(cls.model_fields)

    @classmethod
    def default(cls) -> PublishedFigures:
        """The packaged figures of Oberon (2024)."""
        return _default_published()

    @classmethod
    def from_yaml(cls, path: str | Path) -> Self:
        """Load the ``published`` section of a YAML file like the packaged one."""
        data, label = read_parameter_file(path)
        return validate_section(cls, data, "published", label)

    def get(self, name: str) -> CostParameter:
        """The figure called ``name``; UnknownParameterError lists the known names."""
        if name not in type(self).model_fields:
            raise UnknownParameterError(name, self.names(), what="published figure")
        value: CostParameter = getattr(self, name)
        return value


@lru_cache(maxsize=1)
def _default_published() -> PublishedFigures:
    data, label = read_parameter_file()
    return validate_section(PublishedFigures, data, "published", label)
