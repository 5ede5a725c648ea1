"""The tidy result of evaluating an indicator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from kansrijk.indicators.definition import Indicator
from kansrijk.indicators.published import PublishedFigure


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One computed cell: region x year x breakdown values."""

    region: str
    region_name: str
    year: int
    breakdown: dict[str, str]
    value: float | None  # None when suppressed or the denominator is 0
    numerator: float | None  # None when suppressed
    denominator: float | None
    suppressed: bool
    masked_cells: int
    provenance: str


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """Computed rows plus the matching published figures and targets, never mixed up."""

    indicator: Indicator
    profile_set: str | None
    regions: tuple[str, ...]
    years: tuple[int, ...]
    by: tuple[str, ...]
    rows: tuple[IndicatorRow, ...]
    published: tuple[PublishedFigure, ...]
    targets: tuple[PublishedFigure, ...]
    missing: tuple[tuple[str, int], ...]  # (region, year) asked for but not computable
    notes: tuple[str, ...] = field(default=())

    def target_for(self, row: IndicatorRow) -> PublishedFigure | None:
        """The target a computed total (no breakdown) is measured against: the region's own,
        else a standing target for every region (``*``); None for breakdown rows."""
        if row.breakdown or row.value is None:
            return None
        own = [t for t in self.targets if t.region == row.region]
        anywhere = [t for t in self.targets if t.region == "*"]
        found = own or anywhere
        return found[0] if found else None

    def gaps(self) -> list[tuple[IndicatorRow, PublishedFigure, float]]:
        """(row, target, value minus target) for every computed total a target applies to;
        for percentages the gap is in percentage points."""
        out = []
        for r in self.rows:
            t = self.target_for(r)
            if t is not None and r.value is not None:
                out.append((r, t, r.value - t.value))
        return out

    def records(self) -> list[dict[str, Any]]:
        """Computed and published rows as flat dicts, each with ``kind``; a computed total
        with a target also carries ``target`` and ``gap``."""
        out: list[dict[str, Any]] = []
        for r in self.rows:
            t = self.target_for(r)
            gap = (
                {}
                if t is None or r.value is None
                else {"target": t.value, "gap": r.value - t.value}
            )
            out.append(
                {
                    "kind": "computed",
                    "indicator": self.indicator.id,
                    "region": r.region,
                    "region_name": r.region_name,
                    "year": r.year,
                    **r.breakdown,
                    "value": r.value,
                    "numerator": r.numerator,
                    "denominator": r.denominator,
                    "suppressed": r.suppressed,
                    "masked_cells": r.masked_cells,
                    "unit": self.indicator.unit.value,
                    "profile_set": self.profile_set,
                    "source": r.provenance,
                    **gap,
                }
            )
        for f in (*self.published, *self.targets):
            out.append(
                {
                    "kind": f.kind,
                    "indicator": f.indicator,
                    "region": f.region,
                    "region_name": "",
                    "year": f.year,
                    **f.breakdown_dict(),
                    "value": f.value,
                    "numerator": None,
                    "denominator": None,
                    "suppressed": False,
                    "masked_cells": 0,
                    "unit": f.unit,
                    "profile_set": f.profile_set,
                    "source": f.source + (f" ({f.note})" if f.note else ""),
                }
            )
        return out

    def to_arrow(self) -> pa.Table:
        """All records as one Arrow table (breakdown columns as strings)."""
        recs = self.records()
        cols: dict[str, list[Any]] = {}
        keys = list(dict.fromkeys(k for r in recs for k in r))
        for k in keys:
            cols[k] = [r.get(k) for r in recs]
        return pa.table(cols) if recs else pa.table({k: [] for k in ("kind", "value")})

    def value(self, region: str, year: int, **breakdown: str) -> float | None:
        """The computed value of one cell (None if absent or suppressed)."""
        for r in self.rows:
            if (
                r.region == region
                and r.year == year
                and all(r.breakdown.get(k) == v for k, v in breakdown.items())
            ):
                return r.value
        return None
