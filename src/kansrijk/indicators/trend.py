"""Trends: any indicator for any region over every loaded year, with the year-on-year change,
the breaks in its definition, and its target with the gap in words and, where the target has
a year, the straight path to it and whether the region is on track.

Generic: everything comes from the indicator definition (unit, breaks, higher_is_better) and
the packaged targets; values are the engine's (ratios of sums).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kansrijk.indicators.breaks import breaks_at
from kansrijk.indicators.definition import Break, Indicator, Unit
from kansrijk.indicators.engine import compute
from kansrijk.indicators.published import PublishedFigure
from kansrijk.indicators.result import IndicatorResult, IndicatorRow
from kansrijk.l10n import format_number
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse

__all__ = ["Target", "Trend", "TrendPoint", "TrendSeries", "number", "trend", "trend_of"]

_GAP_UNIT = {
    "percent": ("procentpunt", "percentage points"),
    "km": ("km", "km"),
    "count": ("", ""),
}
_SUFFIX = {"percent": "%", "km": " km", "count": ""}


def number(value: float, lang: str, digits: int = 1) -> str:
    """``1234.5`` -> ``'1.234,5'`` (nl) or ``'1,234.5'`` (en): rounded for people, through
    Babel's CLDR data (``kansrijk.l10n.format_number``)."""
    return format_number(value, lang, digits)


def _show(value: float, unit: str, lang: str) -> str:
    return number(value, lang, 0 if unit == "count" else 1) + _SUFFIX.get(unit, "")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One year of a series. ``change`` is the difference with the previous point (in
    percentage points for shares); None at the first point, across a break or a gap."""

    year: int
    value: float | None
    numerator: float | None
    denominator: float | None
    suppressed: bool
    masked_cells: int
    prev_year: int | None
    change: float | None
    breaks: tuple[Break, ...]

    def to_json(self) -> dict[str, Any]:
        """The API shape (raw precision); ``break`` is null or says why the definition
        changed since the previous point."""
        return {
            "year": self.year,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "suppressed": self.suppressed,
            "masked_cells": self.masked_cells,
            "prev_year": self.prev_year,
            "change": self.change,
            "break": break_json(self.breaks),
        }


def break_json(breaks: Sequence[Break]) -> dict[str, Any] | None:
    """``{"ids", "year", "reason_nl", "reason_en"}`` of the breaks at a point, or None."""
    if not breaks:
        return None
    return {
        "ids": [b.id for b in breaks],
        "year": max(b.year for b in breaks),
        "reason_nl": " ".join(b.reason_nl for b in breaks),
        "reason_en": " ".join(b.reason_en for b in breaks),
    }


@dataclass(frozen=True, slots=True)
class Target:
    """A target beside a series: the gap from the newest value and, when the target has a
    year, the straight path from the baseline to it and whether the series is on track."""

    value: float
    year: int | None
    source: str
    note: str
    unit: str
    latest_year: int | None
    latest_value: float | None
    gap: float | None  # target - latest value
    baseline_year: int | None
    baseline_value: float | None
    path: tuple[tuple[int, float], ...]  # (year, value) from the baseline to the target year
    on_track: bool | None
    higher_is_better: bool

    def reached(self) -> bool:
        """The newest value is at or beyond the target."""
        if self.gap is None:
            return False
        return self.gap <= 0 if self.higher_is_better else self.gap >= 0

    def text(self, lang: str, phrase: str) -> str:
        """The gap in words: '36,2% op een locatie zonder technisch profiel; doel 0%; nog 36,2
        procentpunt' (and the path: 'op koers' / 'niet op koers voor 2030')."""
        en = lang == "en"
        unit = self.unit
        goal = (
            number(self.value, lang, 0) + _SUFFIX.get(unit, "")
            if float(self.value).is_integer()
            else _show(self.value, unit, lang)
        )
        when = (" in " + str(self.year)) if self.year else ""
        word = "target" if en else "doel"
        if self.latest_value is None or self.gap is None:
            return f"{word} {goal}{when}; " + ("no value yet" if en else "nog geen waarde")
        now = _show(self.latest_value, unit, lang)
        head = f"{now} {phrase}".strip() + f"; {word} {goal}{when}; "
        if self.reached():
            head += "target reached" if en else "doel bereikt"
        else:
            amount = number(abs(self.gap), lang, 0 if unit == "count" else 1)
            gap_unit = _GAP_UNIT.get(unit, ("", ""))[1 if en else 0]
            head += ("still " if en else "nog ") + f"{amount} {gap_unit}".strip()
        if self.on_track is True:
            head += "; on track" if en else "; op koers"
        elif self.on_track is False:
            head += f"; not on track for {self.year}" if en else f"; niet op koers voor {self.year}"
        return head

    def to_json(self, phrase_nl: str, phrase_en: str) -> dict[str, Any]:
        """The API shape (raw precision), with the gap in words in both languages."""
        return {
            "value": self.value,
            "year": self.year,
            "source": self.source,
            "note": self.note,
            "latest_year": self.latest_year,
            "latest_value": self.latest_value,
            "gap": self.gap,
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
            "path": [{"year": y, "value": v} for y, v in self.path],
            "on_track": self.on_track,
            "reached": self.reached(),
            "text_nl": self.text("nl", phrase_nl),
            "text_en": self.text("en", phrase_en),
        }


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """The points of one region (and breakdown values) over the years, with its target."""

    region: str
    region_name: str
    breakdown: dict[str, str]
    points: tuple[TrendPoint, ...]
    target: Target | None

    def latest(self) -> TrendPoint | None:
        """The newest point with a value."""
        return next((p for p in reversed(self.points) if p.value is not None), None)


@dataclass(frozen=True, slots=True)
class Trend:
    """Every series of an indicator for some regions over all loaded years."""

    indicator: Indicator
    profile_set: str | None
    years: tuple[int, ...]
    series: tuple[TrendSeries, ...]
    notes: tuple[str, ...]

    def phrase(self, lang: str) -> str:
        """What the value is, for the gap text ('op een locatie zonder technisch profiel')."""
        extra = self.indicator.extra
        key = "phrase_en" if lang == "en" else "phrase_nl"
        return extra.get(key, "")

    def breaks_shown(self) -> list[Break]:
        """The breaks that fall inside the loaded years of some series (each once)."""
        seen: dict[str, Break] = {}
        for s in self.series:
            for p in s.points:
                for b in p.breaks:
                    seen.setdefault(b.id, b)
        return sorted(seen.values(), key=lambda b: b.year)

    def to_json(self) -> dict[str, Any]:
        """The trend document (``kansrijk trend --json`` and the API): raw precision."""
        ind = self.indicator
        return {
            "ok": True,
            "indicator": {
                "id": ind.id,
                "label_nl": ind.label_nl,
                "label_en": ind.label_en,
                "unit": ind.unit.value,
                "definition": ind.definition,
                "higher_is_better": ind.higher_is_better,
            },
            "profile_set": self.profile_set,
            "years": list(self.years),
            "breaks": [
                {
                    "id": b.id,
                    "year": b.year,
                    "reason_nl": b.reason_nl,
                    "reason_en": b.reason_en,
                    "applies": {k: list(v) for k, v in b.applies},
                }
                for b in self.breaks_shown()
            ],
            "series": [
                {
                    "region": s.region,
                    "region_name": s.region_name,
                    "breakdown": s.breakdown,
                    "points": [p.to_json() for p in s.points],
                    "target": s.target.to_json(self.phrase("nl"), self.phrase("en"))
                    if s.target
                    else None,
                }
                for s in self.series
            ],
            "notes": list(self.notes),
        }


def _points(ind: Indicator, rows: Sequence[IndicatorRow], years: Sequence[int]) -> list[TrendPoint]:
    by_year = {r.year: r for r in rows}
    out: list[TrendPoint] = []
    prev: TrendPoint | None = None
    bd = rows[0].breakdown if rows else {}
    for y in years:
        r = by_year.get(y)
        if r is None:
            continue
        brk = breaks_at(ind.breaks, prev.year if prev else None, y, bd)
        change = None
        if prev is not None and not brk and prev.value is not None and r.value is not None:
            change = r.value - prev.value
        point = TrendPoint(
            year=y,
            value=r.value,
            numerator=r.numerator,
            denominator=r.denominator,
            suppressed=r.suppressed,
            masked_cells=r.masked_cells,
            prev_year=prev.year if prev else None,
            change=change,
            breaks=brk,
        )
        out.append(point)
        prev = point
    return out


def _target(ind: Indicator, fig: PublishedFigure, points: Sequence[TrendPoint]) -> Target:
    valued = [p for p in points if p.value is not None]
    latest = valued[-1] if valued else None
    # the baseline is the first point of the comparable stretch (after the last break)
    start = 0
    for i, p in enumerate(valued):
        if p.breaks:
            start = i
    base = valued[start] if valued else None
    path: tuple[tuple[int, float], ...] = ()
    on_track: bool | None = None
    higher = fig.value >= base.value if base and base.value is not None else ind.higher_is_better
    if (
        fig.year is not None
        and base is not None
        and base.value is not None
        and fig.year > base.year
    ):
        path = ((base.year, base.value), (fig.year, fig.value))
        if latest is not None and latest.value is not None and latest.year > base.year:
            span = fig.year - base.year
            expected = base.value + (fig.value - base.value) * (latest.year - base.year) / span
            on_track = latest.value >= expected if higher else latest.value <= expected
    return Target(
        value=fig.value,
        year=fig.year,
        source=fig.source,
        note=fig.note,
        unit=ind.unit.value,
        latest_year=latest.year if latest else None,
        latest_value=latest.value if latest else None,
        gap=(fig.value - latest.value) if latest and latest.value is not None else None,
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        path=path,
        on_track=on_track,
        higher_is_better=higher,
    )


def trend_of(result: IndicatorResult) -> Trend:
    """The trend of an evaluated indicator (every year of ``result``), series in the order
    of its regions, then breakdown values."""
    ind = result.indicator
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[IndicatorRow]] = {}
    for r in result.rows:
        groups.setdefault((r.region, tuple(sorted(r.breakdown.items()))), []).append(r)
    years = sorted({r.year for r in result.rows})
    series: list[TrendSeries] = []
    for (region, bd), rows in groups.items():
        points = _points(ind, rows, years)
        figs = [
            f
            for f in result.targets
            if f.region == region and f.breakdown == bd and f.unit == ind.unit.value
        ]
        figs.sort(key=lambda f: (f.year is None, f.year or 0))
        target = _target(ind, figs[0], points) if figs else None
        series.append(TrendSeries(region, rows[0].region_name, dict(bd), tuple(points), target))
    unit_note: tuple[str, ...] = ()
    if ind.unit is Unit.PERCENT:
        unit_note = ("change: difference with the previous loaded year in percentage points",)
    return Trend(ind, result.profile_set, tuple(years), tuple(series), result.notes + unit_note)


def trend(
    wh: Warehouse,
    catalog: RegionCatalog,
    indicator_id: str,
    regions: Sequence[str],
    by: Sequence[str] | None = None,
    profile_set: str | None = None,
) -> Trend:
    """The trend of an indicator for regions over every loaded year (see ``compute``)."""
    return trend_of(compute(wh, catalog, indicator_id, regions, None, by, profile_set))
