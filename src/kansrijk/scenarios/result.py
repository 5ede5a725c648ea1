"""What a scenario run returns: per year and region, per added profile, per location."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Interval:
    """A percentile interval from parameter draws (e.g. 5th-95th)."""

    low: float
    high: float

    def to_list(self) -> list[float]:
        return [self.low, self.high]


@dataclass(frozen=True)
class YearRow:
    """One region in one projection year: baseline, scenario and the difference.

    Pupils are in leerjaar 3-4 of vmbo BB/KB/GL (routes excluded). ``techniek`` =
    BWI+PIE+MT+MAT, ``techniek_ict`` adds MVI. Entrants = expected leerjaar-4 leavers
    entering technical mbo (incl. ICT) that year; ``*_excl_ict`` None unless rates
    without ICT were supplied. Costs are those of additions and measures in the region.
    """

    region: str
    year: int
    pupils_baseline: dict[str, float]
    pupils_scenario: dict[str, float]
    techniek_baseline: float
    techniek_scenario: float
    techniek_ict_baseline: float
    techniek_ict_scenario: float
    entrants_baseline: float
    entrants_scenario: float
    entrants_excl_ict_baseline: float | None
    entrants_excl_ict_scenario: float | None
    one_off_cost: float
    yearly_cost: float
    extra_techniek_interval: Interval | None = None
    extra_techniek_ict_interval: Interval | None = None
    extra_entrants_interval: Interval | None = None

    @property
    def extra_techniek(self) -> float:
        return self.techniek_scenario - self.techniek_baseline

    @property
    def extra_techniek_ict(self) -> float:
        return self.techniek_ict_scenario - self.techniek_ict_baseline

    @property
    def extra_entrants(self) -> float:
        return self.entrants_scenario - self.entrants_baseline

    @property
    def extra_entrants_excl_ict(self) -> float | None:
        if self.entrants_excl_ict_scenario is None or self.entrants_excl_ict_baseline is None:
            return None
        return self.entrants_excl_ict_scenario - self.entrants_excl_ict_baseline

    @property
    def cost(self) -> float:
        return self.one_off_cost + self.yearly_cost

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(asdict(self))
        out.update(
            extra_techniek=self.extra_techniek,
            extra_techniek_ict=self.extra_techniek_ict,
            extra_entrants=self.extra_entrants,
            extra_entrants_excl_ict=self.extra_entrants_excl_ict,
            cost=self.cost,
        )
        return out


@dataclass(frozen=True)
class AdditionRow:
    """A profile added to a location: predicted pupils, viability and costs.

    ``pupils``: leerjaar 3-4 pupils in the profile at the location once both leerjaren
    chose under the new offer, including guests' pupils following it there;
    ``per_leerjaar`` = pupils / 2, compared with the Oberon (2024) range of 12-18 pupils
    per group (``viability``: ``below 12``, ``12-18`` or ``18 or more``).
    """

    location: str
    name: str
    gemeente: str
    profile: str
    leerwegen: tuple[str, ...]
    from_year: int
    new_site: bool
    pupils: float
    guest_pupils: float
    share: float
    per_leerjaar: float
    viability: str
    one_off_cost: float
    yearly_cost: float
    per_leerjaar_interval: Interval | None = None
    uptake_model: str | None = None
    uptake_per_leerjaar: float | None = None
    uptake_interval: Interval | None = None
    p_viable: float | None = None
    viable_pupils: int | None = None
    flags: tuple[str, ...] = ()
    extra_entrants_per_year: float | None = None
    equivalent_annual_cost: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(asdict(self))
        return out


@dataclass(frozen=True)
class LocationRow:
    """One location once every intervention is in effect (steady state), per year."""

    location: str
    name: str
    gemeente: str
    pupils: float
    techniek_baseline: float
    techniek_scenario: float
    entrants_baseline: float
    entrants_scenario: float
    dist_mbo_km_baseline: float | None
    dist_mbo_km_scenario: float | None
    offer_baseline: tuple[str, ...]
    offer_scenario: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(asdict(self))
        return out


@dataclass(frozen=True)
class Summary:
    """The scenario region over the horizon.

    ``extra_entrants_total``: extra technical mbo entrants (incl. ICT) summed over the
    horizon; ``extra_entrants_per_year``: in the steady state (every intervention in
    effect for both leerjaren). ``total_cost``: one-off costs plus yearly costs for every
    year of the horizon an item is in effect. ``cost_per_extra_entrant`` =
    ``total_cost / extra_entrants_total``; ``annualised_cost_per_extra_entrant`` =
    (one-off / depreciation years + yearly) / ``extra_entrants_per_year``. None where the
    scenario adds no entrants.
    """

    region: str
    years: tuple[int, int]
    extra_entrants_total: float
    extra_entrants_per_year: float
    extra_techniek_pupils: float
    extra_techniek_ict_pupils: float
    one_off_cost: float
    yearly_cost: float
    total_cost: float
    cost_per_extra_entrant: float | None
    annualised_cost_per_extra_entrant: float | None
    additions: int
    additions_viable: int
    extra_entrants_total_interval: Interval | None = None
    extra_entrants_per_year_interval: Interval | None = None
    extra_techniek_pupils_interval: Interval | None = None
    cost_per_extra_entrant_interval: Interval | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(asdict(self))
        return out


@dataclass(frozen=True)
class ScenarioResult:
    """Everything a scenario run produces; the scenario's name is on every table."""

    name: str
    description: str
    region: str
    region_name: str
    baseline_year: int
    horizon: tuple[int, int]
    draws: int
    seed: int | None
    interval: tuple[float, float]
    summary: Summary
    years: tuple[YearRow, ...]
    additions: tuple[AdditionRow, ...]
    locations: tuple[LocationRow, ...]
    parameters: dict[str, Any]
    model: dict[str, Any]
    notes: tuple[str, ...]
    fictional: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def year_rows(self, region: str | None = None) -> list[YearRow]:
        """Rows of one region (default: the scenario's)."""
        code = region or self.region
        return [r for r in self.years if r.region == code]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "scenario": self.name,
            "description": self.description,
            "region": self.region,
            "region_name": self.region_name,
            "baseline_year": self.baseline_year,
            "horizon": list(self.horizon),
            "draws": self.draws,
            "seed": self.seed,
            "interval_percentiles": list(self.interval),
            "fictional": self.fictional,
            "summary": self.summary.to_dict(),
            "years": [r.to_dict() for r in self.years],
            "additions": [a.to_dict() for a in self.additions],
            "locations": [loc.to_dict() for loc in self.locations],
            "parameters": _plain(self.parameters),
            "model": _plain(self.model),
            "notes": list(self.notes),
            "uptake": _plain(self.extra.get("uptake")),
            "costs": _plain(self.extra.get("costs")),
        }


def _plain(value: Any) -> Any:
    """JSON-ready: tuples to lists, intervals to [low, high], NaN to None."""
    if isinstance(value, dict):
        if set(value) == {"low", "high"}:
            return [_plain(value["low"]), _plain(value["high"])]
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
