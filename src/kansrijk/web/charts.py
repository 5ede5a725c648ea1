"""plotly.js figure specs (data, layout, config) built on the server; ``static/js/charts.js``
draws them. Every chart on a page is followed by a table with the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Rijkshuisstijl-like colours: dark blue, orange, sky blue, green, purple, brown.
COLOURS: tuple[str, ...] = ("#154273", "#c05400", "#007bc7", "#39870c", "#42145f", "#94710a")
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Noto Sans', 'Liberation Sans', sans-serif"
)
CONFIG: dict[str, Any] = {"displayModeBar": False, "responsive": True, "displaylogo": False}


def _layout(lang: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        "separators": ",." if lang == "nl" else ".,",
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "hoverlabel": {"font": {"family": FONT}},
    }
    layout.update(extra)
    return layout


def line_chart(
    x: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    lang: str,
    suffix: str = "%",
) -> dict[str, Any]:
    """Lines over categories ``x`` (e.g. school years); ``series`` = (name, values). The
    chart's heading on the page says what the y axis is."""
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": list(x),
            "y": list(values),
            "line": {"color": COLOURS[i % len(COLOURS)], "dash": DASHES[i % len(DASHES)]},
            "marker": {"size": 7},
            "hovertemplate": "%{y:.1f}" + suffix + "<extra>" + name + "</extra>",
            "connectgaps": False,
        }
        for i, (name, values) in enumerate(series)
    ]
    layout = _layout(
        lang,
        height=340,
        margin={"l": 48, "r": 24, "t": 56, "b": 48},
        xaxis={
            "type": "category",
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "nticks": 6,
        },
        yaxis={
            "ticksuffix": suffix,
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
        },
        hovermode="x unified",
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    lang: str,
    suffix: str = "",
) -> dict[str, Any]:
    """Horizontal bars, first label on top; one trace per series (grouped). The heading
    or caption on the page says what the bars measure."""
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": list(labels),
            "x": list(values),
            "marker": {"color": COLOURS[i % len(COLOURS)]},
            "hovertemplate": "%{y}: %{x:.1f}" + suffix + "<extra>" + name + "</extra>",
        }
        for i, (name, values) in enumerate(series)
    ]
    n = len(labels) * max(1, len(series))
    legend = {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}
    layout = _layout(
        lang,
        height=max(220, 26 * n + 90),
        barmode="group",
        showlegend=len(series) > 1,
        legend=legend,
        margin={"l": 16, "r": 24, "t": 16, "b": 40},
        xaxis={
            "ticksuffix": suffix,
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return {"data": data, "layout": layout, "config": CONFIG}


def break_marks(breaks: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """Annotations of series breaks (year, label): the footnote mark (†1, †2, ... in the
    order given) at the top of the dashed line before the year, the label as hover text.
    Marks of one year share an annotation ("†1 †2"); from left to right the marks alternate
    between two rows, so that marks of adjacent years do not overlap, even 375 px wide
    (where the full labels did: about 100 px each, a year about 25 px). The footnotes under
    the chart say what each mark is."""
    by_year: dict[int, list[tuple[int, str]]] = {}
    for i, (year, label) in enumerate(breaks, start=1):
        by_year.setdefault(year, []).append((i, label))
    out = []
    for row, year in enumerate(sorted(by_year)):
        marks = by_year[year]
        out.append(
            {
                "x": year - 0.5,
                "y": 1 - 0.09 * (row % 2),
                "xref": "x",
                "yref": "paper",
                "text": " ".join(f"†{i}" for i, _ in marks),
                "hovertext": "<br>".join(f"†{i} {label}" for i, label in marks),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 13, "color": "#1a1a1a"},
                "bgcolor": "rgba(255,255,255,0.9)",
            }
        )
    return out


def trend_chart(
    series: Sequence[tuple[str, Sequence[tuple[int, float | None]], Sequence[int]]],
    *,
    lang: str,
    unit: str,
    x_title: str,
    y_title: str,
    tick_text: dict[int, str],
    breaks: Sequence[tuple[int, str]] = (),
    targets: Sequence[tuple[str, Sequence[tuple[int, float]]]] = (),
    published: Sequence[tuple[str, Sequence[tuple[int, float]]]] = (),
) -> dict[str, Any]:
    """Lines over years on a numeric axis (ticks labelled ``tick_text``, e.g. school years),
    both axes titled, amounts from zero. ``series`` = (name, (year, value) points, years
    at which the series breaks). A break is never drawn as a change: the series has a gap
    there, and a dashed vertical line marks each of ``breaks`` (year, label) with a short mark
    (``break_marks``: †1, †2, ... in the order given, as the footnotes under the chart and the
    marks in its table number them; the label is the mark's hover text). ``targets`` are drawn
    as dotted lines (name, points): a level target as a flat line, a target year as the
    straight path from the baseline to it. ``published`` figures (name, points) are grey
    diamonds: beside the computed values, never joined to them."""
    suffix = {"percent": "%", "km": " km"}.get(unit, "")
    digits = ".0f" if unit == "count" else ".1f"
    cut = sorted({y - 0.5 for y, _ in breaks})
    data: list[dict[str, Any]] = []
    for i, (name, points, gaps) in enumerate(series):
        xs: list[float] = []
        ys: list[float | None] = []
        for year, value in sorted(points):
            if xs and year in gaps:
                xs.append(year - 0.5)
                ys.append(None)  # the gap at a break
            xs.append(year)
            ys.append(value)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": xs,
                "y": ys,
                "line": {"color": COLOURS[i % len(COLOURS)], "dash": DASHES[i % len(DASHES)]},
                "marker": {"size": 7},
                "hovertemplate": "%{y:" + digits + "}" + suffix + "<extra>" + name + "</extra>",
                "connectgaps": False,
            }
        )
    for j, (name, points) in enumerate(targets):
        colour = COLOURS[(len(series) + j) % len(COLOURS)]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": [p[0] for p in points],
                "y": [p[1] for p in points],
                "line": {"color": colour, "dash": "dot", "width": 2},
                "marker": {"size": 9, "symbol": "star"},
                "hovertemplate": "%{y:" + digits + "}" + suffix + "<extra>" + name + "</extra>",
            }
        )
    for name, points in published:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": [p[0] for p in points],
                "y": [p[1] for p in points],
                "marker": {"size": 10, "symbol": "diamond-open", "color": "#5a5a5a"},
                "hovertemplate": "%{y:" + digits + "}" + suffix + "<extra>" + name + "</extra>",
            }
        )
    years = sorted({int(x) for d in data for x in d["x"] if float(x).is_integer()})
    step = 1 if not years or years[-1] - years[0] < 8 else 2
    ticks = list(range(years[0], years[-1] + 1, step)) if years else []
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": c,
            "x1": c,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#5a5a5a", "dash": "dash", "width": 1.5},
        }
        for c in cut
    ]
    annotations = break_marks(breaks)
    # many series: room for the legend (on a phone it is one entry a line)
    height = 360 if len(data) <= 3 else 300 + 26 * len(data)
    layout = _layout(
        lang,
        height=height,
        margin={"l": 64, "r": 24, "t": 56, "b": 64},
        xaxis={
            "title": {"text": x_title},
            "tickvals": ticks,
            "ticktext": [tick_text.get(y, str(y)) for y in ticks],
            "gridcolor": "#e6e6e6",
            "automargin": True,
            "range": [years[0] - 0.5, years[-1] + 0.5] if years else None,
        },
        yaxis={
            "title": {"text": y_title},
            "ticksuffix": suffix,
            "rangemode": "tozero",
            "gridcolor": "#e6e6e6",
            "automargin": True,
        },
        shapes=shapes,
        annotations=annotations,
        hovermode="closest",
    )
    return {"data": data, "layout": layout, "config": CONFIG}
