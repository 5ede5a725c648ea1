"""plotly.js specs of the scenario pages (drawn by ``static/js/charts.js``); every chart is
followed by a table with the same figures. Scenario names are in every legend."""

from __future__ import annotations

from typing import Any

from kansrijk.l10n.monitor import choice_label, scenario_name, t
from kansrijk.scenarios import Comparison, ScenarioResult
from kansrijk.scenarios.comparison_years import extra_entrants_by_year
from kansrijk.web.charts import COLOURS, CONFIG, _layout, line_chart

BAND = "rgba(192, 84, 0, 0.18)"


def wrap(text: str, width: int = 34) -> str:
    """Break a long name into lines of about ``width`` characters (``<br>``) for legends."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines) or text


def entrants_chart(result: ScenarioResult, lang: str) -> dict[str, Any]:
    """Technical mbo entrants per year in the scenario region: baseline and scenario, with
    the interval of the scenario (baseline + interval of the difference) as a band."""
    rows = result.year_rows()
    x = [str(r.year) for r in rows]
    data: list[dict[str, Any]] = []
    if any(r.extra_entrants_interval is not None for r in rows):
        ivs = [(r.entrants_baseline, r.extra_entrants_interval) for r in rows]
        low = [base + iv.low if iv else None for base, iv in ivs]
        high = [base + iv.high if iv else None for base, iv in ivs]
        band = t(lang, "marge {pct}", pct=f"P{result.interval[0]:g}-P{result.interval[1]:g}")
        data += [
            {
                "type": "scatter",
                "mode": "lines",
                "x": x,
                "y": low,
                "line": {"width": 0, "color": BAND},
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": "band",
            },
            {
                "type": "scatter",
                "mode": "lines",
                "name": band,
                "x": x,
                "y": high,
                "fill": "tonexty",
                "fillcolor": BAND,
                "line": {"width": 0, "color": BAND},
                "hoverinfo": "skip",
                "legendgroup": "band",
            },
        ]
    base = t(lang, "Zonder scenario")
    data += [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": base,
            "x": x,
            "y": [r.entrants_baseline for r in rows],
            "line": {"color": COLOURS[0], "dash": "dash"},
            "marker": {"size": 7, "symbol": "square"},
            "hovertemplate": "%{y:.1f}<extra>" + base + "</extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": wrap(scenario_name(lang, result.name)),
            "x": x,
            "y": [r.entrants_scenario for r in rows],
            "line": {"color": COLOURS[1]},
            "marker": {"size": 7},
            "hovertemplate": "%{y:.1f}<extra>" + scenario_name(lang, result.name)[:40] + "</extra>",
        },
    ]
    layout = _layout(
        lang,
        height=380,
        margin={"l": 56, "r": 16, "t": 90, "b": 48},
        xaxis={
            "type": "category",
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "nticks": 6,
            "title": {"text": t(lang, "Jaar")},
        },
        yaxis={
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "title": {"text": t(lang, "Instromers technisch mbo per jaar")},
        },
        hovermode="x unified",
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def compare_chart(comparison: Comparison, lang: str) -> dict[str, Any]:
    """Grouped bars, one colour per scenario (names in the legend), in two panels: extra
    technical mbo entrants per year and cost per extra entrant (EUR), with intervals as
    error bars where the runs had draws."""
    metrics = (
        ("extra_entrants_per_year", "extra_entrants_per_year_interval", "x", "y"),
        ("cost_per_extra_entrant", "cost_per_extra_entrant_interval", "x2", "y2"),
    )
    data: list[dict[str, Any]] = []
    for i, res in enumerate(comparison.results):
        colour = COLOURS[i % len(COLOURS)]
        shown = scenario_name(lang, res.name)
        for m, (key, ikey, xa, ya) in enumerate(metrics):
            value = getattr(res.summary, key)
            iv = getattr(res.summary, ikey)
            trace: dict[str, Any] = {
                "type": "bar",
                "name": wrap(shown),
                "legendgroup": f"s{i}",
                "showlegend": m == 0,
                "x": [wrap(choice_label(lang, "scen_chart", key), 22)],
                "y": [value],
                "xaxis": xa,
                "yaxis": ya,
                "marker": {"color": colour},
                "hovertemplate": "%{y:,.1f}<extra>"
                + scenario_name(lang, res.name)[:40]
                + "</extra>",
            }
            if iv is not None and value is not None:
                trace["error_y"] = {
                    "type": "data",
                    "array": [max(iv.high - value, 0.0)],
                    "arrayminus": [max(value - iv.low, 0.0)],
                    "color": "#1a1a1a",
                    "thickness": 1.5,
                    "width": 6,
                }
            data.append(trace)
    layout = _layout(
        lang,
        height=420,
        barmode="group",
        margin={"l": 64, "r": 16, "t": 24, "b": 64},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        xaxis={"domain": [0, 0.42], "type": "category", "automargin": True},
        xaxis2={"domain": [0.58, 1], "type": "category", "automargin": True, "anchor": "y2"},
        yaxis={
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "title": {"text": t(lang, "Instromers technisch mbo per jaar")},
        },
        yaxis2={
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "anchor": "x2",
            "tickprefix": "€ ",
            "title": {"text": t(lang, "Kosten per extra instromer (EUR)")},
        },
    )
    n = len(comparison.results)
    layout["margin"]["t"] = 40 + 26 * n
    return {"data": data, "layout": layout, "config": CONFIG}


def extra_entrants_chart(comparison: Comparison, lang: str) -> dict[str, Any]:
    """Extra technical mbo entrants per year in each scenario's region, one line per
    scenario (``charts.line_chart``; names in the legend)."""
    rows = extra_entrants_by_year(comparison)
    series = [
        (wrap(scenario_name(lang, res.name)), [values[i] for _year, values in rows])
        for i, res in enumerate(comparison.results)
    ]
    spec = line_chart([str(year) for year, _values in rows], series, lang=lang, suffix="")
    spec["layout"]["margin"]["t"] = 40 + 26 * len(series)
    return spec
