"""Internship and BBL-place shortages: the public page per region and school year
(``/partners/shortages``, twin ``/partners/shortages.json``, API
``/api/v1/registry/shortages``) with totals by field, a map by gemeente and a trend; the
school's report form (``/partners/shortages/report``); the providers' list of reports to
offer places for (``/partners/shortages/open``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from kansrijk.errors import UnknownRegionError
from kansrijk.l10n.monitor import N_, t
from kansrijk.registry import documents, shortages
from kansrijk.registry.vocab import ACTIVITY_KINDS, PROFILES, field_label, label
from kansrijk.vocab.mbo import SECTORKAMERS
from kansrijk.web import map_spec
from kansrijk.web.atlas_map import marker_size
from kansrijk.web.charts import CONFIG, FONT
from kansrijk.web.deps import Ctx
from kansrijk.web.map_spec import RegionBase, TileSource, fit, region_base, settings_tiles
from kansrijk.web.registry_forms import AccountPage, Button, Call, FormPage, Values, add_all
from kansrijk.web.registry_public import (
    PER_REGION,
    RegionYear,
    region_page,
    school_year_param,
)
from kansrijk.web.registry_session import holder
from kansrijk.web.registry_view import form_field

router = APIRouter()
FIELD_LABELS = {
    "period": N_("Periode (JJJJ-MM)"),
    "field": N_("Profiel (vmbo) of sectorkamer (mbo)"),
    "crebo": N_("Crebo (mbo, als bekend)"),
    "field_name": N_("Opleiding of richting (vrij)"),
    "place_kind": N_("Soort plaats"),
    "pupils": N_("Aantal leerlingen zonder plaats"),
}
work_router = APIRouter(include_in_schema=False)


def shortage_doc(ctx: Ctx, q: RegionYear) -> dict[str, Any]:
    """The shortages of a region and school year (see ``documents.shortage_of``)."""
    h = holder(ctx.request)
    region = ctx.region(q.region)
    year = school_year_param(q.year)
    lang = ctx.lang

    def name_of(gm: str) -> str:
        try:
            return ctx.region(gm).name
        except UnknownRegionError:  # a gemeente the region list does not know: its code
            return gm

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            return documents.shortage_of(s, h.places, region, year, lang, name_of)

    return h.remember(("shortages", h.current_version(), region.code, year, lang), make)


#: Marker styles of the map (key, legend text, colour, shape): a shape each, so colour is
#: never the only cue.
MAP_STYLE = (
    ("shown", N_("leerlingen zonder plaats"), "#b3261e", "circle"),
    ("hidden", N_("niet getoond"), "#5a5a5a", "square"),
)


def shortage_map(
    doc: dict[str, Any], lang: str, base: RegionBase, tiles: TileSource | None
) -> dict[str, Any] | None:
    """The map (map_spec): per gemeente at the centre of its school locations, a red circle
    sized by the pupils without a place, or a grey square where the count is hidden (1-4
    pupils, or hidden with one), on the region's base. None when no gemeente has a centre."""
    rows = [g for g in doc["gemeenten"] if g["lon"] is not None and g["lat"] is not None]
    if not rows:
        return None
    largest = max((int(g["pupils"]) for g in rows if not g["suppressed"]), default=0)
    layers = []
    for (key, _text, colour, shape), hidden in zip(MAP_STYLE, (False, True), strict=True):
        part = [g for g in rows if g["suppressed"] is hidden]
        points = [
            (
                float(g["lon"]),
                float(g["lat"]),
                12.0 if hidden else marker_size(int(g["pupils"]), largest),
                f"{g['name']}: {gemeente_count(g, doc, lang)}",
            )
            for g in part
        ]
        layers.append(map_spec.symbols(key, points, colour=colour, shape=shape))
    return map_spec.spec(
        tiles=tiles,
        base=base,
        layers=layers,
        texts=map_spec.texts(lang),
        bounds=fit(base.extent, [(float(g["lon"]), float(g["lat"])) for g in rows]),
    )


def gemeente_count(g: dict[str, Any], doc: dict[str, Any], lang: str) -> str:
    """A gemeente's pupils without a place as the page shows it ("niet getoond" hidden: 1-4
    pupils, or a larger count hidden with it, kansrijk.registry.disclosure)."""
    del doc
    if g["suppressed"]:
        return t(lang, "niet getoond")
    return str(g["pupils"])


def _map_context(ctx: Ctx, doc: dict[str, Any]) -> dict[str, Any]:
    lang = ctx.lang
    base = region_base(ctx, ctx.region(doc["region"]))
    return {
        "map_spec": shortage_map(doc, lang, base, settings_tiles(ctx)),
        "map_legend": [
            {"key": key, "shape": shape, "colour": colour, "label": t(lang, text)}
            for key, text, colour, shape in MAP_STYLE
        ],
        "gemeente_rows": [
            {"name": g["name"], "code": g["gemeente_code"], "pupils": gemeente_count(g, doc, lang)}
            for g in sorted(doc["gemeenten"], key=lambda g: g["name"].lower())
        ],
        "trend_spec": _trend(doc, lang),
        "trend_rows": [
            {
                "school_year": p["school_year"],
                "pupils": (
                    t(lang, "geen meldingen")
                    if not p["locations"]
                    else t(lang, "niet getoond")
                    if p["suppressed"]
                    else p["total"]
                ),
                "locations": p["locations"],
            }
            for p in doc["trend"]
        ],
    }


def _trend(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    pts = doc["trend"]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(lang, "Leerlingen zonder plaats"),
            "x": [p["school_year"] for p in pts],
            # a year without reports is a gap, not 0 pupils (no data is not "no shortage")
            "y": [p["total"] if p["locations"] else None for p in pts],
            "connectgaps": False,
            "line": {"color": "#154273"},
        }
    ]
    top = max((p["total"] or 0 for p in pts), default=0)
    layout = {
        "height": 300,
        "margin": {"l": 50, "r": 20, "t": 10, "b": 40},
        "xaxis": {"type": "category", "automargin": True},
        "yaxis": {  # counts: whole numbers from zero, never 0.2 pupils
            "rangemode": "tozero",
            "tickformat": ",d",
            "range": [0, max(5, top * 1.1)],
            "title": t(lang, "Leerlingen zonder plaats"),
        },
        "paper_bgcolor": "#ffffff",
        "font": {"family": FONT, "size": 14, "color": "#1a1a1a"},
    }
    return {"data": data, "layout": layout, "config": CONFIG}


SHORTAGES = region_page(
    "/partners/shortages",
    "registry/shortages.html",
    shortage_doc,
    N_("Tekort aan stage- en BBL-plaatsen: {region}"),
    _map_context,
    summary="Internship and BBL-place shortages (JSON)",
    api="/api/v1/registry/shortages",
    api_summary="Shortages by region x field (suppressed)",
    serving=PER_REGION,
)
router.include_router(SHORTAGES.router())


# -- the school's report form and the providers' answers --------------------------------------


def _report_fields(lang: str, level: str, values: Values) -> list[dict[str, Any]]:
    fields = [
        ("period", "text", None),
        (
            "field",
            "select",
            [(c, field_label("vmbo", c, lang)) for c in PROFILES]
            if level == "vmbo"
            else [(c, field_label("mbo", c, lang)) for c in SECTORKAMERS],
        ),
        ("crebo", "text", None),
        ("field_name", "text", None),
        (
            "place_kind",
            "select",
            [(k, label(ACTIVITY_KINDS, k, lang)) for k in shortages.PLACE_KINDS[level]],
        ),
        ("pupils", "number", None),
    ]
    required = ("period", "field", "place_kind", "pupils")
    return [
        form_field(
            name,
            t(lang, FIELD_LABELS[name]),
            kind,
            values.get(name, ""),
            required=name in required,
            options=options,
        )
        for name, kind, options in fields
    ]


def _report_context(call: Call, values: Values) -> dict[str, Any]:
    """The school's form (its fields by the location's level) and its earlier reports."""
    shortages.may_report(call.actor)
    loc = call.loc_code
    where = shortages.locate(call.h.places, loc) if loc else None
    level = where.level if where else "vmbo"
    rows = documents.report_rows(call.s, shortages.own_reports(call.s, call.actor), call.lang)
    intro = t(
        call.lang,
        "Meld per maand hoeveel leerlingen van locatie {loc} geen stage- of BBL-plaats "
        "hebben. Een nieuwe melding voor dezelfde maand, richting en soort plaats vervangt "
        "de vorige.",
        loc=loc or "-",
    )
    return {"fields": _report_fields(call.lang, level, values), "rows": rows, "intro": intro}


def _report_submit(call: Call, form: dict[str, Any]) -> str:
    loc = form.get("loc_code") or call.loc_code
    shortages.report(call.s, call.actor, call.h.places, loc, form)
    return "/partners/shortages/report"


add_all(
    work_router,
    FormPage(
        path="/partners/shortages/report",
        title=N_("Tekort aan stage- of BBL-plaatsen melden"),
        template="registry/shortage_report.html",
        context=_report_context,
        submit=_report_submit,
    ),
    Button(
        "/partners/shortages/{report_id:int}/delete",
        lambda c, _f: shortages.delete_report(c.s, c.actor, c.params["report_id"]),
        "/partners/shortages/report",
    ),
    AccountPage(
        "/partners/shortages/open",
        "registry/shortage_open.html",
        N_("Meldingen waarop u plaatsen kunt aanbieden"),
        lambda c: {"rows": documents.open_report_rows(c.s, c.actor, c.params["year"], c.lang)},
        year=True,
    ),
    Button(
        "/partners/shortages/{report_id:int}/answer",
        lambda c, f: shortages.answer(c.s, c.actor, c.params["report_id"], f),
        "/partners/shortages/open",
    ),
)
