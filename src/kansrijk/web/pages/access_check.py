"""``/bereikbaarheid``: the access check as a page. A change (a location stops a profile,
closes, or adds one) -> the PC4 areas and children 10-14 who lose or gain the profile within
X km, per gemeente, on a map with its table, and the region's access table (children within
an hour's cycling of each technical profile). Twin ``/bereikbaarheid.json``; the API route
``/api/v1/access-check`` gives the check alone (the document of ``kansrijk access-check
--json``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Response

from kansrijk.errors import InputError, Message
from kansrijk.geo.coordinates import rd_to_wgs84
from kansrijk.indicators.access import offer_locations, young_residents
from kansrijk.l10n.monitor import N_, t
from kansrijk.optimise import TECHNICAL
from kansrijk.optimise.access_check import (
    DETOUR,
    SPEED_KMH,
    Change,
    access_change,
    access_table,
    minutes_to_km,
)
from kansrijk.scenarios.runner import newest_year
from kansrijk.web import charts
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year
from kansrijk.web.render import cached_json, page_context


@dataclass(frozen=True, slots=True)
class AccessQuery:
    """The access check's parameters (the page, its twin and the API route)."""

    region: str | None = field(default=None, metadata=doc("Region code."))
    location: str | None = field(default=None, metadata=doc("Location code (BRIN + vestiging)."))
    change: str | None = field(default=None, metadata=doc("stop, close or add."))
    profile: str | None = field(default=None, metadata=doc("BWI, MAT, MT or PIE (stop/add)."))
    km: str | None = field(default=None, metadata=doc("Radius in crow-fly km (default 5)."))
    minutes: str | None = field(
        default=None, metadata=doc("Radius in cycling minutes (overrides km).")
    )
    year: str | None = field(
        default=None, metadata=doc("A loaded enrollment year (default the newest).")
    )


CHANGES = ("stop", "close", "add")
#: Marker styles of the map (Okabe-Ito colours; a symbol each, so colour is not the only cue).
_STYLE = {
    "lose": (N_("Verliest het profiel binnen de afstand"), "#D55E00", "triangle-down"),
    "gain": (N_("Krijgt het profiel binnen de afstand"), "#0072B2", "triangle-up"),
    "location": (N_("De gewijzigde locatie"), "#1a1a1a", "star"),
    "offer": (N_("Andere locaties met het profiel (na de wijziging)"), "#5a5a5a", "square-open"),
    "pc4": (N_("Postcodegebieden van de regio"), "#b5b5b5", "circle"),
}
#: The change kinds (form), their sentence, and the two directions of a change.
_CHANGE_LABELS = {
    "stop": N_("Locatie stopt met het profiel"),
    "close": N_("Locatie sluit (alle technische profielen)"),
    "add": N_("Locatie voegt het profiel toe"),
}
_CHANGE_SENTENCES = {
    "stop": N_("{location} stopt met {profile}"),
    "close": N_("{location} sluit"),
    "add": N_("{location} voegt {profile} toe"),
}
_DIRECTIONS = {"lose": N_("verliest"), "gain": N_("krijgt")}


def _number(text: str | None, name: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            Message("expected a number; found {text!r}", text=text), column=name
        ) from None
    if not 0 < value <= 100 or not math.isfinite(value):
        raise InputError(
            Message("expected a number in (0, 100]; found {text!r}", text=text), column=name
        )
    return value


def parse_change(q: AccessQuery, default_profile: str | None) -> tuple[Change | None, float]:
    """The query's change (None without a location) and radius in km (minutes win).

    Raises:
        InputError: a radius not in (0, 100], an unknown change, a malformed location code;
        OptimiseError (from ``Change``): a missing or non-technical profile.
    """
    mins = _number(q.minutes, "minutes")
    radius = minutes_to_km(mins) if mins is not None else (_number(q.km, "km") or 5.0)
    kind = (q.change or "stop").strip().lower()
    if kind not in CHANGES:
        raise InputError(
            Message("expected stop, close or add; found {change!r}", change=q.change),
            column="change",
        )
    code = (q.location or "").strip().upper()
    profile = None if kind == "close" else (q.profile or "").strip().upper() or default_profile
    if not code:
        return None, radius
    if len(code) > 12 or not code.isalnum():
        raise InputError(
            Message(
                "expected a location code like 17YF00; found {location!r}", location=q.location
            ),
            column="location",
        )
    return Change(kind, code, profile), radius  # type: ignore[arg-type]


def check_year(ctx: Ctx, text: str | None) -> int:
    """The year asked for when its enrollment is loaded, else the newest loaded one.

    Raises:
        InputError: a year without loaded vmbo enrollment (``WebState.loaded_year``);
        ScenarioDataError: no enrollment at all.
    """
    asked = parse_year(text)
    if asked is None:
        return newest_year(ctx.wh)
    year = ctx.state.loaded_year(asked)
    assert year is not None  # a year was asked for: it is loaded or refused
    return year


def access_doc(ctx: Ctx, q: AccessQuery) -> dict[str, Any]:
    """The check (when a location is given) and the region's access table."""
    reg = ctx.region(q.region)
    year = check_year(ctx, q.year)
    change, radius = parse_change(q, TECHNICAL[0])
    check = None
    if change is not None:
        check = access_change(ctx.wh, change, year=year, km=radius, catalog=ctx.catalog)
    kind = (q.change or "stop").strip().lower()
    profile = "" if kind == "close" else (q.profile or "").strip().upper() or TECHNICAL[0]
    rows = access_table(ctx.wh, reg, year=year)
    return {
        "ok": True,
        "region": reg.code,
        "year": year,
        "check": None if check is None else check.to_dict(),
        "access_table": {
            "minutes": 60.0,
            "km": minutes_to_km(60.0),
            "rows": [
                {
                    "profile": r.profile,
                    "children": r.children,
                    "within": r.within,
                    "share": r.share,
                }
                for r in rows
            ],
        },
        "form": {
            "location": (q.location or "").strip().upper(),
            "change": kind,
            "profile": profile,
            "km": radius,
            "minutes": _number(q.minutes, "minutes"),
        },
    }


def map_context(ctx: Ctx, region: str, check: dict[str, Any], year: int) -> dict[str, Any]:
    """Page-only context of the map: the region's PC4 areas with children 10-14 and the
    locations offering the checked profile(s) after the change, as lon/lat."""
    reg = ctx.region(region)
    _pop, pcs = young_residents(ctx.wh, year)
    mine = [p for p in pcs if reg.contains(p.gemeente_code, p.pc4)]
    lon, lat = rd_to_wgs84([p.x for p in mine], [p.y for p in mine])
    ch = check["change"]
    profiles = sorted({a["profile"] for a in check["areas"]} or {ch["profile"] or "PIE"})
    offer = [
        (c, x, y)
        for c, x, y in offer_locations(ctx.wh, year, profiles)
        if not (c == ch["location"] and ch["kind"] != "add")
    ]
    olon, olat = rd_to_wgs84([x for _c, x, _y in offer], [y for _c, _x, y in offer])
    return {
        "pc4": [(float(a), float(b), p.pc4) for a, b, p in zip(lon, lat, mine, strict=True)],
        "offer": [
            (float(a), float(b), c) for a, b, (c, _x, _y) in zip(olon, olat, offer, strict=True)
        ],
    }


def _circle(lon: float, lat: float, km: float) -> tuple[list[float], list[float]]:
    """A circle of ``km`` around (lon, lat), in degrees (local flat-earth approximation)."""
    steps = [2 * math.pi * k / 72 for k in range(73)]
    dlat = km / 111.32
    dlon = km / (111.32 * math.cos(math.radians(lat)))
    return [lon + dlon * math.cos(a) for a in steps], [lat + dlat * math.sin(a) for a in steps]


def access_map(
    check: dict[str, Any], lang: str, context: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """A plotly spec: the areas that lose or gain (sized by children) and the location, over
    the region's PC4 areas and the other locations offering the profile (``context``), with
    the radius drawn around the location."""
    data: list[dict[str, Any]] = []
    ctx_pts = context or {"pc4": [], "offer": []}
    lonlat = (check.get("location_lon"), check.get("location_lat"))
    bounds = [(a, b) for a, b, _n in ctx_pts["pc4"]]
    bounds += [(a["lon"], a["lat"]) for a in check["areas"] if a["lon"] is not None]
    if lonlat[0] is not None:
        bounds.append(lonlat)
    if bounds:
        lo_x, hi_x = min(b[0] for b in bounds), max(b[0] for b in bounds)
        lo_y, hi_y = min(b[1] for b in bounds), max(b[1] for b in bounds)
        pad_x, pad_y = 0.05 * (hi_x - lo_x) + 0.01, 0.05 * (hi_y - lo_y) + 0.01
        near = [
            o
            for o in ctx_pts["offer"]
            if lo_x - pad_x <= o[0] <= hi_x + pad_x and lo_y - pad_y <= o[1] <= hi_y + pad_y
        ]
    else:
        near = []
    for kind, pts in (("pc4", ctx_pts["pc4"]), ("offer", near)):
        if pts:
            width = 1.5 if kind == "offer" else 0
            data.append(_markers(kind, lang, pts, 5 if kind == "pc4" else 10, width))
    if lonlat[0] is not None and lonlat[1] is not None:
        cx, cy = _circle(float(lonlat[0]), float(lonlat[1]), float(check["km"]))
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": t(lang, "{km} km rond de locatie", km=fmt.number(check["km"], lang, 1)),
                "x": cx,
                "y": cy,
                "hoverinfo": "skip",
                "line": {"color": "#1a1a1a", "dash": "dot", "width": 1.5},
            }
        )
    for kind in ("lose", "gain"):
        areas = [a for a in check["areas"] if a["change"] == kind and a["lon"] is not None]
        texts = [
            f"{a['pc4']} {a['gemeente'] or ''}: {fmt.count(a['children'], lang)} ({a['profile']})"
            for a in areas
        ]
        pts = [(a["lon"], a["lat"], text) for a, text in zip(areas, texts, strict=True)]
        sizes = [8 + 2 * math.sqrt(a["children"]) / 5 for a in areas]
        if pts:
            data.append(_markers(kind, lang, pts, sizes, 1, "#ffffff"))
    if lonlat[0] is not None:
        point = [(lonlat[0], lonlat[1], check["change"]["location"])]
        data.append(_markers("location", lang, point, 16, None))
    if not check["areas"]:
        return None
    return charts.plain_map(data, height=420)


def _markers(
    kind: str,
    lang: str,
    pts: Sequence[tuple[Any, Any, str]],
    size: float | list[float],
    width: float | None,
    line_colour: str | None = None,
) -> dict[str, Any]:
    """A trace of ``pts`` (lon, lat, hover text) in the style of ``kind``."""
    key, colour, symbol = _STYLE[kind]
    marker: dict[str, Any] = {"color": colour, "symbol": symbol, "size": size}
    if width is not None:
        marker["line"] = {"width": width, "color": line_colour or colour}
    return {
        "type": "scatter",
        "mode": "markers",
        "name": t(lang, key),
        "x": [p[0] for p in pts],
        "y": [p[1] for p in pts],
        "text": [p[2] for p in pts],
        "hoverinfo": "text",
        "marker": marker,
    }


def _km(v: float | None, lang: str) -> str:
    return "–" if v is None else fmt.number(v, lang, 1)


def page_view(
    doc: dict[str, Any], lang: str, region_name: str, context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Sentences and table rows of the page, formatted for ``lang``."""
    table = doc["access_table"]
    out: dict[str, Any] = {
        "table_caption": t(
            lang,
            "{region}: kinderen 10-14 binnen een uur fietsen (ongeveer {km} km hemelsbreed) "
            "van een locatie met het profiel (gegevens {year})",
            region=region_name,
            km=fmt.number(table["km"], lang, 1),
            year=doc["year"],
        ),
        "table": [
            {
                "profile": fmt.category("profile", r["profile"], lang),
                "children": fmt.count(r["children"], lang),
                "within": fmt.count(r["within"], lang),
                "share": "–" if r["share"] is None else fmt.number(r["share"], lang, 1) + "%",
            }
            for r in table["rows"]
        ],
        "assumptions": t(
            lang,
            "Afstanden hemelsbreed tussen de middelpunten van postcodegebieden (CBS); "
            "fietsminuten = km x {detour} (omrijfactor) / {speed} km/u x 60. Elke locatie in "
            "Nederland met het profiel telt mee, ook over de regiogrens.",
            detour=fmt.number(DETOUR, lang, 1),
            speed=fmt.number(SPEED_KMH, lang, 0),
        ),
        "result": None,
        "gemeenten": [],
        "areas": [],
        "map": None,
    }
    check = doc["check"]
    if check is None:
        return out
    ch = check["change"]
    label = t(
        lang,
        _CHANGE_SENTENCES[ch["kind"]],
        location=ch["location"],
        profile=fmt.category("profile", ch["profile"], lang) if ch["profile"] else "",
    )
    tot = check["totals"]
    out["result"] = t(
        lang,
        "{label}: {lose_pc4} postcodegebieden met {lose} kinderen van 10-14 verliezen een"
        " technisch profiel binnen {km} km (ongeveer {minutes} minuten fietsen); "
        "{gain_pc4} gebieden met {gain} kinderen krijgen er een.",
        label=label,
        lose_pc4=fmt.count(tot["areas_lose"], lang),
        lose=fmt.count(tot["children_lose_areas"], lang),
        gain_pc4=fmt.count(tot["areas_gain"], lang),
        gain=fmt.count(tot["children_gain_areas"], lang),
        km=fmt.number(check["km"], lang, 1),
        minutes=fmt.number(check["minutes"], lang, 0),
    )
    out["gemeenten"] = [
        {
            "gemeente": g["gemeente"] or g["gemeente_code"] or "–",
            "profile": fmt.category("profile", g["profile"], lang),
            "change": t(lang, _DIRECTIONS[g["change"]]),
            "kind": g["change"],
            "pc4": fmt.count(g["pc4"], lang),
            "children": fmt.count(g["children"], lang),
        }
        for g in check["by_gemeente"]
    ]
    out["areas"] = [
        {
            "pc4": a["pc4"],
            "gemeente": a["gemeente"] or a["gemeente_code"] or "–",
            "profile": fmt.category("profile", a["profile"], lang),
            "change": t(lang, _DIRECTIONS[a["change"]]),
            "kind": a["change"],
            "children": fmt.count(a["children"], lang),
            "km": f"{_km(a['km_before'], lang)} → {_km(a['km_after'], lang)}",
            "minutes": f"{_km(a['minutes_before'], lang)} → {_km(a['minutes_after'], lang)}",
        }
        for a in check["areas"]
    ]
    out["map"] = access_map(check, lang, context)
    return out


def access_context(ctx: Ctx, q: AccessQuery, doc: dict[str, Any]) -> dict[str, Any]:
    """The template context of the access-check page."""
    lang = ctx.lang
    name = ctx.catalog.get(doc["region"]).label(lang)
    context = page_context(
        ctx,
        title=t(lang, "Bereikbaarheidscheck: wie verliest of krijgt een technisch profiel"),
        nav="/optimaliseren",
        region=doc["region"],
        keep=("location", "change", "profile", "km", "minutes", "year"),
    )
    check = doc["check"]
    form = doc["form"]
    context.update(
        {
            "doc": doc,
            "view": page_view(
                doc,
                lang,
                name,
                None if check is None else map_context(ctx, doc["region"], check, doc["year"]),
            ),
            "region_name": name,
            "changes": [{"value": c, "label": t(lang, _CHANGE_LABELS[c])} for c in CHANGES],
            "profiles": [
                {"value": p, "label": fmt.category("profile", p, lang)} for p in TECHNICAL
            ],
            "form": {
                "location": form["location"],
                "change": form["change"],
                "profile": form["profile"],
                "km": q.km or "5",
                "minutes": q.minutes or "",
                "year": str(doc["year"]) if q.year and q.year.strip() else "",
            },
        }
    )
    return context


PAGE = Page(
    path="/bereikbaarheid",
    template="access_check.html",
    params=AccessQuery,
    view=access_doc,
    context=access_context,
    summary="Access check and regional access table (JSON twin of /bereikbaarheid)",
    description="The check (``check``, as ``/api/v1/access-check``) and ``access_table``.",
)
router = PAGE.router()


async def _check_api(ctx: Ctx, q: AccessQuery) -> Response:
    """The check alone: the document of ``kansrijk access-check --json`` (the areas within
    ``region`` when one is given, else every area)."""

    def build() -> dict[str, Any]:
        change, radius = parse_change(q, None)
        if change is None:
            raise InputError(
                Message("expected a location code like 17YF00; found {location!r}", location=""),
                column="location",
            )
        reg = ctx.region(q.region) if q.region else None
        year = check_year(ctx, q.year)
        check = access_change(ctx.wh, change, year=year, km=radius, catalog=ctx.catalog, region=reg)
        return check.to_dict()

    return await cached_json(ctx, build)


router.add_api_route(
    "/api/v1/access-check",
    PAGE.endpoint("access_check_api", _check_api),
    methods=["GET"],
    summary="PC4 areas and children 10-14 that lose or gain a technical profile within X km",
    description="The document of ``kansrijk access-check --json``.",
    tags=["api v1"],
)
