"""Cost parameters with citations, loaded from packaged YAML, overridable per scenario."""

from __future__ import annotations

import math
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Self, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kansrijk.costs.errors import ParameterFileError, ParameterValueError, UnknownParameterError

#: Longest quote allowed in a citation, in words.
MAX_QUOTE_WORDS = 15

#: The packaged parameter file (relative to the ``kansrijk.costs`` package).
DEFAULT_FILE = "data/oberon2024.yaml"

_M = TypeVar("_M", bound=BaseModel)

_FIELDS_HINT = "each entry needs value, unit, source (report, ref, quote) and year"


class Source(BaseModel):
    """Where a number comes from: report id, place in the report and a short verbatim quote."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: str
    ref: str
    quote: str

    @field_validator("quote")
    @classmethod
    def _short_quote(cls, quote: str) -> str:
        words = quote.split()
        if not words:
            raise ValueError("quote is empty")
        if len(words) > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has {len(words)} words; at most {MAX_QUOTE_WORDS} allowed")
        return quote

    def cite(self) -> str:
        """A one-line citation: ``oberon2024, note 40: "..."``."""
        return f'{self.report}, {self.ref}: "{self.quote}"'


class CostParameter(BaseModel):
    """One number of the cost model with its unit, source and price level (``year``).

    ``value`` is None for a 'p.m.' (pro memorie) entry that the report does not quantify.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float | None
    unit: str
    source: Source
    year: int | None
    note: str | None = None

    @property
    def number(self) -> float:
        """The value as a number; raises ParameterValueError for a 'p.m.' entry."""
        if self.value is None:
            raise ParameterValueError(
                f"parameter has no value (p.m.) in {self.source.cite()}; "
                "override it with a number to use it"
            )
        return self.value


class ReportInfo(BaseModel):
    """Bibliographic data of a report cited by the parameters."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    publisher: str
    published: str
    place: str | None = None
    commissioned_by: str | None = None


class CostParameters(BaseModel):
    """Every input of the Oberon (2024) cost model. Frozen; use :meth:`override`.

    Load the packaged values with :meth:`default` or a file with :meth:`from_yaml`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # pupils
    pupils_year3: CostParameter
    pupils_year4: CostParameter
    # floor area
    base_area_techniek_m2: CostParameter
    area_per_pupil_m2: CostParameter
    floor_area_mvi_m2: CostParameter
    floor_area_mvi_pupils: CostParameter
    floor_area_rounding_m2: CostParameter
    # building
    building_allowance_per_m2: CostParameter
    building_allowance_per_m2_bwi_pie_mt: CostParameter
    building_allowance_per_m2_mvi: CostParameter
    workshop_allowance: CostParameter
    indexation_factor: CostParameter
    renovation_share: CostParameter
    # furnishing
    furnishing_norm_bwi_pie_mt_2021: CostParameter
    furnishing_norm_bwi_pie_mt: CostParameter
    furnishing_norm_mvi_2021: CostParameter
    furnishing_norm_mvi: CostParameter
    # staff
    staff_fte_per_profile: CostParameter
    staff_cost_per_fte: CostParameter
    lessons_per_pupil_per_week: CostParameter
    contact_hours_per_fte: CostParameter
    max_group_size: CostParameter
    pupils_per_fte: CostParameter
    # funding
    funding_per_pupil: CostParameter
    overhead_share: CostParameter
    # maintenance
    maintenance_per_year: CostParameter
    depreciation_years: CostParameter
    # presentation as in Tabel 1
    rounding_building_eur: CostParameter
    rounding_furnishing_eur: CostParameter

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The parameter names, in file order."""
        return tuple(cls.model_fields)

    @classmethod
    def default(cls) -> CostParameters:
        """The packaged Oberon (2024) parameters."""
        return _default_parameters()

    @classmethod
    def from_yaml(cls, path: str | Path) -> Self:
        """Load the ``parameters`` section of a YAML file like the packaged one."""
        data, label = read_parameter_file(path)
        return validate_section(cls, data, "parameters", label)

    def get(self, name: str) -> CostParameter:
        """The parameter called ``name``; UnknownParameterError lists the known names."""
        if name not in type(self).model_fields:
            raise UnknownParameterError(name, self.names())
        value: CostParameter = getattr(self, name)
        return value

    def override(self, **values: float | CostParameter | None) -> CostParameters:
        """A copy with some values replaced (a scenario's assumptions).

        A number replaces the value and keeps unit, source and year, with a note that
        it was overridden; a CostParameter replaces the whole entry; None makes it p.m.

        Raises:
            UnknownParameterError: a name is not a parameter (message lists the names).
            ParameterValueError: a value is not a finite number >= 0.
        """
        update: dict[str, CostParameter] = {}
        for name, new in values.items():
            old = self.get(name)
            if isinstance(new, CostParameter):
                update[name] = new
                continue
            value: float | None = None
            if new is not None:
                _check_number(name, new)
                value = float(new)
            was = "p.m." if old.value is None else f"{old.value:g}"
            update[name] = old.model_copy(
                update={"value": value, "note": f"scenario override (report value {was})"}
            )
        return self.model_copy(update=update)


def _check_number(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterValueError(
            f"cost parameter {name!r}: expected a number, found {value!r} ({type(value).__name__})"
        )
    if not math.isfinite(value) or value < 0:
        raise ParameterValueError(
            f"cost parameter {name!r}: expected a finite number >= 0, found {value!r}"
        )


def read_parameter_file(path: str | Path | None = None) -> tuple[dict[str, Any], str]:
    """Read a parameter YAML file (default: the packaged one) into a mapping.

    Returns the mapping and a label for error messages (the file name).
    """
    if path is None:
        resource = files("kansrijk.costs").joinpath(DEFAULT_FILE)
        label = f"kansrijk/costs/{DEFAULT_FILE}"
        text = resource.read_text(encoding="utf-8")
    else:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ParameterFileError("file not found", file=label) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ParameterFileError(f"not valid YAML: {exc}", file=label, line=line) from None
    if not isinstance(data, dict):
        raise ParameterFileError(
            f"expected a mapping with 'reports', 'parameters' and 'published', "
            f"found {type(data).__name__}",
            file=label,
        )
    return data, label


def validate_section(model: type[_M], data: dict[str, Any], section: str, label: str) -> _M:
    """Validate ``data[section]`` as ``model``; errors name the entry and the field."""
    raw = data.get(section)
    if not isinstance(raw, dict):
        raise ParameterFileError(
            f"expected a mapping {section!r} of named entries; {_FIELDS_HINT}", file=label
        )
    try:
        result = model.model_validate(raw)
    except ValidationError as exc:
        problems = [_describe(section, err) for err in exc.errors()]
        raise ParameterFileError(
            f"{len(problems)} problem(s) in {section!r}: {'; '.join(problems)} ({_FIELDS_HINT})",
            file=label,
        ) from None
    reports = data.get("reports") or {}
    for name, entry in result:
        if isinstance(entry, CostParameter) and entry.source.report not in reports:
            raise ParameterFileError(
                f"{section}.{name}: source report {entry.source.report!r} is not listed under "
                f"'reports' (found: {', '.join(sorted(reports)) or 'none'})",
                file=label,
            )
    return result


def _describe(section: str, err: Any) -> str:
    loc = [str(part) for part in err["loc"]]
    kind = err["type"]
    if kind == "missing" and len(loc) == 1:
        return f"{section}.{loc[0]}: entry missing"
    if kind == "missing":
        return f"{section}.{loc[0]}: field {'.'.join(loc[1:])!r} missing"
    if kind == "extra_forbidden" and len(loc) == 1:
        return f"{section}.{loc[0]}: unknown entry"
    if kind == "extra_forbidden":
        return f"{section}.{loc[0]}: unknown field {'.'.join(loc[1:])!r}"
    where = ".".join([section, *loc])
    return f"{where}: {err['msg']} (found {err.get('input')!r})"


@lru_cache(maxsize=1)
def _default_parameters() -> CostParameters:
    data, label = read_parameter_file()
    return validate_section(CostParameters, data, "parameters", label)


def load_reports(path: str | Path | None = None) -> dict[str, ReportInfo]:
    """The ``reports`` section: report id -> bibliographic data."""
    data, label = read_parameter_file(path)
    raw = data.get("reports")
    if not isinstance(raw, dict):
        raise ParameterFileError("expected a mapping 'reports' of report ids", file=label)
    try:
        return {key: ReportInfo.model_validate(value) for key, value in raw.items()}
    except ValidationError as exc:
        raise ParameterFileError(f"reports: {exc.errors()[0]['msg']}", file=label) from None
