"""Internship and BBL-place shortages: the public page per region and school year
(``/partners/shortages``, twin ``/partners/shortages.json``, API
``/api/v1/registry/shortages``) with totals by field, a map by gemeente and a trend; the
school's report form (``/partners/shortages/report``); the providers' list of reports to
offer places for (``/partners/shortages/open``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import UnknownRegionError, message_of
from kansrijk.registry import shortages
from kansrijk.registry.errors import FieldError
from kansrijk.registry.models import Organisation
from kansrijk.registry.reach import current_school_year, school_year_label
from kansrijk.registry.vocab import ACTIVITY_KINDS, PROFILES, label
from kansrijk.vocab import Profile
from kansrijk.vocab.mbo import SECTORKAMERS
from kansrijk.vocab.profiles import PROFILE_NAMES
from kansrijk.web import charts
from kansrijk.web.charts import CONFIG, FONT
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.i18n import N_, t
from kansrijk.web.registry_session import RegistryHolder, WebSession, Who, holder, read_session
from kansrijk.web.registry_view import redirect, registry_page, remember
from kansrijk.web.routes.registry_pages import (
    RegionQ,
    YearQ,
    _page,
    json_text,
    school_year_param,
)
from kansrijk.web.routes.registry_work import _me, _post_form, _signed_in, login_first

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
TREND_YEARS = 5


def field_label(level: str, code: str, lang: str) -> str:
    """The name of a vmbo profile or mbo sectorkamer."""
    names: tuple[str, str] | None
    if level == "vmbo" and code in PROFILES:
        names = PROFILE_NAMES.get(Profile(code))
    else:
        names = SECTORKAMERS.get(code)
    if names is None:
        return code
    return f"{names[1] if lang == 'en' else names[0]} ({code})"


def _centres(h: RegistryHolder) -> dict[str, tuple[float, float]]:
    """Per gemeente the mean lon/lat of its vmbo and mbo locations' postcodes."""
    found = h.cache.get(("gemeente-centres",))
    if found is not None:
        return dict(found)
    acc: dict[str, list[tuple[float, float]]] = {}
    year = max(h.places.locations) if h.places.locations else None
    pairs = [(v.gemeente_code, v.pc4) for v in h.places.locations.get(year or 0, {}).values()]
    pairs += [(m.gemeente_code or "", m.pc4 or "") for m in h.places.mbo.values()]
    for gm, pc4 in pairs:
        point = h.places.pc4_lonlat.get(pc4)
        if gm and point is not None:
            acc.setdefault(gm, []).append(point)
    out = {
        gm: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
        for gm, ps in acc.items()
    }
    h.cache[("gemeente-centres",)] = out
    return out


def shortage_doc(
    ctx: CtxDep, version: int, region_code: str | None, year_raw: str | None
) -> dict[str, Any]:
    """The shortages of a region and school year as a JSON document (counts of 1-4 pupils
    are null with ``suppressed`` true)."""
    h = holder(ctx.request)
    region = ctx.region(region_code)
    year = school_year_param(year_raw)
    lang = ctx.lang

    def name_of(gm: str) -> str:
        try:
            return ctx.region(gm).name
        except UnknownRegionError:  # a gemeente the region list does not know: its code
            return gm

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            now = shortages.shortage(s, region, year)
            series = shortages.trend(s, region, range(year - TREND_YEARS + 1, year + 1))
        centres = _centres(h)
        return {
            "indicator": shortages.INDICATOR_ID,
            "region": region.code,
            "region_name": region.name_en if lang == "en" and region.name_en else region.name,
            "school_year": school_year_label(year),
            "threshold": shortages.THRESHOLD,
            "total": now.total,
            "suppressed": now.total is None,
            "locations": now.locations,
            "cells": [
                {
                    "level": c.level,
                    "field": c.field,
                    "field_label": field_label(c.level, c.field, lang),
                    "place_kind": c.place_kind,
                    "place_kind_label": label(ACTIVITY_KINDS, c.place_kind, lang),
                    "pupils": c.pupils,
                    "suppressed": c.suppressed,
                    "places_offered": c.places_offered,
                    "locations": c.locations,
                }
                for c in now.cells
            ],
            "gemeenten": [
                {
                    "gemeente_code": gm,
                    "name": name_of(gm),
                    "pupils": n,
                    "suppressed": n is None,
                    "lon": centres.get(gm, (None, None))[0],
                    "lat": centres.get(gm, (None, None))[1],
                }
                for gm, n in now.gemeenten
            ],
            "trend": [
                {
                    "school_year": school_year_label(y),
                    "total": n,
                    "suppressed": n is None,
                    "locations": locs,
                }
                for y, n, locs in series
            ],
        }

    return remember(h, ("shortages", version, region.code, year, lang), make)


def _map(doc: dict[str, Any], lang: str) -> dict[str, Any] | None:
    rows = [g for g in doc["gemeenten"] if g["lon"] is not None]
    if not rows:
        return None
    data = []
    for hidden, colour, key in (
        (False, "#b3261e", N_("leerlingen zonder plaats")),
        (True, "#8c8c8c", N_("minder dan 5 (niet getoond)")),
    ):
        part = [g for g in rows if g["suppressed"] is hidden]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": t(lang, key),
                "x": [g["lon"] for g in part],
                "y": [g["lat"] for g in part],
                "text": ["<5" if hidden else str(g["pupils"]) for g in part],
                "textposition": "top center",
                "hovertext": [f"{g['name']}: {'<5' if hidden else g['pupils']}" for g in part],
                "hoverinfo": "text",
                "marker": {
                    "color": colour,
                    "size": [14 if hidden else min(40, 12 + int(g["pupils"]) // 2) for g in part],
                    "line": {"width": 1, "color": "#ffffff"},
                },
            }
        )
    return charts.plain_map(data, height=380)


def _trend(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    pts = doc["trend"]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(lang, "Leerlingen zonder plaats"),
            "x": [p["school_year"] for p in pts],
            "y": [p["total"] for p in pts],
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


@router.get(
    "/partners/shortages", response_class=HTMLResponse, summary="Internship and BBL-place shortages"
)
async def shortages_page(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> HTMLResponse:
    now = current_school_year()
    years = [(y, school_year_label(y)) for y in range(now, now - 5, -1)]
    query = ctx.request.url.query
    return await _page(
        ctx,
        "registry/shortages.html",
        lambda v: {
            "reach": (doc := shortage_doc(ctx, v, region, year)),
            "map_spec": _map(doc, ctx.lang),
            "trend_spec": _trend(doc, ctx.lang),
            "years": years,
            "year": int(doc["school_year"][:4]),
        },
        lambda e: t(
            ctx.lang,
            "Tekort aan stage- en BBL-plaatsen: {region}",
            region=e["reach"]["region_name"],
        ),
        json_url="/partners/shortages.json" + (f"?{query}" if query else ""),
        region_form=True,
    )


@router.get("/partners/shortages.json", summary="Internship and BBL-place shortages (JSON)")
async def shortages_json(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    return await json_text(ctx, lambda v: shortage_doc(ctx, v, region, year))


@router.get("/api/v1/registry/shortages", summary="Shortages by region x field (suppressed)")
async def api_shortages(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    return await json_text(ctx, lambda v: shortage_doc(ctx, v, region, year), envelope=True)


# -- the school's report form and the providers' answers --------------------------------------


def _report_fields(lang: str, level: str, values: dict[str, str]) -> list[dict[str, Any]]:
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
    out = []
    for name, kind, options in fields:
        f: dict[str, Any] = {
            "name": name,
            "label": t(lang, FIELD_LABELS[name]),
            "value": values.get(name, ""),
            "type": kind,
            "required": name in ("period", "field", "place_kind", "pupils"),
            "hint": "",
        }
        if options is not None:
            f["options"] = options
        out.append(f)
    return out


def _report_view(h: RegistryHolder, me: Who) -> tuple[str, str, list[dict[str, Any]]]:
    loc = (me.org.loc_code if me.org else None) or ""
    where = shortages.locate(h.places, loc) if loc else None
    level = where.level if where else "vmbo"
    with h.registry.session() as s:
        assert me.actor is not None
        mine = shortages.own_reports(s, me.actor)
        offered = shortages.places_offered(s, [r.id for r in mine])
        rows = [
            {
                "id": r.id,
                "period": r.period,
                "loc_code": r.loc_code,
                "field": r.field,
                "level": r.level,
                "crebo": r.crebo,
                "field_name": r.field_name,
                "place_kind": r.place_kind,
                "pupils": r.pupils,
                "places_offered": offered.get(r.id, 0),
            }
            for r in mine
        ]
    return loc, level, rows


def _report_page(
    ctx: CtxDep,
    h: RegistryHolder,
    sess: WebSession,
    me: Who,
    values: dict[str, str],
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    if me.actor is None or me.actor.role not in ("school", "admin"):
        raise HTTPException(403, "only school accounts report shortages")
    loc, level, rows = _report_view(h, me)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/shortage_report.html",
        t(ctx.lang, "Tekort aan stage- of BBL-plaatsen melden"),
        status_code=status_code,
        action="/partners/shortages/report",
        fields=_report_fields(ctx.lang, level, values),
        intro=t(
            ctx.lang,
            "Meld per maand hoeveel leerlingen van locatie {loc} geen stage- of BBL-plaats "
            "hebben. Een nieuwe melding voor dezelfde maand, richting en soort plaats vervangt "
            "de vorige.",
            loc=loc or "-",
        ),
        error=error,
        rows=[{**r, "field_label": field_label(r["level"], r["field"], ctx.lang)} for r in rows],
        submit=t(ctx.lang, "Opslaan"),
        multipart=False,
    )


@work_router.get("/partners/shortages/report", response_class=HTMLResponse)
@login_first
async def report_form(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_me, h, sess)
    return _report_page(ctx, h, sess, me, {})


@work_router.post("/partners/shortages/report")
async def report_post(ctx: CtxDep) -> Response:
    h, sess, form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> int:
        assert me.actor is not None
        loc = form.get("loc_code") or (me.org.loc_code if me.org else "") or ""
        return shortages.report(s, me.actor, h.places, loc, form).id

    try:
        await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return _report_page(ctx, h, sess, me, form, localised(exc, ctx.lang)[0], 400)
    return redirect(ctx.request, h, sess, "/partners/shortages/report")


@work_router.post("/partners/shortages/{report_id:int}/delete")
async def report_delete(ctx: CtxDep, report_id: int) -> Response:
    h, sess, _form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        shortages.delete_report(s, me.actor, report_id)

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(ctx.request, h, sess, "/partners/shortages/report")


@work_router.get("/partners/shortages/open", response_class=HTMLResponse)
@login_first
async def open_list(ctx: CtxDep, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    school_year = school_year_param(year)

    def work(s: Session, me: Who) -> tuple[Who, list[dict[str, Any]]]:
        assert me.actor is not None
        if me.actor.role not in ("provider", "admin") or not me.actor.approved:
            raise HTTPException(403, "only approved providers see the reports to answer")
        reps = shortages.open_reports(s, school_year)
        offered = shortages.places_offered(s, [r.id for r in reps])
        names = {o.id: o.name for o in s.query(Organisation).all()}
        return me, [
            {
                "id": r.id,
                "loc_code": r.loc_code,
                "school": names.get(r.org_id, ""),
                "pc4": r.pc4,
                "period": r.period,
                "field_label": field_label(r.level, r.field, ctx.lang),
                "crebo": r.crebo,
                "field_name": r.field_name,
                "place_kind": label(ACTIVITY_KINDS, r.place_kind, ctx.lang),
                "pupils": r.pupils,
                "places_offered": offered.get(r.id, 0),
            }
            for r in reps
        ]

    me, rows = await run_in_threadpool(_signed_in, h, sess, work)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/shortage_open.html",
        t(ctx.lang, "Meldingen waarop u plaatsen kunt aanbieden"),
        rows=rows,
    )


@work_router.post("/partners/shortages/{report_id:int}/answer")
async def answer_post(ctx: CtxDep, report_id: int) -> Response:
    h, sess, form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        shortages.answer(s, me.actor, report_id, form)

    try:
        await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        raise HTTPException(400, message_of(exc)) from exc
    return redirect(ctx.request, h, sess, "/partners/shortages/open")
