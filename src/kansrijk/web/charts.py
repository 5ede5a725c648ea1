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
