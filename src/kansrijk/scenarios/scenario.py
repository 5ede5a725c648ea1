"""A scenario: a region and baseline year, ordered interventions, parameter overrides.

Scenario files are YAML (docs/scenarios.md); ``Scenario.from_yaml`` validates them with
pydantic and reports every problem with the file, the line and the item
(``interventions[2] (add_profile).profile: ...``). Location codes and regions are checked
against the warehouse when the scenario runs (they need the data).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kansrijk.costs import CostParameters
from kansrijk.errors import Message
from kansrijk.scenarios.errors import ScenarioError
from kansrijk.scenarios.interventions import INTERVENTION_TYPES, Intervention

#: Packaged preset scenarios: name -> file in ``scenarios/presets``.
PRESETS: dict[str, str] = {
    "rotterdam-zuid-techniek": "rotterdam_zuid_techniek.yaml",
    "mrdh-pie": "mrdh_pie.yaml",
    "rotterdam-zuid-delen": "rotterdam_zuid_delen.yaml",
}


class Horizon(BaseModel):
    """The projection years: ``start`` and the number of ``years``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=2000, le=2100)
    years: int = Field(default=10, ge=1, le=50)

    @property
    def end(self) -> int:
        return self.start + self.years - 1

    @property
    def range(self) -> range:
        return range(self.start, self.end + 1)


class Parameters(BaseModel):
    """Assumptions a scenario may override (defaults in brackets)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    costs: dict[str, float | None] = Field(
        default_factory=dict,
        description="Oberon cost parameters to override, e.g. staff_cost_per_fte.",
    )
    flow_region: str = Field(
        default="zuid_holland", description="Column of the flow rates [zuid_holland]."
    )
    flow_rates_file: Path | None = Field(
        default=None, description="Own flow-rate YAML (same schema)."
    )
    per_km: float | None = Field(default=None, description="Flow change per km [-0.003 = -0.3 pp].")
    switch_rate: float = Field(
        default=0.0, ge=0.0, le=1.0, description="School switching [0 = fixed populations]."
    )
    leaver_share: float = Field(default=0.5, gt=0.0, le=1.0, description="Leerjaar-4 share [0.5].")
    cost_sizing: Literal["reference", "predicted"] = Field(
        default="reference", description="Size one-off costs for 40 pupils or the predicted pupils."
    )
    mbo_locations: Path | list[dict[str, Any]] | None = Field(
        default=None, description="Technical mbo locations: a YAML file or a list."
    )
    intake_growth: dict[int, float] = Field(
        default_factory=dict, description="Year -> year-on-year intake factor (project_cohorts)."
    )
    interval: tuple[float, float] = Field(default=(5.0, 95.0), description="Percentiles [5, 95].")
    theta: tuple[float, float, float] = Field(
        default=(0.5, 0.75, 1.0),
        description="Low, central, high share of the flow-rate gap that holds for switchers.",
    )
    diploma_yield: tuple[float, float, float] = Field(
        default=(0.6, 0.7, 0.8),
        description="Low, central, high share of technical mbo entrants who get a diploma.",
    )
    discount_rate: float = Field(
        default=0.0225, ge=0.0, le=0.2, description="Real discount rate of the EAC [0.0225]."
    )
    building_life: float = Field(default=40.0, gt=0.0, le=100.0, description="Years [40].")
    furnishing_life: float = Field(default=15.0, gt=0.0, le=50.0, description="Years [15].")
    implementation_lag: int = Field(
        default=0, ge=0, le=5, description="Years from a new profile's investment to pupils [0]."
    )
    viable_pupils: int = Field(
        default=12, ge=1, le=60, description="Viable group size per leerjaar for P(viable) [12]."
    )

    @field_validator("theta", "diploma_yield")
    @classmethod
    def _ordered_range(cls, value: tuple[float, float, float]) -> tuple[float, float, float]:
        low, mid, high = value
        if not 0.0 <= low <= mid <= high <= 1.0:
            raise ValueError(f"expected 0 <= low <= central <= high <= 1; found {list(value)}")
        return value

    @field_validator("costs")
    @classmethod
    def _known_costs(cls, value: dict[str, float | None]) -> dict[str, float | None]:
        known = set(CostParameters.names())
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(
                f"unknown cost parameters {unknown}; expected some of {', '.join(sorted(known))}"
            )
        return value

    @field_validator("interval")
    @classmethod
    def _interval(cls, value: tuple[float, float]) -> tuple[float, float]:
        if not 0.0 <= value[0] < value[1] <= 100.0:
            raise ValueError(f"expected two percentiles 0 <= low < high <= 100; found {value}")
        return value


#: Domain bounds of a scenario: its name, its interventions, the regions it reports on.
MAX_NAME = 200
MAX_INTERVENTIONS = 1000
MAX_REPORT_REGIONS = 50


class Scenario(BaseModel):
    """A named scenario: baseline (region, year) plus interventions applied in order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME)
    description: str = ""
    region: str = Field(min_length=1)
    baseline_year: int | None = Field(default=None, description="Data year (default: newest).")
    horizon: Horizon | None = None
    interventions: tuple[Intervention, ...] = Field(default=(), max_length=MAX_INTERVENTIONS)
    parameters: Parameters = Field(default_factory=Parameters)
    report_regions: tuple[str, ...] = Field(default=(), max_length=MAX_REPORT_REGIONS)
    source: str | None = Field(default=None, exclude=True)
    lines: tuple[int | None, ...] = Field(default=(), exclude=True)

    @field_validator("region", "report_regions", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip().upper()
        if isinstance(value, list | tuple):
            return tuple(str(v).strip().upper() for v in value)
        return value

    @model_validator(mode="after")
    def _years(self) -> Scenario:
        horizon = self.horizon
        if horizon is None:
            return self
        for i, iv in enumerate(self.interventions):
            if iv.from_year is not None and not horizon.start <= iv.from_year <= horizon.end:
                raise ValueError(
                    f"interventions[{i}] ({iv.type}): from_year {iv.from_year} is outside the "
                    f"horizon {horizon.start}-{horizon.end}"
                )
        return self

    def horizon_for(self, baseline_year: int) -> Horizon:
        """The horizon, defaulting to ten years from the year after the baseline."""
        return self.horizon or Horizon(start=baseline_year + 1)

    def where(self, item: int) -> dict[str, Any]:
        """``file`` and ``line`` of intervention ``item`` for error messages."""
        line = self.lines[item] if 0 <= item < len(self.lines) else None
        return {"file": self.source, "line": line}

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_yaml(cls, path: str | Path) -> Scenario:
        """Load and validate a scenario file.

        Raises:
            ScenarioError: not YAML, unknown fields, unknown intervention type or profile,
                values out of range; the message names the file, line and item.
        """
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ScenarioError("scenario file not found", file=str(p)) from None
        return cls.from_text(text, source=str(p), base_dir=p.parent)

    @classmethod
    def from_text(
        cls, text: str, *, source: str | None = None, base_dir: Path | None = None
    ) -> Scenario:
        """Load a scenario from YAML text (``source`` names it in errors)."""
        try:
            node = yaml.compose(text)
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ScenarioError(
                f"not valid YAML: {getattr(exc, 'problem', exc)}",
                file=source,
                line=None if mark is None else mark.line + 1,
            ) from None
        if not isinstance(doc, dict):
            raise ScenarioError(
                "expected a mapping with name, region, interventions, ...; "
                f"found {type(doc).__name__}",
                file=source,
            )
        lines = _item_lines(node)
        if base_dir is not None:
            doc = _resolve_paths(doc, base_dir)
        try:
            scenario = cls.model_validate({**doc, "source": source, "lines": lines})
        except ValidationError as exc:
            problems = [_describe(err, doc) for err in exc.errors()]
            first_item = next(
                (_item_of(err) for err in exc.errors() if _item_of(err) is not None), None
            )
            line = lines[first_item] if first_item is not None and first_item < len(lines) else None
            raise ScenarioError(
                f"{len(problems)} problem(s): " + "; ".join(problems), file=source, line=line
            ) from None
        return scenario

    @classmethod
    def preset(cls, name: str) -> Scenario:
        """A packaged preset by name (see ``PRESETS``)."""
        key = name.strip().lower()
        if key not in PRESETS:
            raise ScenarioError(
                Message(
                    "unknown preset {name!r}; expected one of {known}",
                    name=name,
                    known=", ".join(PRESETS),
                )
            )
        ref = resources.files("kansrijk.scenarios").joinpath(f"presets/{PRESETS[key]}")
        return cls.from_text(ref.read_text(encoding="utf-8"), source=f"preset:{key}")


def preset_list() -> list[tuple[str, Scenario]]:
    """Every packaged preset (name, scenario)."""
    return [(name, Scenario.preset(name)) for name in PRESETS]


def _item_lines(node: yaml.Node | None) -> tuple[int | None, ...]:
    if not isinstance(node, yaml.MappingNode):
        return ()
    for key, value in node.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "interventions"
            and isinstance(value, yaml.SequenceNode)
        ):
            return tuple(item.start_mark.line + 1 for item in value.value)
    return ()


def _resolve_paths(doc: dict[str, Any], base: Path) -> dict[str, Any]:
    params = doc.get("parameters")
    if not isinstance(params, dict):
        return doc
    params = dict(params)
    for key in ("flow_rates_file", "mbo_locations"):
        value = params.get(key)
        if isinstance(value, str) and not Path(value).is_absolute():
            params[key] = str(base / value)
    return {**doc, "parameters": params}


def _item_of(err: Any) -> int | None:
    loc = err.get("loc", ())
    if len(loc) >= 2 and loc[0] == "interventions" and isinstance(loc[1], int):
        return int(loc[1])
    return None


def _describe(err: Any, doc: dict[str, Any]) -> str:
    loc = list(err.get("loc", ()))
    kind = err.get("type", "")
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    types = ", ".join(INTERVENTION_TYPES)
    if loc and loc[0] == "interventions" and len(loc) >= 2 and isinstance(loc[1], int):
        i = loc[1]
        items = doc.get("interventions") or []
        item = items[i] if i < len(items) else None
        given = item.get("type") if isinstance(item, dict) else None
        where = f"interventions[{i}]" + (f" ({given})" if given else "")
        rest = (
            [str(x) for x in loc[3:]]
            if len(loc) > 2 and loc[2] == given
            else [str(x) for x in loc[2:]]
        )
        if kind == "union_tag_invalid":
            return f"{where}: unknown intervention type {given!r}; expected one of {types}"
        if kind == "union_tag_not_found":
            return f"{where}: no 'type'; expected one of {types}"
        if kind == "model_type" or (kind == "model_attributes_type" and not rest):
            return f"{where}: expected a mapping with 'type' and its fields"
        field = ".".join(rest)
        if kind == "missing":
            return f"{where}: field {field!r} missing"
        if kind == "extra_forbidden":
            allowed = _fields_of(given)
            return f"{where}: unknown field {field!r}" + (
                f"; expected some of {allowed}" if allowed else ""
            )
        return f"{where}{'.' + field if field else ''}: {msg}"
    field = ".".join(str(x) for x in loc)
    if kind == "missing":
        return f"field {field!r} missing"
    if kind == "extra_forbidden":
        return f"unknown field {field!r}"
    return f"{field}: {msg}" if field else msg


def _fields_of(type_name: object) -> str:
    cls = INTERVENTION_TYPES.get(str(type_name))
    if cls is None:
        return ""
    return ", ".join(n for n in cls.model_fields if n != "type")
