"""``/location/{loc_code}``: one school location — name, address, gemeente, board; its pupils
per profile, leerweg and year (technical profiles marked, small counts suppressed); a chart
of pupils per profile; and, for each technical profile it lacks, the nearest locations that
offer it. Twin ``/location/{loc_code}.json`` (``/api/v1/locations/{loc_code}`` has the
location's facts and history too)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kansrijk.geo import nearest_offering
from kansrijk.indicators.breaks import OLD_AFDELINGEN, breaks_at
from kansrijk.indicators.definition import Break
from kansrijk.indicators.events import ProfileEvents, profile_events
from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.regions import Level
from kansrijk.sources.duo_names import place_name, postcode_text
from kansrijk.tables import Records
from kansrijk.vocab import (
    ICT_PROFILES,
    TECH_ICT_PROFILES,
    TECHNIEK_PROFILES,
    Profile,
    offer_category,
    tech_profiles,
)
from kansrijk.warehouse.locations import (
    Cell,
    location_cells,
    location_details,
    location_years,
    pc4_rd,
)
from kansrijk.web import charts
from kansrijk.web import format as fmt
from kansrijk.web.atlas_map import CATEGORY_STYLE
from kansrijk.web.charts import CONFIG, FONT
from kansrijk.web.deps import Ctx
from kansrijk.web.errors import location_not_in_year, unknown_location
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year
from kansrijk.web.render import page_context
from kansrijk.web.routes.api import locations_for_year
from kansrijk.web.trend_view import break_footnote


@dataclass(frozen=True, slots=True)
class LocationQuery:
    """The location page's parameters: the location (in the path) and the year."""

    loc_code: str = field(metadata=doc("Location code: BRIN + vestiging, e.g. 18BR00."))
    year: str | None = field(default=None, metadata=doc("Year (default: the location's newest)."))


_ORDER = {p.value: i for i, p in enumerate(Profile)}
_TRACK_ORDER = {"vmbo_bb": 0, "vmbo_kb": 1, "vmbo_gl": 2}
#: Bar colours of the profile chart: technical profiles dark blue, others grey (>= 3:1).
TECH_COLOUR = "#154273"
OTHER_COLOUR = "#8c8c8c"


def technical(profile: str) -> str | None:
    """``techniek`` (BWI, PIE, MT, MAT), ``ict`` (MVI) or None."""
    if profile in TECHNIEK_PROFILES:
        return "techniek"
    return "ict" if profile in ICT_PROFILES else None


def _profile_key(cat: str) -> tuple[int, str]:
    return (_ORDER.get(cat, len(_ORDER)), cat)


def cell_display(pupils: int, masked: int, lang: str) -> str:
    """Pupils for people: '<5' when the source masked every cell, 'onderdrukt (1-4)' for 1-4
    pupils, '23 (+<5)' when masked cells come on top."""
    if pupils == 0 and masked:
        return t(lang, "<5")
    if 0 < pupils < 5:
        return t(lang, "onderdrukt (1-4)")
    n = fmt.count(pupils, lang)
    return t(lang, "{n} (+<5)", n=n) if masked else n


def _cell_json(pupils: int, masked: int, lang: str) -> dict[str, Any]:
    suppressed = 0 < pupils < 5
    return {
        "pupils": None if suppressed else pupils,
        "masked_cells": masked,
        "suppressed": suppressed,
        "display": cell_display(pupils, masked, lang),
    }


def _label(cat: str, lang: str) -> str:
    return fmt.category("profile", cat, lang)


def _profiles(cells: list[Cell], year: int, lang: str) -> list[dict[str, Any]]:
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tracks: dict[str, set[str]] = defaultdict(set)
    for c in cells:
        if c.year == year:
            acc[c.category][0] += c.pupils
            acc[c.category][1] += c.masked_cells
            tracks[c.category].add(c.track)
    return [
        {
            "profile": cat,
            "label": _label(cat, lang),
            "technical": technical(cat),
            "tracks": sorted(tracks[cat], key=lambda x: _TRACK_ORDER.get(x, 9)),
            **_cell_json(n, m, lang),
        }
        for cat, (n, m) in sorted(acc.items(), key=lambda kv: _profile_key(kv[0]))
    ]


def _history(cells: list[Cell], lang: str) -> dict[str, Any]:
    years = sorted({c.year for c in cells})
    by_key: dict[tuple[str, str], dict[int, Cell]] = defaultdict(dict)
    for c in cells:
        by_key[(c.category, c.track)][c.year] = c
    rows = []
    for (cat, track), per_year in sorted(
        by_key.items(), key=lambda kv: (_profile_key(kv[0][0]), _TRACK_ORDER.get(kv[0][1], 9))
    ):
        rows.append(
            {
                "profile": cat,
                "label": _label(cat, lang),
                "technical": technical(cat),
                "track": track,
                "track_label": fmt.category("track", track, lang),
                "track_short": track.rsplit("_", 1)[-1].upper(),
                "cells": [
                    {"year": y, **_cell_json(per_year[y].pupils, per_year[y].masked_cells, lang)}
                    if y in per_year
                    else {
                        "year": y,
                        "pupils": 0,
                        "masked_cells": 0,
                        "suppressed": False,
                        "display": "–",
                    }
                    for y in years
                ],
            }
        )
    return {"years": years, "rows": rows}


def _nearest(
    ctx: Ctx, code: str, pc4: str | None, offered: tuple[str, ...], year: int
) -> dict[str, Any]:
    lang = ctx.lang
    missing = [p for p in TECH_ICT_PROFILES if p not in offered]
    rd: dict[str, tuple[float, float]] = ctx.state.views.get_or_make(
        ("pc4-rd",), lambda: pc4_rd(ctx.wh)
    )
    origin = rd.get(pc4) if pc4 else None
    locs = locations_for_year(ctx, year)
    groups = []
    for p in missing:
        near = nearest_offering(origin, p, locs, rd, exclude=code) if origin else []
        groups.append(
            {
                "profile": p,
                "label": _label(p, lang),
                "technical": technical(p),
                "locations": [
                    {
                        "loc_code": x.loc_code,
                        "name": x.name,
                        "gemeente_name": x.gemeente_name,
                        "km": round(x.km, 3),
                        "km_display": fmt.number(x.km, lang, 1) + " km",
                        "url": f"/location/{x.loc_code}",
                    }
                    for x in near
                ],
            }
        )
    return {
        "has_coordinates": origin is not None,
        "coordinates": "centroid of the PC4 area, RD New; straight-line distance",
        "missing_profiles": missing,
        "profiles": groups,
    }


def _pupil_trend(ctx: Ctx, name: str, cells: list[Cell]) -> dict[str, Any]:
    """Pupils of the location per year, all and in a technical profile (incl. ICT), as a
    chart with its table; a break in the profile definitions (old afdelingen) is a gap."""
    lang = ctx.lang
    years = sorted({c.year for c in cells})
    total = {y: sum(c.pupils for c in cells if c.year == y) for y in years}
    tech = {
        y: sum(c.pupils for c in cells if c.year == y and c.category in TECH_ICT_PROFILES)
        for y in years
    }
    marks: dict[int, list[Break]] = {}
    prev: int | None = None
    for y in years:
        marks[y] = list(breaks_at((OLD_AFDELINGEN,), prev, y, {}))
        prev = y
    gaps = [y for y in years if marks[y]]
    shown = [b for y in years for b in marks[y]]
    label_all = t(lang, "alle leerlingen")
    label_tech = t(lang, "in een technisch profiel (incl. ICT)")
    chart = charts.trend_chart(
        [
            (label_all, [(y, float(total[y])) for y in years], gaps),
            (label_tech, [(y, float(tech[y])) for y in years], gaps),
        ],
        lang=lang,
        unit="count",
        x_title=t(lang, "Schooljaar"),
        y_title=t(lang, "Aantal"),
        # every year of the axis, loaded or not (2017 between 2016 and 2019 reads 2017/18)
        tick_text={y: fmt.school_year(y) for y in range(years[0], years[-1] + 1)} if years else {},
        breaks=[(b.year, t(lang, "breuk in de reeks")) for b in shown],
    )
    return {
        "id": "location-trend",
        "label": t(lang, "Leerlingen in technische profielen per jaar"),
        "caption": t(lang, "{name}: leerlingen (BB/KB/GL, leerjaar 3-4) per schooljaar", name=name),
        "years": years,
        "series_names": [label_all, label_tech],
        "rows": [
            {
                "year": y,
                "school_year": fmt.school_year(y),
                "cells": [
                    {"display": fmt.count(total[y], lang), "change": "", "marks": []},
                    {
                        "display": fmt.count(tech[y], lang),
                        "change": "",
                        "marks": [1] if marks[y] else [],
                    },
                ],
            }
            for y in years
        ],
        "footnotes": [break_footnote(lang, 1, b) for b in shown[:1]],
        "targets": [],
        "published": [],
        "profile_set": "techniek_ict",
        "profile_set_label": "",
        "indicator": "",
        "chart": chart if years else None,
        "points": [{"year": y, "pupils": total[y], "tech_pupils": tech[y]} for y in years],
    }


def _events(ctx: Ctx, code: str, gm: str | None) -> list[dict[str, Any]]:
    """The profiles this location started and stopped (every profile), newest first."""
    region = gm if gm and gm in ctx.catalog else "NL00"
    ev: ProfileEvents = ctx.state.views.get_or_make(
        ("events", region, None, None, None),
        lambda: profile_events(ctx.wh, ctx.catalog, region, profile_set=None),
    )
    return [
        e.to_json()
        | {
            "profile_label": fmt.category("profile", e.profile, ctx.lang),
            "kind_label": choice_label(ctx.lang, "events", e.kind),
        }
        for e in ev.events
        if e.loc_code == code
    ]


def location_view(ctx: Ctx, loc_code: str, year_text: str | None) -> dict[str, Any]:
    """The data of the location page (and of ``/location/{loc_code}.json``)."""
    lang = ctx.lang
    code = loc_code.strip().upper()
    years = location_years(ctx.wh, code)
    details = location_details(ctx.wh, code) if years else None
    if not years or details is None:
        raise unknown_location(loc_code)
    year = parse_year(year_text) or years[-1]
    if year not in years:
        raise location_not_in_year(code, year, years)
    loc = next((x for x in locations_for_year(ctx, year) if x.loc_code == code), None)
    offered = loc.profiles if loc else ()
    tech = tech_profiles(offered)
    category = offer_category(offered)
    cells = location_cells(ctx.wh, code)
    gm = details["gemeente_code"]
    gemeente_name = None
    if gm and gm in ctx.catalog:
        gemeente_name = ctx.catalog.get(gm).name
    pc4 = loc.pc4 if loc else details["pc4"]
    parents = [p.code for p in ctx.catalog.parents_of(gm, pc4)] if gm and gm in ctx.catalog else []
    atlas_region = (
        ctx.default_region
        if ctx.default_region in parents
        else next((p for p in parents if ctx.catalog.get(p).level is Level.CUSTOM), gm)
    )
    return {
        "ok": True,
        "lang": lang,
        "demo": ctx.state.demo,
        "loc_code": code,
        "brin": code[:4],
        "name": details["name"],
        "address": {
            "street": details["street"],
            "house_number": details["house_number"],
            "postcode": details["postcode"],
            "place": details["place"],
        },
        "pc4": details["pc4"],
        "gemeente_code": gm,
        "gemeente_name": gemeente_name,
        "board": details["board"],
        "denomination": details["denomination"],
        "structure": details["structure"],
        "details_year": details["source_year"],
        "regions": parents,
        "atlas_region": atlas_region,
        "year": year,
        "years": years,
        "population": "vmbo BB/KB/GL pupils in leerjaar 3-4",
        "pupils": loc.pupils if loc else 0,
        "masked_cells": loc.masked_cells if loc else 0,
        "profiles_offered": list(offered),
        "tech_profiles": list(tech),
        "category": category,
        "category_label": choice_label(lang, "atlas_cat", category),
        "profiles": _profiles(cells, year, lang),
        "history": _history(cells, lang),
        "pupil_trend": _pupil_trend(ctx, details["name"], cells),
        "events": _events(ctx, code, gm),
        "nearest": _nearest(ctx, code, details["pc4"], offered, year),
    }


def profile_chart(profiles: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Horizontal bars of pupils per profile, labelled by code (the table beside it has the
    names); technical profiles dark blue *and* marked ⚙ in their label (suppressed and
    masked profiles have no bar; the table says why)."""
    labels = [
        ("⚙ " if p["technical"] else "") + p["profile"].replace("route:", "route ")
        for p in profiles
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": [p["pupils"] for p in profiles],
                "marker": {
                    "color": [TECH_COLOUR if p["technical"] else OTHER_COLOUR for p in profiles]
                },
                "customdata": [p["label"] for p in profiles],
                "hovertemplate": "%{customdata}: %{x}<extra></extra>",
            }
        ],
        "layout": {
            "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
            "separators": ",." if lang == "nl" else ".,",
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "height": max(200, 30 * len(profiles) + 70),
            "margin": {"l": 16, "r": 24, "t": 8, "b": 40},
            "showlegend": False,
            "xaxis": {"rangemode": "tozero", "gridcolor": "#e6e6e6"},
            "yaxis": {"autorange": "reversed", "automargin": True},
        },
        "config": CONFIG,
    }


#: The columns of the CSV/XLSX: one row per year x profile x leerweg, as the history table.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("loc_code", N_("Locatie")),
    ("year", N_("Jaar")),
    ("profile", N_("Profiel")),
    ("technical", N_("Technisch")),
    ("track", N_("Leerweg")),
    ("pupils", N_("Leerlingen")),
    ("suppressed", N_("Onderdrukt (1-4)")),
    ("masked_cells", N_("Afgeschermde cellen (<5)")),
)


def location_table(ctx: Ctx, _q: LocationQuery, view: dict[str, Any]) -> Records:
    """The location's pupils per year x profile x leerweg (1-4 pupils suppressed, as on the
    page; ``masked_cells``: cells the source masked as <5, not in ``pupils``)."""
    code = view["loc_code"]
    cells = sorted(
        location_cells(ctx.wh, code),
        key=lambda c: (c.year, _profile_key(c.category), _TRACK_ORDER.get(c.track, 9)),
    )
    rows = [
        {
            "loc_code": code,
            "year": c.year,
            "profile": c.category,
            "technical": technical(c.category),
            "track": c.track,
            "pupils": None if c.suppressed else c.pupils,
            "suppressed": c.suppressed,
            "masked_cells": c.masked_cells,
        }
        for c in cells
    ]
    return Records(name=f"kansrijk-locatie-{code}", columns=COLUMNS, rows=rows)


def location_context(ctx: Ctx, _q: LocationQuery, view: dict[str, Any]) -> dict[str, Any]:
    """The template context of the location page."""
    lang = ctx.lang
    context = page_context(
        ctx,
        title=t(lang, "Locatie: {name}", name=view["name"]),
        nav="/atlas",
        region=view["atlas_region"],
    )
    if context.get("region_form"):
        context["region_form"]["action"] = "/atlas"
    region_name = ""
    if view["atlas_region"] and view["atlas_region"] in ctx.catalog:
        r = ctx.catalog.get(view["atlas_region"])
        region_name = r.label(lang)
    colour, symbol = CATEGORY_STYLE[view["category"]]
    context.update(
        {
            "view": view,
            "chart": profile_chart(view["profiles"], lang),
            "symbol": symbol,
            "colour": colour,
            "atlas_url": "/atlas?" + urlencode({"region": view["atlas_region"]})
            if view["atlas_region"]
            else "/atlas",
            "atlas_region_name": region_name,
            "years_text": ", ".join(map(str, view["years"])),
            "place": place_name(view["address"].get("place")),
            "postcode": postcode_text(view["address"].get("postcode")),
        }
    )
    return context


PAGE = Page(
    path="/location/{loc_code}",
    template="location.html",
    params=LocationQuery,
    view=lambda ctx, q: location_view(ctx, q.loc_code, q.year),
    context=location_context,
    table=location_table,
    table_summary="The pupils of a location per year, profile and leerweg",
    summary="One vmbo location (JSON twin of /location/{loc_code})",
    description="Facts, pupils per profile x leerweg x year and the nearest technical offer it "
    "lacks.",
)
router = PAGE.router()
