"""One trend as the pages show it: a chart (gaps and a dashed line at breaks in the
definition, target lines) and its table alternative (rounded for people, breaks as footnotes,
targets with the gap in words), plus the raw trend document for the JSON twins."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kansrijk.indicators.definition import Break
from kansrijk.indicators.published import find
from kansrijk.indicators.trend import Trend, TrendSeries, trend_of
from kansrijk.l10n.monitor import choice_label, definition_text, t
from kansrijk.web import charts
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx

__all__ = ["break_footnote", "trend_view"]


def break_footnote(lang: str, mark: int, b: Break) -> dict[str, Any]:
    """The footnote under a trend's table for a break in its series (marked ``mark``)."""
    return {
        "mark": mark,
        "id": b.id,
        "year": b.year,
        "school_year": fmt.school_year(b.year),
        "text": t(
            lang,
            "Breuk in de reeks vanaf {year}: {reason}",
            year=fmt.school_year(b.year),
            reason=b.reason(lang),
        ),
    }


def _series_name(ctx: Ctx, s: TrendSeries, many_regions: bool) -> str:
    if s.region == "NL00" and not ctx.state.demo:
        name = t(ctx.lang, "Nederland")
    else:
        r = ctx.catalog.get(s.region)
        name = r.label(ctx.lang)
    cats = [fmt.category(k, v, ctx.lang) for k, v in sorted(s.breakdown.items())]
    if cats and many_regions:
        return f"{name}: {', '.join(cats)}"
    return ", ".join(cats) if cats else name


def _change(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return ""
    digits = 0 if unit == "count" else 1
    text = fmt.number(value, lang, digits)
    sign = "+" if value > 0 else ""
    return sign + text + (" pp" if unit == "percent" else " km" if unit == "km" else "")


def _y_title(unit: str, lang: str) -> str:
    return choice_label(lang, "trend_y", unit)


def trend_view(
    ctx: Ctx,
    indicator_id: str,
    regions: Sequence[str],
    *,
    by: Sequence[str] | None = None,
    profile_set: str | None = None,
    chart_id: str = "trend",
) -> dict[str, Any]:
    """Everything a page needs to show one trend (and its JSON twin: ``trend`` holds the
    raw precision document of ``kansrijk trend --json``)."""
    lang = ctx.lang
    result = ctx.compute(indicator_id, list(regions), None, by, profile_set)
    tr: Trend = trend_of(result)
    ind = tr.indicator
    unit = ind.unit.value
    many = len({s.region for s in tr.series}) > 1
    names = [_series_name(ctx, s, many) for s in tr.series]
    breaks = tr.breaks_shown()
    marks = {b.id: i for i, b in enumerate(breaks, start=1)}
    footnotes = [break_footnote(lang, marks[b.id], b) for b in breaks]
    rows = []
    for y in tr.years:
        cells: list[dict[str, Any]] = []
        for s in tr.series:
            p = next((q for q in s.points if q.year == y), None)
            if p is None:
                cells.append({"display": t(lang, "geen gegevens"), "change": "", "marks": []})
                continue
            cells.append(
                {
                    "display": fmt.value(p.value, unit, lang, suppressed=p.suppressed),
                    "change": _change(p.change, unit, lang),
                    "marks": [marks[b.id] for b in p.breaks],
                }
            )
        rows.append({"year": y, "school_year": fmt.school_year(y), "cells": cells})
    targets = []
    target_lines: list[tuple[str, list[tuple[int, float]]]] = []
    first = tr.years[0] if tr.years else None
    last = tr.years[-1] if tr.years else None
    for s, name in zip(tr.series, names, strict=True):
        tg = s.target
        if tg is None or first is None or last is None:
            continue
        src = fmt.short_source(tg.source)
        whole = float(tg.value).is_integer() and unit != "km"
        label = t(
            lang,
            "doel{year}: {value} ({source})",
            value=fmt.number(tg.value, lang, 0) + ("%" if unit == "percent" else "")
            if whole
            else fmt.value(tg.value, unit, lang),
            source=src,
            year=f" {tg.year}" if tg.year else "",
        )
        if many:
            label = f"{label} — {name}"
        if tg.path:
            target_lines.append((label, [(y, v) for y, v in tg.path]))
        else:
            target_lines.append((label, [(first, tg.value), (last, tg.value)]))
        targets.append(
            {
                "region": s.region,
                "series": name,
                "label": label,
                "text": tg.text(lang, tr.phrase(lang)),
                "source": tg.source,
                "on_track": tg.on_track,
                "reached": tg.reached(),
            }
        )
    # published figures of every year (the engine returns those of the computed years only);
    # none beside fictional data
    pool = (
        [] if ctx.state.demo else find(ind.id, [s.region for s in tr.series], None, tr.profile_set)
    )
    published = []
    published_lines: list[tuple[str, list[tuple[int, float]]]] = []
    for s, name in zip(tr.series, names, strict=True):
        figs = sorted(
            (
                f
                for f in pool
                if f.region == s.region
                and dict(f.breakdown) == s.breakdown
                and f.year is not None
                and f.unit == unit
            ),
            key=lambda f: f.year or 0,
        )
        by_source: dict[str, list[tuple[int, float]]] = {}
        for f in figs:
            label = t(lang, "gepubliceerd ({source})", source=fmt.short_source(f.source))
            if many:
                label = f"{label} — {name}"
            by_source.setdefault(label, []).append((int(f.year or 0), f.value))
            published.append(
                {
                    "region": s.region,
                    "series": name,
                    "year": f.year,
                    "value": f.value,
                    "display": fmt.value(f.value, unit, lang),
                    "label": fmt.published_label(f, lang),
                    "source": f.source,
                }
            )
        published_lines.extend(by_source.items())
    label = ind.label(lang)
    caption = t(
        lang,
        "{label}: {regions}, per schooljaar",
        label=label,
        regions=", ".join(dict.fromkeys(names)),
    )
    chart = None
    if tr.years:
        chart = charts.trend_chart(
            [
                (n, [(p.year, p.value) for p in s.points], [p.year for p in s.points if p.breaks])
                for s, n in zip(tr.series, names, strict=True)
            ],
            lang=lang,
            unit=unit,
            x_title=t(lang, "Schooljaar"),
            y_title=_y_title(unit, lang),
            tick_text={y: fmt.school_year(y) for y in range(first or 0, max([*tr.years, 0]) + 30)},
            breaks=[(b.year, t(lang, "breuk in de reeks")) for b in breaks],
            targets=target_lines,
            published=published_lines,
        )
    return {
        "id": chart_id,
        "indicator": ind.id,
        "label": label,
        "unit": unit,
        "profile_set": tr.profile_set,
        "profile_set_label": choice_label(lang, "set", tr.profile_set) if tr.profile_set else "",
        "definition": definition_text(lang, ind.definition),
        "years": list(tr.years),
        "series_names": names,
        "rows": rows,
        "footnotes": footnotes,
        "targets": targets,
        "published": published,
        "caption": caption,
        "chart": chart,
        "trend": tr.to_json(),
    }
