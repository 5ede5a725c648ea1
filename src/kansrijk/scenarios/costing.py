"""Costs of a scenario's additions and measures, per year (Oberon 2024 cost model).

* A profile added to a location that offered it in no leerweg (``Addition.new_site``)
  costs the one-off building and furnishing of Oberon (2024) Tabel 1 (sized for the
  report's 40 pupils, or the predicted pupils with ``cost_sizing: predicted``) in its
  first year, and the structural staff cost (1 fte, EUR 90,000; plus maintenance when
  a scenario sets it) every year from then on.
* Adding a leerweg to a profile a location already offers, and non-technical profiles
  (the cost model covers BWI, PIE, MT, MAT and MVI only), cost nothing here (noted).
* Guidance, flow measures, sharing and new mbo locations cost what the scenario states
  (``cost_per_year``, ``one_off_cost``; default 0, noted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kansrijk.costs import (
    TECHNICAL_PROFILES,
    CostParameters,
    PublishedFigures,
    one_off_costs,
    yearly_costs,
)
from kansrijk.scenarios.state import Addition, CostItem


@dataclass(frozen=True)
class CostLine:
    """One cost stream: ``one_off`` in ``start``, ``per_year`` from ``start`` on."""

    label: str
    start: int
    one_off: float
    per_year: float
    row: int | None  # location row of an addition, None for region-wide measures


_TECHNICAL = frozenset(p.value for p in TECHNICAL_PROFILES)


def addition_costs(
    addition: Addition,
    params: CostParameters,
    start: int,
    pupils: float | None,
    memo: dict[tuple[str, float | None], tuple[float, float]] | None = None,
) -> CostLine:
    """The cost line of one addition (zero for non-technical or existing profiles).
    ``memo``: the costs per profile and size already computed with ``params`` (a run
    costs many additions of one profile at the same size)."""
    label = f"{addition.profile} at {addition.location}"
    if not (addition.profile in _TECHNICAL and addition.new_site):
        return CostLine(label, start, 0.0, 0.0, addition.row)
    key = (addition.profile, pupils)
    if memo is None or key not in memo:
        one_off = one_off_costs(addition.profile, params, pupils=pupils).total
        yearly = yearly_costs(addition.profile, params, pupils=pupils).structural
        if memo is None:
            return CostLine(label, start, one_off, yearly, addition.row)
        memo[key] = (one_off, yearly)
    one_off, yearly = memo[key]
    return CostLine(label, start, one_off, yearly, addition.row)


def measure_costs(items: Sequence[CostItem], starts: Sequence[int]) -> list[CostLine]:
    """Cost lines of the measures that state their own costs."""
    return [CostLine(c.label, starts[c.item], c.one_off, c.per_year, None) for c in items]


def cost_by_year(
    lines: Sequence[CostLine], years: Sequence[int]
) -> tuple[list[float], list[float]]:
    """One-off and yearly costs per year of ``years``."""
    one_off = [sum(c.one_off for c in lines if c.start == y) for y in years]
    yearly = [sum(c.per_year for c in lines if c.start <= y) for y in years]
    return one_off, yearly


def viability_range() -> tuple[float, float]:
    """Oberon (2024) ch. 7: staff costs are covered at 12-18 pupils per group."""
    figs = PublishedFigures.default()
    return figs.get("break_even_range_low").number, figs.get("break_even_range_high").number


def viability(per_leerjaar: float, low: float, high: float) -> str:
    if per_leerjaar < low:
        return f"below {low:g}"
    if per_leerjaar < high:
        return f"{low:g}-{high:g}"
    return f"{high:g} or more"
