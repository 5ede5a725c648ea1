"""Registry pages for everyone: the public list of activities (``/partners``), one
activity, the reach page, the privacy page; JSON twins: ``/partners.json``,
``/partners/activities/{id}.json``, ``/partners/reach.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.l10n.monitor import N_, t
from kansrijk.registry import offers
from kansrijk.registry.models import Organisation
from kansrijk.registry.reach import reach, school_year_label
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.page import Page
from kansrijk.web.page import doc as described
from kansrijk.web.registry_public import (
    PER_REGION,
    PERSONAL,
    PUBLIC,
    NoQuery,
    RegionYear,
    region_page,
    school_year_param,
)
from kansrijk.web.registry_session import fail, holder, read_session, who
from kansrijk.web.registry_view import offer_json, reach_map, registry_page

router = APIRouter()


def public_doc(ctx: Ctx, _q: Any = None) -> dict[str, Any]:
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

    return h.remember(("public", h.current_version(), ctx.lang), make)


@dataclass(frozen=True, slots=True)
class ActivityId:
    """The activity of the path."""

    activity_id: int = field(metadata=described("The activity's id."))


def activity_doc(ctx: Ctx, q: ActivityId) -> dict[str, Any]:
    """One activity as the visitor may see it (its contact for approved accounts)."""
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    with h.registry.session() as s:
        me = who(s, sess)
        try:
            act = offers.visible_activity(s, me.actor, q.activity_id)
        except KansrijkError as exc:
            fail(exc)
        org = s.get(Organisation, act.org_id)
        private = me.actor is not None and me.actor.approved
        return offer_json(act, ctx.lang, org_name=org.name if org else None, private=private)


def reach_doc(ctx: Ctx, q: RegionYear) -> dict[str, Any]:
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

    key = ("reach", h.current_version(), region.code, year, ctx.lang)
    return h.remember(key, make)


PAGES = (
    Page(
        path="/partners",
        template="registry/home.html",
        params=NoQuery,
        view=public_doc,
        context=lambda ctx, _q, doc: {
            "title": t(ctx.lang, "Partners: techniekactiviteiten voor scholen"),
            "activities": doc["activities"],
        },
        summary="Published activities (JSON)",
        api="/api/v1/registry/activities",
        api_summary="Published activities of approved organisations",
        serving=PUBLIC,
    ),
    Page(
        path="/partners/activities/{activity_id}",
        template="registry/activity.html",
        params=ActivityId,
        view=activity_doc,
        context=lambda _ctx, _q, doc: {"title": str(doc["title"]), "activity": doc},
        summary="One activity (JSON)",
        serving=PERSONAL,
    ),
    region_page(
        "/partners/reach",
        "registry/reach.html",
        reach_doc,
        N_("Bereik van vmbo-locaties: {region}"),
        lambda ctx, doc: {"map_spec": reach_map(doc, ctx.lang)},
        summary="Reach of vmbo locations (JSON)",
        api="/api/v1/registry/reach",
        api_summary="Reach of vmbo locations per region and school year",
        serving=PER_REGION,
    ),
)
for page in PAGES:
    router.include_router(page.router())


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
