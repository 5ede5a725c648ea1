"""The plotly.js spec of the atlas map: no tile server, no base-map download.

The base map is the gemeente boundaries themselves (a grey ``choropleth`` trace on a
``geo`` subplot with ``visible: false``, i.e. no land, coast or country layers); on top a
choropleth of the chosen indicator, PC4 centroids coloured by distance to the nearest
technical offer, and the school locations as markers, one trace per offer category (colour
*and* symbol, Okabe-Ito colours), sized by pupils. ``static/js/atlas.js`` draws it, puts the
GeoJSON (sent once, as ``spec.geojson``) into every choropleth trace, toggles the layers
(``trace.meta``) and fills the location panel on click.

plotly.js asks for a world topojson whenever a geo subplot holds a choropleth, even with
every base layer off; ``topojsonURL`` points it at an empty topology served from this app
(``static/geo/world_110m.json``), so no request leaves the machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from kansrijk.web.charts import FONT

#: Where plotly.js looks for its (here: empty) base-map topojson.
TOPOJSON_URL = "/static/geo/"

#: Map layers, as the checkboxes and ``trace.meta`` name them.
LAYERS: tuple[str, ...] = ("locations", "gemeenten", "pc4")

#: Offer category -> (colour, plotly marker symbol). Okabe-Ito colours (colour-blind safe);
#: a different symbol for each, so colour is never the only cue.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "tech_ict": ("#0072B2", "circle"),
    "tech": ("#009E73", "square"),
    "ict": ("#CC79A7", "diamond"),
    "none": ("#D55E00", "x"),
}

#: Sequential scales: the indicator in greys (so the category colours stay readable on
#: top), distance in purples.
GEMEENTE_SCALE: list[list[Any]] = [[0.0, "#f7f7f7"], [0.5, "#c4c4c4"], [1.0, "#6b6b6b"]]
DISTANCE_SCALE: list[list[Any]] = [[0.0, "#dadaeb"], [0.5, "#9e9ac8"], [1.0, "#3f007d"]]

MIN_SIZE = 7.0
MAX_SIZE = 26.0

CONFIG: dict[str, Any] = {
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": False,
    "displayModeBar": True,
    "modeBarButtons": [["zoomInGeo", "zoomOutGeo", "resetGeo"]],
    "topojsonURL": TOPOJSON_URL,
}


def marker_size(pupils: int, largest: int) -> float:
    """Marker diameter in px: area proportional to pupils, between MIN_SIZE and MAX_SIZE."""
    if largest <= 0 or pupils <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(pupils / largest), 1)


def _padded(bounds: tuple[float, float, float, float]) -> tuple[list[float], list[float]]:
    x0, y0, x1, y1 = bounds
    px = max((x1 - x0) * 0.04, 0.01)
    py = max((y1 - y0) * 0.04, 0.01)
    return [round(x0 - px, 4), round(x1 + px, 4)], [round(y0 - py, 4), round(y1 + py, 4)]


def map_spec(
    *,
    lang: str,
    geojson: dict[str, Any],
    bounds: tuple[float, float, float, float] | None,
    gemeenten: Sequence[dict[str, Any]],
    indicator_title: str,
    locations: Sequence[dict[str, Any]],
    categories: Sequence[dict[str, Any]],
    pc4: Sequence[dict[str, Any]],
    layers: dict[str, bool],
    texts: dict[str, str],
) -> dict[str, Any]:
    """The figure: ``gemeenten`` rows have code, name, value, display; ``locations`` rows
    have loc_code, name, gemeente_name, lon, lat, pupils, pupils_display, offer_label,
    category, url; ``pc4`` rows pc4, lon, lat, km, km_display, residents_display."""
    codes = [f["id"] for f in geojson["features"]]
    names = [f["properties"]["name"] for f in geojson["features"]]
    data: list[dict[str, Any]] = [
        {
            "type": "choropleth",
            "meta": "base",
            "name": texts["base"],
            "locations": codes,
            "z": [0] * len(codes),
            "text": names,
            "colorscale": [[0, "#f3f3f3"], [1, "#f3f3f3"]],
            "showscale": False,
            "showlegend": False,
            "marker": {"line": {"color": "#6f6f6f", "width": 0.8}},
            "hoverinfo": "skip",
        }
    ]
    valued = [g for g in gemeenten if g["value"] is not None]
    values = [float(g["value"]) for g in valued]
    data.append(
        {
            "type": "choropleth",
            "meta": "gemeenten",
            "name": indicator_title,
            "locations": [g["code"] for g in valued],
            "z": values,
            "customdata": [[g["name"], g["display"]] for g in valued],
            "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra></extra>",
            "colorscale": GEMEENTE_SCALE,
            "zmin": 0,
            "zmax": max(5.0, 5.0 * math.ceil(max(values) / 5.0)) if values else 100.0,
            "marker": {"line": {"color": "#6f6f6f", "width": 0.8}},
            "showlegend": False,
            "visible": layers["gemeenten"],
            "colorbar": {
                "title": {"text": texts["gemeenten_scale"], "side": "top", "font": {"size": 13}},
                "tickfont": {"size": 12},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": -0.02,
                "yanchor": "top",
                "len": 0.48,
                "thickness": 12,
                "ticksuffix": "%",
                "outlinewidth": 0,
            },
        }
    )
    kms = [float(p["km"]) for p in pc4 if p["km"] is not None]
    data.append(
        {
            "type": "scattergeo",
            "meta": "pc4",
            "name": texts["pc4"],
            "mode": "markers",
            "lon": [p["lon"] for p in pc4 if p["km"] is not None],
            "lat": [p["lat"] for p in pc4 if p["km"] is not None],
            "customdata": [
                [p["pc4"], p["km_display"], p["residents_display"]]
                for p in pc4
                if p["km"] is not None
            ],
            "hovertemplate": texts["pc4_hover"] + "<extra></extra>",
            "marker": {
                "size": 8,
                "color": kms,
                "colorscale": DISTANCE_SCALE,
                "cmin": 0,
                "cmax": max(5.0, math.ceil(max(kms))) if kms else 5.0,
                "line": {"color": "#3f3f3f", "width": 0.5},
                "colorbar": {
                    "title": {"text": texts["pc4_scale"], "side": "top", "font": {"size": 13}},
                    "tickfont": {"size": 12},
                    "orientation": "h",
                    "x": 0.52,
                    "xanchor": "left",
                    "y": -0.02,
                    "yanchor": "top",
                    "len": 0.48,
                    "thickness": 12,
                    "ticksuffix": " km",
                    "outlinewidth": 0,
                },
            },
            "showlegend": False,
            "visible": layers["pc4"],
        }
    )
    largest = max((loc["pupils"] for loc in locations), default=0)
    for cat in categories:
        rows = [loc for loc in locations if loc["category"] == cat["code"]]
        colour, symbol = CATEGORY_STYLE[cat["code"]]
        data.append(
            {
                "type": "scattergeo",
                "meta": "locations",
                "name": f"{cat['label']} ({len(rows)})",
                "mode": "markers",
                "lon": [r["lon"] for r in rows],
                "lat": [r["lat"] for r in rows],
                "customdata": [
                    [
                        r["loc_code"],
                        r["name"],
                        r["gemeente_name"] or "",
                        r["offer_label"],
                        r["pupils_display"],
                        r["url"],
                    ]
                    for r in rows
                ],
                "hovertemplate": (
                    "<b>%{customdata[1]}</b><br>%{customdata[3]}<br>%{customdata[4]}<extra></extra>"
                ),
                "marker": {
                    "color": colour,
                    "symbol": symbol,
                    "size": [marker_size(r["pupils"], largest) for r in rows],
                    "opacity": 0.9,
                    "line": {"color": "#ffffff" if symbol != "x" else "#1a1a1a", "width": 1},
                },
                "visible": layers["locations"],
            }
        )
    geo: dict[str, Any] = {
        "visible": False,
        "projection": {"type": "mercator"},
        "bgcolor": "#ffffff",
        "showframe": False,
    }
    if bounds is not None:
        lon_range, lat_range = _padded(bounds)
        geo["lonaxis"] = {"range": lon_range}
        geo["lataxis"] = {"range": lat_range}
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
        "separators": ",." if lang == "nl" else ".,",
        "paper_bgcolor": "#ffffff",
        "margin": {"l": 4, "r": 4, "t": 4, "b": 64},
        "geo": geo,
        "showlegend": False,  # the legend is HTML under the map (figcaption)
        "hoverlabel": {"font": {"family": FONT}},
        "dragmode": "pan",
    }
    return {"data": data, "layout": layout, "config": CONFIG, "geojson": geojson}
