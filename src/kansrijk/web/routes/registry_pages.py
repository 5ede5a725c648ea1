"""Registry pages for everyone: the public list of activities (``/partners``), one
activity, the reach page, the privacy page; JSON twins: ``/partners.json``,
``/partners/activities/{id}.json``, ``/partners/reach.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.registry import offers
from kansrijk.registry.models import Organisation
from kansrijk.registry.reach import current_school_year, reach, school_year_label
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import t
from kansrijk.web.registry_public import (
    PublicPage,
    RegionYear,
    region_year,
    remember,
    school_year_param,
)
from kansrijk.web.registry_session import fail, holder, read_session, who
from kansrijk.web.registry_view import offer_json, reach_map, registry_page

router = APIRouter()


def public_doc(ctx: Ctx, version: int, _q: Any = None) -> dict[str, Any]:
    """The published activities of approved organisations."""
    h = holder(ctx.request)

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            acts = offers.public_activities(s)
            ids = {a.org_id for a in acts}
            rows = s.execute(
                select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))
            )
            names = {int(i): str(n) for i, n in rows} if ids else {}
            return {
                "activities": [offer_json(a, ctx.lang, org_name=names.get(a.org_id)) for a in acts]
            }

    return remember(h, ("public", version, ctx.lang), make)


PARTNERS = PublicPage(
    path="/partners",
    template="registry/home.html",
    doc=public_doc,
    title=lambda ctx, _doc: t(ctx.lang, "Partners: techniekactiviteiten voor scholen"),
    context=lambda _ctx, doc: {"activities": doc["activities"]},
    name="partners",
    summary="Partner registry: activities",
    json_summary="Published activities (JSON)",
    api=(
        "/api/v1/registry/activities",
        "api_activities",
        "Published activities of approved organisations",
    ),
)


def activity_param(activity_id: int) -> int:
    """The activity of the path (a FastAPI dependency)."""
    return activity_id


def activity_doc(ctx: Ctx, _version: int, activity_id: int) -> dict[str, Any]:
    """One activity as the visitor may see it (its contact for approved accounts)."""
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    with h.registry.session() as s:
        me = who(s, sess)
        try:
            act = offers.visible_activity(s, me.actor, activity_id)
        except KansrijkError as exc:
            fail(exc)
        org = s.get(Organisation, act.org_id)
        private = me.actor is not None and me.actor.approved
        return offer_json(act, ctx.lang, org_name=org.name if org else None, private=private)


ACTIVITY = PublicPage(
    path="/partners/activities/{activity_id:int}",
    template="registry/activity.html",
    doc=activity_doc,
    title=lambda _ctx, doc: str(doc["title"]),
    context=lambda _ctx, doc: {"activity": doc},
    name="activity",
    summary="One activity",
    query=activity_param,
    personal=True,
)


def reach_doc(ctx: Ctx, version: int, q: RegionYear) -> dict[str, Any]:
    """The reach of a region and school year as a JSON document."""
    h = holder(ctx.request)
    region = ctx.region(q.region)
    year = school_year_param(q.year)

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


def year_choice(doc: dict[str, Any]) -> dict[str, Any]:
    """The school-year selector of a page per region and year (the last five years)."""
    now = current_school_year()
    years = [(y, school_year_label(y)) for y in range(now, now - 5, -1)]
    return {"years": years, "year": int(doc["school_year"][:4])}


REACH = PublicPage(
    path="/partners/reach",
    template="registry/reach.html",
    doc=reach_doc,
    title=lambda ctx, doc: t(
        ctx.lang, "Bereik van vmbo-locaties: {region}", region=doc["region_name"]
    ),
    context=lambda ctx, doc: {
        "reach": doc,
        "map_spec": reach_map(doc, ctx.lang),
        **year_choice(doc),
    },
    name="reach",
    summary="Reach of vmbo locations",
    query=region_year,
    api=(
        "/api/v1/registry/reach",
        "api_reach",
        "Reach of vmbo locations per region and school year",
    ),
    region_form=True,
)

for page in (PARTNERS, ACTIVITY, REACH):
    page.add_to(router)


@router.get("/partners/privacy", response_class=HTMLResponse, summary="Privacy statement")
async def privacy_page(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)

    def me() -> Any:
        with h.registry.session() as s:
            return who(s, sess)

    days = ctx.state.settings.retention_days
    return registry_page(
        ctx,
        h,
        sess,
        await run_in_threadpool(me),
        "registry/privacy.html",
        t(ctx.lang, "Privacy"),
        retention_days=days,
    )
