"""The map spec of the atlas: base tiles, the region outline and layers, drawn by
``static/js/map.js`` (Leaflet, vendored under ``static/vendor/leaflet``).

The base map is a tile server (XYZ, EPSG:3857; the ``tile_url`` setting, by default PDOK's
BRT-Achtergrondkaart) with its attribution. When the setting is empty, or the tiles do not
load, the map falls back to its own layers: the gemeente outlines filled as land, and the
gemeente names as place names. On top: the selected region's outline (the map is zoomed
to it), and the layers, each a dict in ``spec["layers"]`` with an ``id`` (the checkbox
``data-layer`` that toggles it) and a ``kind`` that map.js knows how to draw:

- ``areas``: colours (``fill``) and hover texts (``tips``) by feature id of ``spec["areas"]``;
- ``points``: small circles ``[lat, lon, radius, colour, tip]``;
- ``symbols``: keyboard-focusable markers ``[lat, lon, size, colour, shape, title, data]``
  (shape circle, square, diamond or x); a click (or Enter) hands ``data`` to the page. With
  ``cluster`` true, markers that would overlap are drawn as one cluster marker (the number
  of locations and the symbols of their ``kinds`` of offer, ``[shape, colour, label]``);
  a click or Enter zooms in to where they part (map.js ``symbolLayer``).

Adding a layer is adding such a dict (and a checkbox, ``LAYERS``). Colours are computed here
(classed scales with an HTML legend), so the script stays small.

The tile source, the spec's skeleton, the region's base and the layer kinds shared with the
other maps (also ``rings``, a radius) are in ``map_spec``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from kansrijk.web.map_spec import TileSource, places

#: Map layers, as the checkboxes and the layers' ``id`` name them.
LAYERS: tuple[str, ...] = ("locations", "gemeenten", "pc4")

#: Offer category -> (colour, marker shape). Okabe-Ito colours (colour-blind safe); a
#: different shape for each, so colour is never the only cue.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "tech_ict": ("#0072B2", "circle"),
    "tech": ("#009E73", "square"),
    "ict": ("#CC79A7", "diamond"),
    "none": ("#D55E00", "x"),
}

#: Five classes each: the indicator in greys (so the category colours stay readable on
#: top), distance in purples.
GEMEENTE_COLOURS: tuple[str, ...] = ("#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#636363")
DISTANCE_COLOURS: tuple[str, ...] = ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")
#: Upper bounds (km) of the distance classes; the last class is everything beyond.
DISTANCE_BREAKS: tuple[float, ...] = (1.0, 2.0, 3.5, 5.0)

MIN_SIZE = 7.0
MAX_SIZE = 26.0


def marker_size(pupils: int, largest: int) -> float:
    """Marker diameter in px: area proportional to pupils, between MIN_SIZE and MAX_SIZE."""
    if largest <= 0 or pupils <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(pupils / largest), 1)


def gemeente_top(values: Sequence[float]) -> float:
    """Top of the indicator scale: the largest value rounded up to a multiple of 5 (>= 5)."""
    return max(5.0, 5.0 * math.ceil(max(values) / 5.0)) if values else 100.0


def class_of(value: float, breaks: Sequence[float]) -> int:
    """Index of the class ``value`` falls in: classes end at ``breaks`` (inclusive)."""
    for i, b in enumerate(breaks):
        if value <= b:
            return i
    return len(breaks)


def legend(breaks: Sequence[float], colours: Sequence[str], fmt: Any) -> list[dict[str, str]]:
    """Legend rows (colour, label) of a classed scale: class i runs from ``breaks[i-1]``
    (0 for the first) to ``breaks[i]``; a colour beyond the breaks is the open last class."""
    out = []
    for i, colour in enumerate(colours):
        low = fmt(breaks[i - 1]) if i else fmt(0.0)
        label = f"{low} – {fmt(breaks[i])}" if i < len(breaks) else f"> {low}"
        out.append({"colour": colour, "label": label})
    return out


def kinds(locations: Sequence[dict[str, Any]]) -> list[list[str]]:
    """The offer categories among ``locations`` as ``[shape, colour, label]``, in the order of
    CATEGORY_STYLE (the legend's): what a cluster marker names by its symbols."""
    labels = {r["category"]: r["category_label"] for r in locations}
    return [
        [shape, colour, labels[c]] for c, (colour, shape) in CATEGORY_STYLE.items() if c in labels
    ]


def map_spec(
    *,
    tiles: TileSource | None,
    geojson: dict[str, Any],
    bounds: tuple[float, float, float, float] | None,
    outline: dict[str, Any] | None,
    gemeenten: Sequence[dict[str, Any]],
    locations: Sequence[dict[str, Any]],
    pc4: Sequence[dict[str, Any]],
    layers: dict[str, bool],
    texts: dict[str, str],
    number: Any,
) -> dict[str, Any]:
    """The spec: ``gemeenten`` rows have code, name, value, display; ``locations`` rows
    have loc_code, name, gemeente_name, lon, lat, pupils, pupils_display, offer_label,
    category, category_label, url; ``pc4`` rows pc4, lon, lat, km, km_display, residents_display.
    ``number(value, decimals)`` formats a number in the page's language."""
    valued = [g for g in gemeenten if g["value"] is not None]
    top = gemeente_top([float(g["value"]) for g in valued])
    g_breaks = [top * (i + 1) / len(GEMEENTE_COLOURS) for i in range(len(GEMEENTE_COLOURS))]
    fill = {
        g["code"]: GEMEENTE_COLOURS[
            min(class_of(float(g["value"]), g_breaks), len(GEMEENTE_COLOURS) - 1)
        ]
        for g in valued
    }
    tips = {g["code"]: f"{g['name']}: {g['display']}" for g in gemeenten}
    pc4_points = [
        [
            p["lat"],
            p["lon"],
            5,
            DISTANCE_COLOURS[class_of(float(p["km"]), DISTANCE_BREAKS)],
            f"{p['pc4']}: {p['km_display']} ({p['residents_display']})",
        ]
        for p in pc4
        if p["km"] is not None and p["lat"] is not None
    ]
    largest = max((loc["pupils"] for loc in locations), default=0)
    symbols = []
    for r in sorted(locations, key=lambda r: -r["pupils"]):  # small ones drawn on top
        colour, symbol = CATEGORY_STYLE[r["category"]]
        symbols.append(
            [
                r["lat"],
                r["lon"],
                marker_size(r["pupils"], largest),
                colour,
                symbol,
                f"{r['name']} ({r['offer_label']})",
                [
                    r["loc_code"],
                    r["name"],
                    r["gemeente_name"] or "",
                    r["offer_label"],
                    r["pupils_display"],
                    r["url"],
                ],
            ]
        )
    x0, y0, x1, y1 = (outline["bounds"] if outline else None) or bounds or (3.3, 50.75, 7.2, 53.6)
    return {
        "tiles": None if tiles is None else tiles.spec(),
        "bounds": [[y0, x0], [y1, x1]],
        "areas": geojson,
        "places": places(geojson),
        "outline": outline,
        "layers": [
            {
                "id": "gemeenten",
                "kind": "areas",
                "visible": layers["gemeenten"],
                "fill": fill,
                "tips": tips,
            },
            {"id": "pc4", "kind": "points", "visible": layers["pc4"], "points": pc4_points},
            {
                "id": "locations",
                "kind": "symbols",
                "visible": layers["locations"],
                "points": symbols,
                "cluster": True,
                "kinds": kinds(locations),
            },
        ],
        "legends": {
            "gemeenten": legend(g_breaks, GEMEENTE_COLOURS, lambda v: number(v, 0) + "%"),
            "pc4": legend(DISTANCE_BREAKS, DISTANCE_COLOURS, lambda v: number(v, 1) + " km"),
        },
        "texts": texts,
    }
