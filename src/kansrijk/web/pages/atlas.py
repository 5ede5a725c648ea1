"""``/atlas``: a map (base tiles, the region's outline) of the vmbo locations of a region
coloured by their technical offer and sized by pupils, a gemeente choropleth of a chosen
indicator and the distance from every PC4 area to the nearest technical offer; each layer
also as a table. Twins ``/atlas.json`` and ``/api/v1/atlas`` (the same document)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kansrijk.errors import InputError, Message
from kansrijk.indicators import INDICATORS, Indicator, Unit, get_indicator
from kansrijk.indicators.access import FAR_KM, Pc4Distance, pc4_distances
from kansrijk.l10n.monitor import N_, choice_label, definition_text, t
from kansrijk.regions import Level, Region
from kansrijk.tables import Records
from kansrijk.vocab import OFFER_CATEGORIES as CATEGORIES
from kansrijk.vocab import ProfileSet, offer_category, parse_profile_set, tech_profiles
from kansrijk.web import format as fmt
from kansrijk.web.atlas_chosen import chosen_rows, with_chosen
from kansrijk.web.atlas_map import CATEGORY_STYLE, LAYERS, map_spec
from kansrijk.web.deps import Ctx
from kansrijk.web.map_spec import members as map_members
from kansrijk.web.map_spec import region_base, tile_source
from kansrijk.web.page import Page, doc
from kansrijk.web.params import parse_year
from kansrijk.web.render import page_context
from kansrijk.web.routes.api import locations_for_year, region_summary

DEFAULT_INDICATOR = "vmbo.no_tech_offer_share"
#: Query parameters of the atlas (carried along by the region selector).
PARAMS: tuple[str, ...] = ("indicator", "set", "year", "layers", *LAYERS)
#: Layers shown when the layer form was never submitted.
DEFAULT_LAYERS: dict[str, bool] = {"locations": True, "gemeenten": True, "pc4": False}
_ON = ("on", "1", "true", "yes", "ja")

_LAYER = "on to show this layer (when any layer or ``layers`` is given; else the defaults)."


@dataclass(frozen=True, slots=True)
class AtlasQuery:
    """The parameters of an atlas request, as given."""

    region: str | None = field(
        default=None, metadata=doc("Region code; default MRDH (DEMO for the demo).")
    )
    indicator: str | None = field(
        default=None,
        metadata=doc(f"The gemeente choropleth's indicator (default {DEFAULT_INDICATOR})."),
    )
    profile_set: str | None = field(
        default=None,
        metadata=doc("Profile set: techniek or techniek_ict (default of each).", "set"),
    )
    year: str | None = field(default=None, metadata=doc("Year (default the newest loaded)."))
    layers: str | None = field(
        default=None, metadata=doc("Present when the layer form was submitted.")
    )
    locations: str | None = field(default=None, metadata=doc("Locations layer: " + _LAYER))
    gemeenten: str | None = field(default=None, metadata=doc("Gemeenten layer: " + _LAYER))
    pc4: str | None = field(default=None, metadata=doc("PC4 distance layer: " + _LAYER))
    chosen: str | None = field(
        default=None,
        metadata=doc("The optimiser's chosen additions LOC:PROFILE,... (ringed on the map)."),
    )


def map_indicators() -> list[Indicator]:
    """Indicators the choropleth can show: computed, a percentage, one value a gemeente."""
    return [i for i in INDICATORS if i.computable and i.unit is Unit.PERCENT and not i.required]


def parse_layers(q: AtlasQuery) -> dict[str, bool]:
    """Which layers are on: the defaults unless the form (or a link) names any layer."""
    given = {name: getattr(q, name) for name in LAYERS}
    if q.layers is None and all(v is None for v in given.values()):
        return dict(DEFAULT_LAYERS)
    return {name: (v or "").strip().lower() in _ON for name, v in given.items()}


def _km(value: float, lang: str) -> str:
    return fmt.number(value, lang, 1) + " km"


def _distance(
    ctx: Ctx, region: Region, year: int, pset: ProfileSet, names: dict[str, str]
) -> dict[str, Any]:
    lang = ctx.lang
    pop_year, every = ctx.state.views.get_or_make(
        ("atlas-pc4", year, pset.value), lambda: pc4_distances(ctx.wh, year, pset)
    )
    items: list[Pc4Distance] = [p for p in every if region.contains(p.gemeente_code, p.pc4)]
    finite = [p for p in items if not math.isinf(p.km)]
    total = sum(p.residents for p in finite)
    complete = bool(items) and len(finite) == len(items) and total > 0
    mean = sum(p.km * p.residents for p in finite) / total if complete else None
    far_res = sum(p.residents for p in finite if p.km > FAR_KM)
    share = 100.0 * far_res / total if complete else None

    loc_names = {x.loc_code: x.name for x in locations_for_year(ctx, year)}

    def row(p: Pc4Distance) -> dict[str, Any]:
        return {
            **p.to_json(),
            "nearest_locations": [
                {"loc_code": c, "name": loc_names.get(c, c), "url": f"/location/{c}"}
                for c in p.nearest
            ],
            "gemeente_name": names.get(p.gemeente_code or "", p.gemeente_code),
            "km_display": _km(p.km, lang),
            "residents_display": fmt.count(p.residents, lang),
        }

    far = sorted((p for p in finite if p.km > FAR_KM), key=lambda p: (-p.km, p.pc4))
    return {
        "profile_set": pset.value,
        "population_year": pop_year,
        "age_band": "10-14",
        "far_km": FAR_KM,
        "residents": total,
        "mean_km": mean,
        "mean_display": _km(mean, lang) if mean is not None else t(lang, "geen gegevens"),
        "share_over_5km": share,
        "share_display": fmt.value(share, "percent", lang),
        "far_residents": far_res,
        "pc4": [p.to_json() for p in items],
        "far": [row(p) for p in far],
    }


def _location_rows(ctx: Ctx, region: Region, year: int) -> list[dict[str, Any]]:
    lang = ctx.lang
    out = []
    for loc in sorted(
        (x for x in locations_for_year(ctx, year) if x.in_region(region)),
        key=lambda x: ((x.gemeente_name or "").lower(), x.name.lower(), x.loc_code),
    ):
        tech = tech_profiles(loc.profiles)
        category = offer_category(loc.profiles)
        offer = ", ".join(tech) if tech else t(lang, "geen")
        pupils = fmt.count(loc.pupils, lang)
        if loc.masked_cells:
            pupils = t(lang, "{n} (+<5)", n=pupils)
        out.append(
            {
                "loc_code": loc.loc_code,
                "name": loc.name,
                "gemeente_code": loc.gemeente_code,
                "gemeente_name": loc.gemeente_name,
                "pc4": loc.pc4,
                "lon": loc.lon,
                "lat": loc.lat,
                "pupils": loc.pupils,
                "masked_cells": loc.masked_cells,
                "profiles": list(loc.profiles),
                "tech_profiles": list(tech),
                "tech_offer": bool(tech),
                "category": category,
                "category_label": choice_label(lang, "atlas_cat", category),
                "colour": CATEGORY_STYLE[category][0],
                "symbol": CATEGORY_STYLE[category][1],
                "offer_label": t(lang, "Technische profielen: {offer}", offer=offer),
                "tech_display": offer,
                "pupils_display": t(
                    lang, "{pupils} leerlingen (BB/KB/GL, leerjaar 3-4)", pupils=pupils
                ),
                "pupils_cell": pupils,
                "url": f"/location/{loc.loc_code}",
            }
        )
    return out


def atlas_view(ctx: Ctx, q: AtlasQuery) -> dict[str, Any]:
    """The data of the atlas page (and of ``/atlas.json`` and ``/api/v1/atlas``)."""
    lang = ctx.lang
    region = ctx.region(q.region)
    ind = get_indicator(q.indicator.strip() if q.indicator else DEFAULT_INDICATOR)
    allowed = map_indicators()
    if ind not in allowed:
        raise InputError(
            Message(
                "indicator: the atlas shows one percentage per municipality; expected one of "
                "{allowed}, found {found!r}",
                allowed=", ".join(i.id for i in allowed),
                found=ind.id,
            )
        )
    chosen_set = (
        parse_profile_set(q.profile_set) if q.profile_set and q.profile_set.strip() else None
    )
    ind_set = (chosen_set or ind.profile_set) if ind.profile_set else None
    dist_set = chosen_set or ProfileSet.TECHNIEK_ICT
    years = ctx.state.years.get("vo_enrollment", [])
    year = ctx.state.loaded_year(parse_year(q.year))
    layers = parse_layers(q)
    members = map_members(ctx, region)
    names = {r.code: r.name for r in ctx.catalog.list(Level.GEMEENTE)}
    base = region_base(ctx, region)
    set_arg = ind_set.value if ind_set else None
    gemeenten: list[dict[str, Any]] = []
    whole: dict[str, Any] | None = None
    if year is not None and members:
        res = ctx.compute(ind.id, members, [year], None, set_arg)
        by_code = {r.region: r for r in res.rows if not r.breakdown}
        for code in sorted(members, key=lambda c: (names.get(c) or c).lower()):
            r = by_code.get(code)
            gemeenten.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "value": None if r is None else r.value,
                    "numerator": None if r is None else r.numerator,
                    "denominator": None if r is None else r.denominator,
                    "suppressed": False if r is None else r.suppressed,
                    "display": fmt.value(
                        None if r is None else r.value,
                        "percent",
                        lang,
                        suppressed=bool(r and r.suppressed),
                    ),
                }
            )
        if region.level is not Level.GEMEENTE:
            wres = ctx.compute(ind.id, [region.code], [year], None, set_arg)
            w = next((r for r in wres.rows if not r.breakdown), None)
            if w is not None:
                whole = {
                    "value": w.value,
                    "suppressed": w.suppressed,
                    "display": fmt.value(w.value, "percent", lang, suppressed=w.suppressed),
                }
    locations = _location_rows(ctx, region, year) if year is not None else []
    counts = {c: sum(1 for x in locations if x["category"] == c) for c in CATEGORIES}
    categories = [
        {
            "code": c,
            "label": choice_label(lang, "atlas_cat", c),
            "colour": CATEGORY_STYLE[c][0],
            "symbol": CATEGORY_STYLE[c][1],
            "count": counts[c],
        }
        for c in CATEGORIES
    ]
    distance = _distance(ctx, region, year, dist_set, names) if year is not None else None
    chosen = chosen_rows(q.chosen, locations, lang)
    return {
        "ok": True,
        "lang": lang,
        "demo": ctx.state.demo,
        "region": region_summary(region),
        "year": year,
        "years": years,
        "indicator": {
            "id": ind.id,
            "label": ind.label(lang),
            "label_nl": ind.label_nl,
            "label_en": ind.label_en,
            "unit": ind.unit.value,
            "profile_set": set_arg,
            "definition": definition_text(lang, ind.definition),
        },
        "layers": layers,
        "population": "vmbo BB/KB/GL pupils in leerjaar 3-4",
        "coordinates": "centroid of the PC4 area (locations and PC4 areas alike)",
        "categories": categories,
        "locations": locations,
        "locations_without_coordinates": sum(1 for x in locations if x["lon"] is None),
        "gemeenten": gemeenten,
        "region_value": whole,
        "distance": distance,
        "bounds": list(base.bounds) if base.bounds else None,
        "outline": base.outline,
        "geojson": base.geojson,
        "chosen": chosen,
    }


#: The columns of the CSV/XLSX: the locations table (one row per location).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("loc_code", N_("Locatie")),
    ("name", N_("Naam")),
    ("gemeente_code", N_("Gemeentecode")),
    ("gemeente_name", N_("Gemeente")),
    ("pc4", N_("PC4")),
    ("pupils", N_("Leerlingen")),
    ("masked_cells", N_("Afgeschermde cellen (<5)")),
    ("tech_profiles", N_("Technische profielen")),
    ("category", N_("Aanbod")),
    ("profiles", N_("Profielen")),
    ("lon", N_("Lengtegraad")),
    ("lat", N_("Breedtegraad")),
)


def atlas_table(_ctx: Ctx, _q: AtlasQuery, view: dict[str, Any]) -> Records:
    """The locations of the atlas's region and year, as its table (profiles space-separated;
    ``pupils`` unmasked, ``masked_cells`` the source's cells of 1-4)."""
    rows = [
        {k: x[k] for k, _ in COLUMNS}
        | {"tech_profiles": " ".join(x["tech_profiles"]), "profiles": " ".join(x["profiles"])}
        for x in view["locations"]
    ]
    return Records(
        name=f"kansrijk-atlas-{view['region']['code']}-{view['year'] or 'geen'}",
        columns=COLUMNS,
        rows=rows,
    )


def _choices(ctx: Ctx, view: dict[str, Any], chosen_set: str | None) -> dict[str, Any]:
    lang = ctx.lang
    return {
        "indicators": [
            {"id": i.id, "label": i.label(lang), "selected": i.id == view["indicator"]["id"]}
            for i in map_indicators()
        ],
        "sets": [
            {
                "value": "",
                "label": t(lang, "standaard"),
                "selected": not chosen_set,
            }
        ]
        + [
            {
                "value": s.value,
                "label": choice_label(lang, "atlas_set", s.value),
                "selected": chosen_set == s.value,
            }
            for s in ProfileSet
        ],
        "years": [{"value": y, "selected": y == view["year"]} for y in reversed(view["years"])],
        "layers": [
            {
                "name": name,
                "label": choice_label(lang, "atlas_layer", name),
                "on": view["layers"][name],
            }
            for name in LAYERS
        ],
    }


def _spec(ctx: Ctx, view: dict[str, Any], region_name: str) -> dict[str, Any]:
    lang = ctx.lang
    distance = view["distance"] or {"pc4": []}
    settings = ctx.state.settings
    return map_spec(
        tiles=tile_source(settings.tile_url, settings.tile_attribution),
        geojson=view["geojson"],
        bounds=tuple(view["bounds"]) if view["bounds"] else None,
        outline=view["outline"],
        gemeenten=view["gemeenten"],
        locations=[x for x in view["locations"] if x["lon"] is not None],
        pc4=[
            p
            | {
                "km_display": _km(p["km"], lang) if p["km"] is not None else "",
                "residents_display": t(
                    lang, "{n} jongeren 10-14 jaar", n=fmt.count(p["residents_10_14"], lang)
                ),
            }
            for p in distance["pc4"]
        ],
        layers=view["layers"],
        texts={
            "zoom_in": t(lang, "Inzoomen"),
            "zoom_out": t(lang, "Uitzoomen"),
            "reset": t(lang, "Hele regio tonen"),
            "cluster": t(lang, "{n} locaties"),
            "cluster_zoom": t(lang, "Klik of Enter zoomt in."),
            "cluster_same": t(
                lang, "Op dezelfde plek (postcodegebied); klik of Enter toont de lijst."
            ),
            "offline": t(
                lang,
                "De achtergrondkaart is niet bereikbaar; de kaart toont gemeentegrenzen en -namen.",
            ),
            "outline": region_name,
        },
        number=lambda v, d: fmt.number(v, lang, d),
    )


def atlas_context(ctx: Ctx, q: AtlasQuery, view: dict[str, Any]) -> dict[str, Any]:
    """The template context of the atlas page."""
    lang = ctx.lang
    region = ctx.catalog.get(view["region"]["code"])
    region_name = region.label(lang)
    context = page_context(
        ctx,
        title=t(lang, "Atlas: {region}", region=region_name),
        nav="/atlas",
        region=region.code,
        keep=PARAMS,
    )
    chosen_set = q.profile_set.strip().lower() if q.profile_set and q.profile_set.strip() else None
    distance = view["distance"]
    largest = max((x["pupils"] for x in view["locations"]), default=0)
    compare_query = {"region": region.code, "indicator": view["indicator"]["id"]}
    if view["indicator"]["profile_set"] and chosen_set:
        compare_query["set"] = chosen_set
    if view["year"]:
        compare_query["year"] = str(view["year"])
    context.update(
        {
            "view": view,
            "region_name": region_name,
            "choices": _choices(ctx, view, chosen_set),
            "spec": _spec(ctx, view, region_name),
            "largest": fmt.count(largest, lang),
            "none_count": next(c["count"] for c in view["categories"] if c["code"] == "none"),
            "distance_set_label": choice_label(lang, "set", distance["profile_set"])
            if distance
            else "",
            "compare_url": "/compare?" + urlencode(compare_query),
        }
    )
    # the optimiser's chosen set (``chosen=LOC:PROFILE,...``), ringed on the map
    chosen = view["chosen"]
    context["chosen"] = chosen
    context["spec"] = with_chosen(context["spec"], chosen, t(lang, "Gekozen door de optimalisatie"))
    return context


PAGE = Page(
    path="/atlas",
    template="atlas.html",
    params=AtlasQuery,
    view=atlas_view,
    context=atlas_context,
    table=atlas_table,
    table_summary="The locations of the atlas",
    summary="The atlas of a region (JSON twin of /atlas)",
    description="Locations with their technical offer, the municipality values of the "
    "indicator, the PC4 distances to the nearest technical offer and the municipal boundaries "
    "(GeoJSON).",
    api="/api/v1/atlas",
    api_summary="The atlas of a region",
)
router = PAGE.router()
