"""Registry pages for everyone: the public list of activities (``/partners``), one
activity, the reach page, the privacy page; JSON twins: ``/partners.json``,
``/partners/activities/{id}.json``, ``/partners/reach.json``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError as _Err
from kansrijk.registry import offers
from kansrijk.registry.models import Organisation
from kansrijk.registry.reach import current_school_year, reach, school_year_label
from kansrijk.serialize import to_json
from kansrijk.web.deps import CtxDep
from kansrijk.web.i18n import t
from kansrijk.web.registry_session import (
    RegistryHolder,
    fail,
    holder,
    read_session,
    who,
)
from kansrijk.web.registry_view import (
    cached,
    html_key,
    json_key,
    offer_json,
    public_html,
    reach_map,
    registry_page,
    remember,
)
from kansrijk.web.render import html_response, json_response

router = APIRouter()
log = logging.getLogger("kansrijk.web")


def _org_names(s: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids)))
    return {int(i): str(n) for i, n in rows}


def registry_version(h: RegistryHolder) -> int:
    """The registry's version (the newest audit entry: every write makes one)."""
    return h.current_version()


def _public(ctx: CtxDep, version: int) -> dict[str, Any]:
    h = holder(ctx.request)

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            acts = offers.public_activities(s)
            names = _org_names(s, {a.org_id for a in acts})
            return {
                "activities": [offer_json(a, ctx.lang, org_name=names.get(a.org_id)) for a in acts]
            }

    return remember(h, ("public", version, ctx.lang), make)


def public_text(ctx: CtxDep, build: Callable[[int], Any], *, envelope: bool = False) -> str:
    """A public JSON document as text, made once per registry version, path, query and
    language; ``envelope`` adds ``"ok": true`` in front (the API's form)."""
    h = holder(ctx.request)
    version = registry_version(h)
    key = json_key(ctx, version, envelope)

    def make() -> str:
        doc = build(version)
        return to_json({"ok": True, **doc} if envelope else doc)

    return remember(h, key, make)


async def json_text(
    ctx: CtxDep, build: Callable[[int], Any], *, envelope: bool = False
) -> Response:
    """``public_text`` as a response (from the cache, else computed in a worker thread)."""
    text = cached(holder(ctx.request), lambda v: json_key(ctx, v, envelope))
    if text is None:
        text = await run_in_threadpool(public_text, ctx, build, envelope=envelope)
    return Response(text, media_type="application/json")


async def _page(
    ctx: CtxDep,
    template: str,
    build: Callable[[int], dict[str, Any]],
    title: Callable[[dict[str, Any]], str],
    **options: Any,
) -> HTMLResponse:
    """A public page: cached for anonymous visitors, personal for a signed-in account."""
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    if sess.uid is None and (hit := cached(h, lambda v: html_key(ctx, v))) is not None:
        return html_response(ctx, hit)

    def work() -> tuple[str | None, Any, dict[str, Any]]:
        version = registry_version(h)
        extra = build(version)
        if sess.uid is None:
            html = public_html(ctx, h, version, template, title(extra), **options, **extra)
            return html, None, extra
        return None, _who(h, sess), extra

    html, me, extra = await run_in_threadpool(work)
    if html is not None:
        return html_response(ctx, html)
    return registry_page(ctx, h, sess, me, template, title(extra), **options, **extra)


@router.get("/partners", response_class=HTMLResponse, summary="Partner registry: activities")
async def partners_page(ctx: CtxDep) -> HTMLResponse:
    return await _page(
        ctx,
        "registry/home.html",
        lambda v: {"activities": _public(ctx, v)["activities"]},
        lambda _: t(ctx.lang, "Partners: techniekactiviteiten voor scholen"),
        json_url="/partners.json",
    )


@router.get("/partners.json", summary="Published activities (JSON)")
async def partners_json(ctx: CtxDep) -> Response:
    return await json_text(ctx, lambda v: _public(ctx, v))


def _who(h: Any, sess: Any) -> Any:
    with h.registry.session() as s:
        return who(s, sess)


def _activity(ctx: CtxDep, activity_id: int) -> dict[str, Any]:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    with h.registry.session() as s:
        me = who(s, sess)
        try:
            act = offers.visible_activity(s, me.actor, activity_id)
        except _Err as exc:
            fail(exc)
        org = s.get(Organisation, act.org_id)
        private = me.actor is not None and me.actor.approved
        return offer_json(act, ctx.lang, org_name=org.name if org else None, private=private)


@router.get(
    "/partners/activities/{activity_id:int}", response_class=HTMLResponse, summary="One activity"
)
async def activity_page(ctx: CtxDep, activity_id: int) -> HTMLResponse:
    return await _page(
        ctx,
        "registry/activity.html",
        lambda _: {"activity": _activity(ctx, activity_id)},
        lambda e: str(e["activity"]["title"]),
        json_url=f"/partners/activities/{activity_id}.json",
    )


@router.get("/partners/activities/{activity_id:int}.json", summary="One activity (JSON)")
async def activity_json(ctx: CtxDep, activity_id: int) -> Response:
    return json_response(await run_in_threadpool(_activity, ctx, activity_id))


RegionQ = Annotated[
    str | None, Query(description="Region code (default: the app's default region).")
]
YearQ = Annotated[
    str | None,
    Query(description="School year by its first calendar year, e.g. 2024 for 2024-2025."),
]


def school_year_param(raw: str | None) -> int:
    """The school year asked for (default: the current one); 400 for anything else."""
    text = (raw or "").strip()
    if not text:
        return current_school_year()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise HTTPException(400, f"year: expected a school year like 2025; found {shown!r}")
    return int(text)


def reach_doc(
    ctx: CtxDep, version: int, region_code: str | None, year_raw: str | None
) -> dict[str, Any]:
    """The reach of a region and school year as a JSON document."""
    h = holder(ctx.request)
    region = ctx.region(region_code)
    year = school_year_param(year_raw)

    def row(lr: Any) -> dict[str, Any]:
        loc = lr.location
        lon, lat = h.places.pc4_lonlat.get(loc.pc4, (None, None))
        return {
            "loc_code": loc.loc_code,
            "name": loc.name,
            "gemeente_code": loc.gemeente_code,
            "pc4": loc.pc4,
            "lon": lon,
            "lat": lat,
            "technical_profiles": list(loc.tech_profiles),
            "activities": lr.activities,
        }

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            r = reach(s, h.places, region, year)
        return {
            "region": region.code,
            "region_name": region.label(ctx.lang),
            "school_year": school_year_label(year),
            "warehouse_year": r.warehouse_year,
            "locations": len(r.locations),
            "reached": len(r.reached),
            "activities": r.activities,
            "pupils": r.pupils,
            "reached_location_share": r.reached_location_share,
            "activities_per_100_pupils": r.activities_per_100_pupils,
            "reached_locations": [row(x) for x in r.reached],
            "unreached_locations": [row(x) for x in r.unreached],
        }

    return remember(h, ("reach", version, region.code, year, ctx.lang), make)


@router.get("/partners/reach", response_class=HTMLResponse, summary="Reach of vmbo locations")
async def reach_page(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> HTMLResponse:
    now = current_school_year()
    years = [(y, school_year_label(y)) for y in range(now, now - 5, -1)]
    query = ctx.request.url.query
    return await _page(
        ctx,
        "registry/reach.html",
        lambda v: {
            "reach": (doc := reach_doc(ctx, v, region, year)),
            "map_spec": reach_map(doc, ctx.lang),
            "years": years,
            "year": int(doc["school_year"][:4]),
        },
        lambda e: t(
            ctx.lang, "Bereik van vmbo-locaties: {region}", region=e["reach"]["region_name"]
        ),
        json_url="/partners/reach.json" + (f"?{query}" if query else ""),
        region_form=True,
    )


@router.get("/partners/reach.json", summary="Reach of vmbo locations (JSON)")
async def reach_json(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    return await json_text(ctx, lambda v: reach_doc(ctx, v, region, year))


@router.get("/partners/privacy", response_class=HTMLResponse, summary="Privacy statement")
async def privacy_page(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_who, h, sess)
    days = ctx.state.settings.retention_days
    return registry_page(
        ctx, h, sess, me, "registry/privacy.html", t(ctx.lang, "Privacy"), retention_days=days
    )
