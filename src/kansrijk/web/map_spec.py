"""The map spec every map page shares (the atlas, the school finder, the access check, the
registry's reach and internship-shortage maps), drawn by ``static/js/map.js`` (Leaflet,
vendored under ``static/vendor/leaflet``).

The base map is a tile server (XYZ, EPSG:3857; the ``tile_url`` setting, by default PDOK's
BRT-Achtergrondkaart) with its attribution. When the setting is empty, or the tiles do not
load, the map falls back to its own layers: the gemeente outlines filled as land, and the
gemeente names as place names. On top: the selected region's outline (the map is zoomed
to it), and the layers, each a dict in ``spec["layers"]`` with an ``id`` and a ``kind``
that map.js knows how to draw:

- ``areas``: colours (``fill``) and hover texts (``tips``) by feature id of ``spec["areas"]``;
- ``points``: small circles ``[lat, lon, radius, colour, tip]``;
- ``symbols``: markers ``[lat, lon, size, colour, shape, title, data]`` (shape circle,
  square, diamond, star or x), keyboard-focusable unless the layer says ``"focusable":
  false`` (when a table on the page is the keyboard route); a click (or Enter) hands
  ``data`` to the page;
- ``rings``: dashed circles ``[lat, lon, metres, colour]`` (a radius around a place).

This module holds the generic part: the tile source, the spec's skeleton (``spec``), the
region's base (gemeente areas, place names, outline; ``region_base``) and the map's texts.
What a page draws on it is the page's own (``atlas_map``, ``finder_view``, the access check,
``registry_maps``). Every map's legend is HTML beside the map (``map_macros.html``), and
every map has a table with the same data on its page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from shapely.geometry import shape

from kansrijk.errors import InputError
from kansrijk.geo import gemeente_geojson
from kansrijk.geo.outline import region_outline
from kansrijk.l10n.monitor import t
from kansrijk.regions import Level, Region
from kansrijk.web.deps import Ctx

MAX_ZOOM = 19
_PLACEHOLDERS = ("{z}", "{x}", "{y}")
#: The whole Netherlands (lon0, lat0, lon1, lat1): the view when nothing else is known.
NETHERLANDS: tuple[float, float, float, float] = (3.3, 50.75, 7.2, 53.6)


@dataclass(frozen=True, slots=True)
class TileSource:
    """A base-map tile server: an XYZ URL template and its attribution."""

    url: str
    attribution: str

    @property
    def origin(self) -> str:
        """scheme://host[:port] of the tiles (the one origin the CSP adds for images)."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def spec(self) -> dict[str, Any]:
        """What ``static/js/map.js`` needs of the tiles (the attribution HTML-escaped)."""
        return {"url": self.url, "attribution": html.escape(self.attribution), "max_zoom": MAX_ZOOM}


def tile_source(url: str, attribution: str) -> TileSource | None:
    """The tile server of the settings; None when ``url`` is empty (own layers only)."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    ok = (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", parts.netloc) is not None
        and all(p in url for p in _PLACEHOLDERS)
        and not any(c in url for c in "\"'<> \\")
    )
    if not ok:
        raise InputError(
            "tile_url (KANSRIJK_TILE_URL): expected an http(s) URL with {z}, {x} and {y}, "
            "e.g. https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/"
            f"EPSG:3857/{{z}}/{{x}}/{{y}}.png, or empty for no base tiles; found {url!r}"
        )
    return TileSource(url, attribution.strip())


def places(geojson: dict[str, Any]) -> list[list[Any]]:
    """Place names of the offline map: each gemeente's name at a point inside it, largest
    gemeente first (map.js hides names that would overlap, smaller ones first)."""
    out = []
    for f in geojson["features"]:
        geom = shape(f["geometry"])
        if geom.is_empty:
            continue
        pt = geom.representative_point()
        out.append((geom.area, f["properties"]["name"], round(pt.y, 4), round(pt.x, 4)))
    out.sort(key=lambda p: (-p[0], p[1]))
    return [[name, lat, lon] for _, name, lat, lon in out]


@dataclass(frozen=True, slots=True)
class RegionBase:
    """What a map of a region draws under its layers: the region's gemeenten (GeoJSON, the
    offline base and its place names), their bounds (lon0, lat0, lon1, lat1) and the
    region's outline (``geo.outline``; None without boundaries loaded)."""

    geojson: dict[str, Any]
    bounds: tuple[float, float, float, float] | None
    outline: dict[str, Any] | None

    @property
    def extent(self) -> tuple[float, float, float, float] | None:
        """The region's extent: its outline's bounds, else its gemeenten's."""
        if self.outline and self.outline.get("bounds"):
            x0, y0, x1, y1 = self.outline["bounds"]
            return (x0, y0, x1, y1)
        return self.bounds


def members(ctx: Ctx, region: Region) -> list[str]:
    """The gemeenten whose boundaries bound ``region`` (for a PC4 region: the gemeenten its
    postcodes lie in)."""
    if region.level is Level.GEMEENTE:
        return [region.code]
    return [g for g in region.gemeenten if g in ctx.catalog]


def region_base(ctx: Ctx, region: Region) -> RegionBase:
    """The region's base, made once per app (the same cache entries as the atlas's)."""
    codes = members(ctx, region)
    names = {r.code: r.name for r in ctx.catalog.list(Level.GEMEENTE)}
    geojson, bounds = ctx.state.views.get_or_make(
        ("atlas-geojson", tuple(codes)), lambda: gemeente_geojson(ctx.wh, codes, names)
    )
    outline = ctx.state.views.get_or_make(
        ("atlas-outline", region.code, tuple(codes)),
        lambda: region_outline(ctx.wh, region, codes),
    )
    return RegionBase(geojson, tuple(bounds) if bounds else None, outline)


def settings_tiles(ctx: Ctx) -> TileSource | None:
    """The tile source of the app's settings (checked when the app starts)."""
    settings = ctx.state.settings
    return tile_source(settings.tile_url, settings.tile_attribution)


def fit(
    extent: tuple[float, float, float, float] | None,
    points: Iterable[tuple[float, float]] = (),
    pad: float = 0.01,
) -> tuple[float, float, float, float]:
    """The smallest box (lon0, lat0, lon1, lat1) holding ``extent`` and the (lon, lat)
    ``points`` (padded by ``pad`` degrees); the Netherlands when there is neither."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if extent is not None:
        xs += [extent[0], extent[2]]
        ys += [extent[1], extent[3]]
    if not xs:
        return NETHERLANDS
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def texts(lang: str, *, reset: bool = True) -> dict[str, str]:
    """The map's own texts in ``lang``: the zoom buttons, the reset button (when the map
    has a region to go back to) and the message when the base map cannot be reached."""
    out = {
        "zoom_in": t(lang, "Inzoomen"),
        "zoom_out": t(lang, "Uitzoomen"),
        "offline": t(
            lang,
            "De achtergrondkaart is niet bereikbaar; de kaart toont gemeentegrenzen en -namen.",
        ),
    }
    if reset:
        out["reset"] = t(lang, "Hele regio tonen")
    return out


def spec(
    *,
    tiles: TileSource | None,
    base: RegionBase,
    layers: Sequence[dict[str, Any]],
    texts: dict[str, str],
    bounds: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """The spec map.js draws: ``layers`` over the tiles (or the region's own base), the
    region's outline, zoomed to ``bounds`` (lon0, lat0, lon1, lat1; default the region)."""
    x0, y0, x1, y1 = bounds or base.extent or NETHERLANDS
    return {
        "tiles": None if tiles is None else tiles.spec(),
        "bounds": [[y0, x0], [y1, x1]],
        "areas": base.geojson,
        "places": places(base.geojson),
        "outline": base.outline,
        "layers": list(layers),
        "texts": texts,
    }


def symbols(
    layer_id: str,
    rows: Iterable[tuple[float, float, float, str]],
    *,
    colour: str,
    shape: str,
) -> dict[str, Any]:
    """A ``symbols`` layer of (lon, lat, size, title) rows in one colour and shape, not
    focusable (the page's table is the keyboard route), larger ones drawn first."""
    pts = [
        [lat, lon, size, colour, shape, title, None]
        for lon, lat, size, title in sorted(rows, key=lambda r: -r[2])
    ]
    return {"id": layer_id, "kind": "symbols", "visible": True, "focusable": False, "points": pts}
