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
from kansrijk.indicators.access import offer_locations
from kansrijk.l10n.monitor import N_, t
from kansrijk.optimise import TECHNICAL
from kansrijk.optimise.access_check import (
    DETOUR,
    SPEED_KMH,
    AccessCheck,
    AccessRow,
    Change,
    access_change,
    access_table,
    minutes_to_km,
    radius_km,
)
from kansrijk.optimise.tables import (
    access_book,
    access_rows_table,
    area_table,
    gemeente_table,
)
from kansrijk.scenarios.runner import newest_year
from kansrijk.tables import CHANGE_WORDS, Book, Style
from kansrijk.web import format as fmt
from kansrijk.web import map_spec
from kansrijk.web.deps import Ctx
from kansrijk.web.map_spec import RegionBase, TileSource, fit, region_base, settings_tiles
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year
from kansrijk.web.render import cached_json, page_context
from kansrijk.web.routes.api import locations_for_year


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
#: A missing figure.
NONE = "–"
#: The change kinds (form), their sentence, and the two directions of a change (as words).
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
_DIRECTIONS = CHANGE_WORDS


def _number(text: str | None, name: str) -> float | None:
    """The field as a number (its bounds are the domain's: ``radius_km``)."""
    if text is None or not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            Message("expected a number; found {text!r}", text=text), column=name
        ) from None


def parse_change(q: AccessQuery, default_profile: str | None) -> tuple[Change | None, float]:
    """The query's change (None without a location) and radius in km (minutes win).

    Raises:
        InputError: an unknown change, a malformed location code; OptimiseError (from
        ``radius_km`` and ``Change``): a radius out of bounds, a missing or non-technical
        profile.
    """
    radius = radius_km(_number(q.km, "km"), _number(q.minutes, "minutes"))
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


@dataclass(frozen=True, slots=True)
class AccessView:
    """The page's data: the check (when a location is given), the region's access table and
    the form as understood; ``to_dict`` is the JSON twin."""

    region: str
    year: int
    check: AccessCheck | None
    rows: Sequence[AccessRow]
    form: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": True,
            "region": self.region,
            "year": self.year,
            "check": None if self.check is None else self.check.to_dict(),
            "access_table": {
                "minutes": 60.0,
                "km": minutes_to_km(60.0),
                "rows": list(access_rows_table(self.rows).rows),
            },
            "form": self.form,
        }


def access_view(ctx: Ctx, q: AccessQuery) -> AccessView:
    """The check (when a location is given) and the region's access table."""
    reg = ctx.region(q.region)
    year = check_year(ctx, q.year)
    change, radius = parse_change(q, TECHNICAL[0])
    check = None
    if change is not None:
        check = access_change(ctx.wh, change, year=year, km=radius, catalog=ctx.catalog)
    kind = (q.change or "stop").strip().lower()
    profile = "" if kind == "close" else (q.profile or "").strip().upper() or TECHNICAL[0]
    form = {
        "location": (q.location or "").strip().upper(),
        "change": kind,
        "profile": profile,
        "km": radius,
        "minutes": _number(q.minutes, "minutes"),
    }
    return AccessView(reg.code, year, check, access_table(ctx.wh, reg, year=year), form)


#: Marker styles of the map: (legend text, colour, shape); Okabe-Ito colours and a shape
#: each, so colour is never the only cue. Drawn in this order (the location on top).
STYLE: dict[str, tuple[str, str, str]] = {
    "offer": (N_("Andere locaties met het profiel (na de wijziging)"), "#5a5a5a", "diamond"),
    "gain": (N_("Krijgt het profiel binnen de afstand"), "#0072B2", "circle"),
    "lose": (N_("Verliest het profiel binnen de afstand"), "#D55E00", "x"),
    "location": (N_("De gewijzigde locatie"), "#1a1a1a", "star"),
}
RING_COLOUR = "#1a1a1a"


def offer_points(ctx: Ctx, check: dict[str, Any], year: int) -> list[tuple[float, float, str]]:
    """(lon, lat, title) of the locations offering the checked profile(s) after the change
    (the changed location itself only when it adds the profile)."""
    ch = check["change"]
    profiles = sorted({a["profile"] for a in check["areas"]} or {ch["profile"] or "PIE"})
    offer = [
        (c, x, y)
        for c, x, y in offer_locations(ctx.wh, year, profiles)
        if not (c == ch["location"] and ch["kind"] != "add")
    ]
    names = {x.loc_code: x.name for x in locations_for_year(ctx, year)}
    lon, lat = rd_to_wgs84([x for _c, x, _y in offer], [y for _c, _x, y in offer])
    return [
        (float(a), float(b), f"{names.get(c, c)} ({c})")
        for a, b, (c, _x, _y) in zip(lon, lat, offer, strict=True)
    ]


def area_markers(
    check: dict[str, Any], lang: str
) -> dict[str, list[tuple[float, float, float, str]]]:
    """Per direction (lose, gain) one marker a PC4 area: (lon, lat, children, title); the
    title says the area, its gemeente, its children 10-14 and the profiles it loses or
    gains."""
    out: dict[str, list[tuple[float, float, float, str]]] = {"lose": [], "gain": []}
    seen: dict[tuple[str, str], list[Any]] = {}
    for a in check["areas"]:
        if a["lon"] is None or a["lat"] is None:
            continue
        key = (a["change"], a["pc4"])
        if key in seen:
            seen[key][3].append(a["profile"])
        else:
            seen[key] = [a["lon"], a["lat"], a, [a["profile"]]]
    for (kind, pc4), (lon, lat, a, profiles) in seen.items():
        title = t(
            lang,
            "{pc4} {gemeente}: {children} kinderen 10-14, {direction} {profiles}",
            pc4=pc4,
            gemeente=a["gemeente"] or a["gemeente_code"] or "",
            children=fmt.count(a["children"], lang),
            direction=t(lang, _DIRECTIONS[kind]),
            profiles=", ".join(sorted(profiles)),
        )
        out[kind].append((float(lon), float(lat), float(a["children"]), title))
    return out


def _size(children: float, largest: float) -> float:
    """Marker size in px: area proportional to the children, 9 to 24 px."""
    if largest <= 0 or children <= 0:
        return 9.0
    return round(9.0 + 15.0 * math.sqrt(children / largest), 1)


def access_map(
    check: dict[str, Any],
    lang: str,
    base: RegionBase,
    tiles: TileSource | None,
    offers: Sequence[tuple[float, float, str]] = (),
) -> dict[str, Any] | None:
    """The map spec (map_spec): the PC4 areas that lose or gain (sized by children) and
    the changed location with the radius around it, over the other locations offering the
    profile (``offers``, those near the areas), on the region's base; zoomed to the region
    and everything the check marks. None when no area loses or gains."""
    if not check["areas"]:
        return None
    marks = area_markers(check, lang)
    largest = max((m[2] for rows in marks.values() for m in rows), default=0.0)
    here = (check.get("location_lon"), check.get("location_lat"))
    km = float(check["km"])
    seen = [(m[0], m[1]) for rows in marks.values() for m in rows]
    if here[0] is not None and here[1] is not None:
        lon, lat = float(here[0]), float(here[1])
        dlat = km / 111.32
        dlon = km / (111.32 * math.cos(math.radians(lat)))
        seen += [(lon - dlon, lat - dlat), (lon + dlon, lat + dlat)]
    box = fit(base.extent, seen)
    layers = [
        map_spec.symbols(
            "offer",
            [
                (x, y, 12.0, title)
                for x, y, title in offers
                if box[0] <= x <= box[2] and box[1] <= y <= box[3]
            ],
            colour=STYLE["offer"][1],
            shape=STYLE["offer"][2],
        )
    ]
    if here[0] is not None and here[1] is not None:
        layers.append(
            {
                "id": "radius",
                "kind": "rings",
                "visible": True,
                "points": [[float(here[1]), float(here[0]), km * 1000.0, RING_COLOUR]],
            }
        )
    for kind in ("gain", "lose"):
        rows = [(x, y, _size(n, largest), title) for x, y, n, title in marks[kind]]
        layers.append(map_spec.symbols(kind, rows, colour=STYLE[kind][1], shape=STYLE[kind][2]))
    if here[0] is not None and here[1] is not None:
        title = t(lang, STYLE["location"][0]) + ": " + check["change"]["location"]
        layers.append(
            map_spec.symbols(
                "location",
                [(float(here[0]), float(here[1]), 22.0, title)],
                colour=STYLE["location"][1],
                shape=STYLE["location"][2],
            )
        )
    return map_spec.spec(
        tiles=tiles, base=base, layers=layers, texts=map_spec.texts(lang), bounds=box
    )


def map_legend(check: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """The legend under the map (HTML): a marker kind a line and the radius (the region's
    outline: ``map_macros.map_figure``)."""
    kinds = {a["change"] for a in check["areas"]}
    out = [
        {"key": k, "shape": STYLE[k][2], "colour": STYLE[k][1], "label": t(lang, STYLE[k][0])}
        for k in ("lose", "gain", "location", "offer")
        if k in kinds or k in ("location", "offer")
    ]
    out.append(
        {
            "key": "radius",
            "shape": "ring",
            "colour": RING_COLOUR,
            "label": t(lang, "{km} km rond de locatie", km=fmt.number(check["km"], lang, 1)),
        }
    )
    return out


def page_view(view: AccessView, lang: str, region_name: str) -> dict[str, Any]:
    """Sentences and table rows of the page (``optimise.tables``), formatted for ``lang``."""
    reach = access_rows_table(view.rows)
    style = Style(lang)
    names = {"profile": lambda code: fmt.category("profile", code, lang)}
    out: dict[str, Any] = {
        "table_caption": t(
            lang,
            "{region}: kinderen 10-14 binnen een uur fietsen (ongeveer {km} km hemelsbreed) "
            "van een locatie met het profiel (gegevens {year})",
            region=region_name,
            km=fmt.number(minutes_to_km(60.0), lang, 1),
            year=view.year,
        ),
        "table": reach.texts(style, names=names, empty=NONE),
        "table_heads": reach.heads(lang),
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
    }
    check = view.check
    if check is None:
        return out
    ch = check.change
    label = t(
        lang,
        _CHANGE_SENTENCES[ch.kind],
        location=ch.location,
        profile=fmt.category("profile", ch.profile, lang) if ch.profile else "",
    )
    tot = check.totals()
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
        km=fmt.number(check.km, lang, 1),
        minutes=fmt.number(check.minutes, lang, 0),
    )
    gem, areas = gemeente_table(check), area_table(check)
    out["gemeenten"] = [
        r | {"kind": g["change"]}
        for g, r in zip(gem.rows, gem.texts(style, names=names, empty=NONE), strict=True)
    ]
    out["gemeente_heads"] = gem.heads(lang)
    out["areas"] = [
        r | {"kind": a["change"]}
        for a, r in zip(areas.rows, areas.texts(style, names=names, empty=NONE), strict=True)
    ]
    out["area_heads"] = areas.heads(lang)
    return out


def access_context(ctx: Ctx, q: AccessQuery, view: AccessView) -> dict[str, Any]:
    """The template context of the access-check page."""
    lang = ctx.lang
    name = ctx.catalog.get(view.region).label(lang)
    context = page_context(
        ctx,
        title=t(lang, "Bereikbaarheidscheck: wie verliest of krijgt een technisch profiel"),
        nav="/optimaliseren",
        region=view.region,
        keep=("location", "change", "profile", "km", "minutes", "year"),
    )
    check = None if view.check is None else view.check.to_dict()
    form = view.form
    context.update(
        {
            "doc": {"region": view.region},
            "view": page_view(view, lang, name),
            "acc_map": None,
            "acc_legend": [],
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
                "year": str(view.year) if q.year and q.year.strip() else "",
            },
        }
    )
    if check is not None and check["areas"]:
        base = region_base(ctx, ctx.region(view.region))
        offers = offer_points(ctx, check, view.year)
        context["acc_map"] = access_map(check, lang, base, settings_tiles(ctx), offers)
        context["acc_legend"] = map_legend(check, lang)
    return context


def access_book_of(_ctx: Ctx, _q: AccessQuery, view: AccessView) -> Book:
    """The check's tables and the region's access table as files (CSV: the areas, or the
    access table without a check)."""
    name = f"kansrijk-bereikbaarheid-{view.region}"
    if view.check is not None:
        name += f"-{view.check.change.location}"
    return access_book(name, view.check, view.rows)


PAGE = Page(
    path="/bereikbaarheid",
    template="access_check.html",
    params=AccessQuery,
    view=access_view,
    context=access_context,
    table=access_book_of,
    data=AccessView.to_dict,
    summary="Access check and regional access table (JSON twin of /bereikbaarheid)",
    description="The check (``check``, as ``/api/v1/access-check``) and ``access_table``.",
    table_summary="The access check's tables (areas first)",
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
