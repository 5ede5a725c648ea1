"""The tidy result of evaluating an indicator, held column-wise.

The engine returns the computed cells as one Arrow table (``IndicatorResult.table``: region,
year, the breakdown columns as strings, value, numerator, denominator, suppressed,
masked_cells), sorted by the order of the regions asked, year and breakdown values. Row
objects (``rows``) and flat records are built from it only when a caller asks for them, so
that a result for every gemeente over many years costs what its query costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from kansrijk.indicators.definition import Indicator
from kansrijk.indicators.published import PublishedFigure

#: The columns of ``IndicatorResult.table`` besides region, year and the breakdowns.
VALUE_COLUMNS = ("value", "numerator", "denominator", "suppressed", "masked_cells")

RESULT_SCHEMA_HEAD = pa.schema([("region", pa.string()), ("year", pa.int64())])
RESULT_SCHEMA_TAIL = pa.schema(
    [
        ("value", pa.float64()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("suppressed", pa.bool_()),
        ("masked_cells", pa.int64()),
    ]
)


def empty_table(by: tuple[str, ...] = ()) -> pa.Table:
    """A result table without rows (breakdown columns ``by``)."""
    fields = [*RESULT_SCHEMA_HEAD, *(pa.field(b, pa.string()) for b in by), *RESULT_SCHEMA_TAIL]
    return pa.schema(fields).empty_table()


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


@dataclass(frozen=True, eq=False)
class IndicatorResult:
    """Computed cells (column-wise) plus the matching published figures and targets, never
    mixed up."""

    indicator: Indicator
    profile_set: str | None
    regions: tuple[str, ...]
    years: tuple[int, ...]
    by: tuple[str, ...]
    #: region, year, <breakdown columns>, value, numerator, denominator, suppressed,
    #: masked_cells; one row per computed cell
    table: pa.Table
    published: tuple[PublishedFigure, ...]
    targets: tuple[PublishedFigure, ...]
    missing: tuple[tuple[str, int], ...]  # (region, year) asked for but not computable
    notes: tuple[str, ...] = field(default=())
    #: counts old afdelingen through the crosswalk (True), leaves them out of the profiles
    #: (False), or does not depend on them (None: other indicator, or no such year asked)
    old_afdelingen: bool | None = None
    #: region code -> name, and year -> the files its data came from
    region_names: dict[str, str] = field(default_factory=dict)
    provenance: dict[int, str] = field(default_factory=dict)

    @property
    def breakdown_columns(self) -> tuple[str, ...]:
        """The breakdown columns of ``table``, in the query's order."""
        skip = {"region", "year", *VALUE_COLUMNS}
        return tuple(n for n in self.table.column_names if n not in skip)

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def column(self, name: str) -> list[Any]:
        """One column of ``table`` as a Python list."""
        return list(self.table.column(name).to_pylist())

    @cached_property
    def rows(self) -> tuple[IndicatorRow, ...]:
        """The computed cells as row objects (built on first use)."""
        t = self.table
        bds = self.breakdown_columns
        cols = [t.column(n).to_pylist() for n in ("region", "year", *VALUE_COLUMNS)]
        bd_cols = [t.column(n).to_pylist() for n in bds]
        names = self.region_names
        prov = self.provenance
        out = []
        for i, (region, year, value, num, den, supp, masked) in enumerate(zip(*cols, strict=True)):
            out.append(
                IndicatorRow(
                    region=region,
                    region_name=names.get(region, ""),
                    year=year,
                    breakdown={b: c[i] for b, c in zip(bds, bd_cols, strict=True)},
                    value=value,
                    numerator=num,
                    denominator=den,
                    suppressed=supp,
                    masked_cells=masked,
                    provenance=prov.get(year, ""),
                )
            )
        return tuple(out)

    def row_breaks(self) -> list[str]:
        """Per computed row: the ids of the breaks in the definition between the series'
        previous computed year and this one (';'-joined), or ''."""
        n = len(self)
        breaks = self.indicator.breaks
        if not breaks or n == 0:
            return [""] * n
        keys = ["region", *self.breakdown_columns]
        order = pc.sort_indices(self.table, [(k, "ascending") for k in (*keys, "year")])
        t = self.table.take(order)
        years = t.column("year").to_numpy()
        same = np.ones(n, dtype=bool)
        same[0] = False
        for k in keys:
            col = np.asarray(t.column(k).to_pylist(), dtype=object)
            same[1:] &= col[1:] == col[:-1]
        prev = np.where(same, np.roll(years, 1), np.iinfo(np.int64).max)
        marks = np.full(n, "", dtype=object)
        for b in breaks:
            hit = (prev < b.year) & (b.year <= years)
            # a series not broken down by the break's dimension always carries it
            for dim, values in b.applies:
                if dim in t.column_names:
                    hit &= np.isin(
                        np.asarray(t.column(dim).to_pylist(), dtype=object), list(values)
                    )
            marks[hit] = np.where(marks[hit] == "", b.id, marks[hit] + ";" + b.id)
        out = np.empty(n, dtype=object)
        out[order.to_numpy()] = marks
        return list(out)

    def _computed_columns(self) -> dict[str, list[Any]]:
        """The computed cells as the columns of ``records`` (kind computed)."""
        n = len(self)
        t = self.table
        regions = t.column("region").to_pylist()
        years = t.column("year").to_pylist()
        cols: dict[str, list[Any]] = {
            "kind": ["computed"] * n,
            "indicator": [self.indicator.id] * n,
            "region": regions,
            "region_name": [self.region_names.get(r, "") for r in regions],
            "year": years,
        }
        for b in self.breakdown_columns:
            cols[b] = t.column(b).to_pylist()
        for c in VALUE_COLUMNS:
            cols[c] = t.column(c).to_pylist()
        cols["unit"] = [self.indicator.unit.value] * n
        cols["profile_set"] = [self.profile_set] * n
        cols["source"] = [self.provenance.get(y, "") for y in years]
        cols["break"] = self.row_breaks()
        return cols

    def _figure_records(self) -> list[dict[str, Any]]:
        return [
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
            for f in (*self.published, *self.targets)
        ]

    def records(self) -> list[dict[str, Any]]:
        """Computed and published rows as flat dicts, each with ``kind``; ``break`` names the
        changes of definition since the series' previous year (see ``indicators.breaks``)."""
        cols = self._computed_columns()
        keys = list(cols)
        out: list[dict[str, Any]] = [
            dict(zip(keys, vals, strict=True)) for vals in zip(*cols.values(), strict=True)
        ]
        return out + self._figure_records()

    def to_arrow(self) -> pa.Table:
        """All records as one Arrow table (breakdown columns as strings)."""
        computed = pa.table(self._computed_columns()) if len(self) else None
        figures = self._figure_records()
        if computed is None and not figures:
            return pa.table({k: [] for k in ("kind", "value")})
        if not figures:
            assert computed is not None
            return computed
        keys = list(computed.column_names) if computed is not None else []
        keys += [k for r in figures for k in r if k not in keys]
        fig_table = pa.table({k: [r.get(k) for r in figures] for k in dict.fromkeys(keys)})
        if computed is None:
            return fig_table
        return pa.concat_tables([computed, fig_table], promote_options="permissive")

    def value(self, region: str, year: int, **breakdown: str) -> float | None:
        """The computed value of one cell (None if absent or suppressed)."""
        t = self.table
        mask: npt.NDArray[np.bool_] = (
            np.asarray(t.column("region").to_pylist(), dtype=object) == region
        ) & (t.column("year").to_numpy() == year)
        for k, v in breakdown.items():
            if k not in t.column_names:
                return None
            mask &= np.asarray(t.column(k).to_pylist(), dtype=object) == v
        hits = np.flatnonzero(mask)
        if not len(hits):
            return None
        found: float | None = t.column("value")[int(hits[0])].as_py()
        return found
