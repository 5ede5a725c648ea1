"""The finder pages' data: one search (query, distance, language) turned into the context
of the templates and into the JSON twin, and the small map (drawn by static/js/map.js like
the atlas: base tiles of the ``tile_url`` setting, else the gemeente boundaries and names)."""

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
from kansrijk.geo import gemeente_geojson
from kansrijk.l10n import LANGUAGE_NAMES, LANGUAGES, direction, needs_review, translate
from kansrijk.warehouse import Warehouse
from kansrijk.web.cache import LruCache
from kansrijk.web.map_spec import TileSource, places

__all__ = ["KM_OPTIONS", "Search", "alternates", "counts", "map_spec", "search", "search_json"]

KM_OPTIONS: tuple[int, ...] = (5, 10, 15, 20, 30)
#: Colour and symbol per kind (Okabe-Ito, as the atlas): never colour alone.
_STYLE = {
    "tech": ("#0072B2", "circle"),
    "none": ("#D55E00", "x"),
    "tl": ("#5F5F5F", "square"),
    "home": ("#000000", "star"),
}
#: Map style of each kind of location (``VmboOffer.kind``).
_KIND_STYLE = {"technical": "tech", "no_technical": "none", "tl_only": "tl"}


def counts(found: list[Found]) -> dict[str, int]:
    """How many locations of each kind: with a technical profile, with BB/KB/GL but no
    technical profile, mavo only (TL: no profiles at all); they add up to ``count``."""
    out = {"count": len(found), "technical": 0, "no_technical": 0, "tl_only": 0}
    for f in found:
        out[f.location.kind] += 1
    return out


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
    phone = loc.phone_number
    return {
        "loc_code": loc.loc_code,
        "name": loc.name,
        "address": loc.address,
        "website": loc.website_url,
        "phone": phone.text if phone else None,
        "phone_href": phone.href if phone else None,
        "leerwegen": list(loc.leerwegen),
        "profiles": profile_items(loc.profiles, lang),
        "technical": bool(loc.technical),
        "kind": loc.kind,
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
        **{f"count_{k}" if k != "count" else k: n for k, n in counts(s.found).items()},
        "schools": [_school(f, lang) for f in s.found],
        "assumption": assumption_text(finder.cycling, lang),
        "data_note": data_note(finder.year, lang),
    }


def _features(wh: Warehouse, code: str) -> list[dict[str, Any]]:
    geojson, _ = gemeente_geojson(wh, [code], {})
    features: list[dict[str, Any]] = geojson["features"]
    return features


def map_spec(
    wh: Warehouse,
    s: Search,
    lang: str,
    cache: LruCache[Any] | None = None,
    tiles: TileSource | None = None,
    names: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    """A small map (static/js/map.js): base tiles (or the gemeenten around the result with
    their names), schools (technical profile: blue circle; none: orange cross) and the home
    (black star), zoomed to them. Each gemeente's simplified boundary is made once per app
    (``cache``). The list under the map is the keyboard route: the markers take no focus."""
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
    names = names or {}
    geojson: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [f | {"properties": {"name": names.get(f["id"], f["id"])}} for f in features],
    }
    located = [f for f in s.found if f.location.lon is not None and f.location.lat is not None]
    lons = [float(f.location.lon) for f in located if f.location.lon is not None] + [lon0]
    lats = [float(f.location.lat) for f in located if f.location.lat is not None] + [lat0]
    pad = 0.01
    points = []
    for f in located:
        colour, symbol = _STYLE[_KIND_STYLE[f.location.kind]]
        points.append([f.location.lat, f.location.lon, 13, colour, symbol, f.location.name, None])
    colour, symbol = _STYLE["home"]
    home = translate(lang, "Your home (centre of the postcode area)")
    return {
        "tiles": None if tiles is None else tiles.spec(),
        "bounds": [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]],
        "areas": geojson,
        "places": places(geojson),
        "outline": None,
        "layers": [
            {
                "id": "schools",
                "kind": "symbols",
                "visible": True,
                "focusable": False,
                "points": points,
            },
            {
                "id": "home",
                "kind": "symbols",
                "visible": True,
                "focusable": False,
                "points": [[lat0, lon0, 18, colour, symbol, home, None]],
            },
        ],
        "legend": [
            {"shape": _STYLE[k][1], "colour": _STYLE[k][0], "label": label}
            for k, label in (
                ("tech", translate(lang, "School with a technical profile")),
                ("none", translate(lang, "School without a technical profile")),
                ("tl", translate(lang, "Mavo-only school (TL): no profiles")),
                ("home", home),
            )
        ],
        "texts": {
            "zoom_in": translate(lang, "Zoom in"),
            "zoom_out": translate(lang, "Zoom out"),
        },
    }


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
        "count_with_technical_profile": counts(s.found)["technical"],
        "count_without_technical_profile": counts(s.found)["no_technical"],
        "count_tl_only": counts(s.found)["tl_only"],
        "schools": [f.to_json() for f in s.found],
        "nearest_per_technical_profile": []
        if s.origin is None
        else [a.to_json() for a in finder.nearest_per_profile(s.origin)],
    }
