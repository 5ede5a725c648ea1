"""The tidy result of evaluating an indicator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from kansrijk.indicators.breaks import breaks_at
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
    #: counts old afdelingen through the crosswalk (True), leaves them out of the profiles
    #: (False), or does not depend on them (None: other indicator, or no such year asked)
    old_afdelingen: bool | None = None

    def row_breaks(self) -> list[str]:
        """Per computed row: the ids of the breaks in the definition between the series'
        previous computed year and this one (';'-joined), or ''."""
        prev: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}
        marks: dict[int, str] = {}
        order = sorted(range(len(self.rows)), key=lambda i: self.rows[i].year)
        for i in order:
            r = self.rows[i]
            key = (r.region, tuple(sorted(r.breakdown.items())))
            found = breaks_at(self.indicator.breaks, prev.get(key), r.year, r.breakdown)
            marks[i] = ";".join(b.id for b in found)
            prev[key] = r.year
        return [marks[i] for i in range(len(self.rows))]

    def records(self) -> list[dict[str, Any]]:
        """Computed and published rows as flat dicts, each with ``kind``; ``break`` names the
        changes of definition since the series' previous year (see ``indicators.breaks``)."""
        out: list[dict[str, Any]] = []
        marks = self.row_breaks()
        for r, mark in zip(self.rows, marks, strict=True):
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
                    "break": mark,
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
                    "break": "",
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
