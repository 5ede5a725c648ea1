"""The finder pages' data: one search (query, distance, language) turned into the context
of the templates and into the JSON twin, and the small map (atlas base map: gemeente
boundaries from the warehouse, drawn by plotly.js without tiles)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from kansrijk.finder import Finder, FinderInputError, Found, Origin, parse_km
from kansrijk.finder.text import (
    alternative_text,
    assumption_text,
    data_date,
    data_note,
    distance_text,
    isolate,
    problem_text,
    profile_items,
)
from kansrijk.l10n import LANGUAGE_NAMES, LANGUAGES, direction, needs_review, translate
from kansrijk.warehouse import Warehouse
from kansrijk.web.atlas_data import gemeente_geojson
from kansrijk.web.cache import LruCache

__all__ = ["KM_OPTIONS", "Search", "alternates", "map_spec", "search", "search_json"]

KM_OPTIONS: tuple[int, ...] = (5, 10, 15, 20, 30)
#: Colour and symbol per kind (Okabe-Ito, as the atlas): never colour alone.
_STYLE = {"tech": ("#0072B2", "circle"), "none": ("#D55E00", "x"), "home": ("#000000", "star")}


@dataclass(slots=True)
class Search:
    """What one request asked and found."""

    q: str
    km: float
    gm: str | None
    origin: Origin | None
    found: list[Found]
    error: FinderInputError | None


def search(finder: Finder, q: str | None, km_text: str | None, gm: str | None) -> Search:
    """Run a search; input problems are kept (not raised) so pages can show them."""
    q_text = (q or "").strip()[:200]
    try:
        km = parse_km(km_text)
    except FinderInputError as exc:
        return Search(q_text, 10.0, gm, None, [], exc)
    if not q_text:
        return Search(q_text, km, gm, None, [], None)
    try:
        origin = finder.origin(q_text, gm)
    except FinderInputError as exc:
        return Search(q_text, km, gm, None, [], exc)
    return Search(q_text, km, gm, origin, finder.near(origin, km), None)


def _href(path: str, **params: str | None) -> str:
    query = {k: v for k, v in params.items() if v}
    return path + ("?" + urlencode(query) if query else "")


def alternates(path: str, s: Search) -> list[dict[str, str]]:
    """The page in every language (the language is kept in the URL, nl without it)."""
    km = None if s.km == 10.0 else f"{s.km:g}"
    return [
        {
            "lang": lang,
            "name": LANGUAGE_NAMES[lang],
            "dir": direction(lang),
            "href": _href(path, q=s.q or None, km=km, gm=s.gm, lang=None if lang == "nl" else lang),
        }
        for lang in LANGUAGES
    ]


def _school(f: Found, lang: str) -> dict[str, Any]:
    loc = f.location
    return {
        "loc_code": loc.loc_code,
        "name": loc.name,
        "address": loc.address,
        "website": loc.website_url,
        "phone": loc.phone,
        "leerwegen": list(loc.leerwegen),
        "profiles": profile_items(loc.profiles, lang),
        "technical": bool(loc.technical),
        "distance_text": distance_text(f.km, lang),
        "minutes": f.minutes if f.km >= 0.05 else None,
        "alternatives": [{"text": alternative_text(a, lang)} for a in f.alternatives],
    }


def error_context(s: Search, lang: str, path: str) -> dict[str, Any] | None:
    """The error block: the translated message and, for a place with several matches,
    a link per candidate."""
    if s.error is None:
        return None
    return {
        "key": s.error.key,
        "message": problem_text(s.error, lang),
        "choices": [
            {
                "label": label,
                "href": _href(
                    path,
                    q=name,
                    gm=gm or None,
                    km=None if s.km == 10.0 else f"{s.km:g}",
                    lang=None if lang == "nl" else lang,
                ),
            }
            for name, gm, label in s.error.choices
        ],
    }


def result_context(finder: Finder, s: Search, lang: str) -> dict[str, Any] | None:
    """The list (None before a search or after an error)."""
    if s.origin is None:
        return None
    return {
        "origin_label": isolate(s.origin.label),
        "origin_kind": s.origin.kind,
        "km_display": f"{s.km:g}",
        "count": len(s.found),
        "count_without": sum(1 for f in s.found if not f.location.technical),
        "schools": [_school(f, lang) for f in s.found],
        "assumption": assumption_text(finder.cycling, lang),
        "data_note": data_note(finder.year, lang),
    }


def _features(wh: Warehouse, code: str) -> list[dict[str, Any]]:
    geojson, _ = gemeente_geojson(wh, [code], {})
    features: list[dict[str, Any]] = geojson["features"]
    return features


def map_spec(
    wh: Warehouse, s: Search, lang: str, cache: LruCache[Any] | None = None
) -> dict[str, Any] | None:
    """A small plotly map: gemeente boundaries around the result, schools (technical
    profile: blue circle; none: orange cross) and the home (black star). Each gemeente's
    simplified boundary is made once per app (``cache``)."""
    if s.origin is None or not s.found:
        return None
    lon0, lat0 = s.origin.centre_wgs84
    codes = sorted(
        {f.location.gemeente_code for f in s.found if f.location.gemeente_code}
        | ({s.origin.gemeente_code} if s.origin.gemeente_code else set())
    )
    features: list[dict[str, Any]] = []
    for code in codes:
        if cache is None:
            features += _features(wh, code)
        else:
            made: list[dict[str, Any]] = cache.get_or_make(
                ("finder-gemeente", code), functools.partial(_features, wh, code)
            )
            features += made
    geojson: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    lons = [f.location.lon for f in s.found if f.location.lon is not None] + [lon0]
    lats = [f.location.lat for f in s.found if f.location.lat is not None] + [lat0]
    pad = 0.01
    data: list[dict[str, Any]] = [
        {
            "type": "choropleth",
            "geojson": geojson,
            "locations": [f["id"] for f in geojson["features"]],
            "z": [0] * len(geojson["features"]),
            "colorscale": [[0, "#f3f3f3"], [1, "#f3f3f3"]],
            "showscale": False,
            "showlegend": False,
            "marker": {"line": {"color": "#6f6f6f", "width": 0.8}},
            "hoverinfo": "skip",
        }
    ]
    for kind, label in (
        ("tech", translate(lang, "School with a technical profile")),
        ("none", translate(lang, "School without a technical profile")),
    ):
        rows = [
            f
            for f in s.found
            if f.location.lon is not None and bool(f.location.technical) == (kind == "tech")
        ]
        colour, symbol = _STYLE[kind]
        data.append(
            {
                "type": "scattergeo",
                "name": label,
                "lon": [f.location.lon for f in rows],
                "lat": [f.location.lat for f in rows],
                "text": [f.location.name for f in rows],
                "hovertemplate": "%{text}<extra></extra>",
                "mode": "markers",
                "marker": {"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1}},
            }
        )
    colour, symbol = _STYLE["home"]
    data.append(
        {
            "type": "scattergeo",
            "name": translate(lang, "Your home (centre of the postcode area)"),
            "lon": [lon0],
            "lat": [lat0],
            "mode": "markers",
            "hoverinfo": "name",
            "marker": {"color": colour, "symbol": symbol, "size": 16},
        }
    )
    layout = {
        "geo": {
            "visible": False,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [min(lons) - pad, max(lons) + pad]},
            "lataxis": {"range": [min(lats) - pad, max(lats) + pad]},
        },
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": 380,
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
        "font": {"family": "system-ui, sans-serif", "size": 13},
    }
    config = {  # a small map: no zoom buttons to tab through
        "responsive": True,
        "displaylogo": False,
        "scrollZoom": False,
        "displayModeBar": False,
        "topojsonURL": "/static/geo/",  # plotly's (here: empty) base-map topojson
    }
    return {"data": data, "layout": layout, "config": config}


def search_json(finder: Finder, s: Search, lang: str) -> dict[str, Any]:
    """The JSON twin: the same rows as the page."""
    return {
        "ok": True,
        "language": lang,
        "translation_needs_review": needs_review(lang),
        "query": s.q,
        "km": s.km,
        "enrollment_year": finder.year,
        "data_date": data_date(finder.year).isoformat() if finder.year else None,
        "origin": None
        if s.origin is None
        else {
            "kind": s.origin.kind,
            "label": s.origin.label,
            "pc4": s.origin.pc4,
            "gemeente_code": s.origin.gemeente_code,
            "lon": round(s.origin.centre_wgs84[0], 5),
            "lat": round(s.origin.centre_wgs84[1], 5),
            "coordinates": "centroid of the PC4 area (a place: resident-weighted centre)",
        },
        "distance": "straight line between PC4 centroids (RD New), km",
        "cycling": finder.cycling.to_json(),
        "count": len(s.found),
        "count_without_technical_profile": sum(1 for f in s.found if not f.location.technical),
        "schools": [f.to_json() for f in s.found],
        "nearest_per_technical_profile": []
        if s.origin is None
        else [a.to_json() for a in finder.nearest_per_profile(s.origin)],
    }
