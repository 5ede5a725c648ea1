"""Registry pages for everyone: the public list of activities (``/partners``), one
activity, the reach page, the privacy page; JSON twins: ``/partners.json``,
``/partners/activities/{id}.json``, ``/partners/reach.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.l10n.monitor import N_, t
from kansrijk.registry import documents
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.map_spec import region_base, settings_tiles
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
from kansrijk.web.registry_view import reach_legend, reach_map, registry_page

router = APIRouter()


def public_doc(ctx: Ctx, _q: Any = None) -> dict[str, Any]:
    """The published activities of approved organisations."""
    h = holder(ctx.request)

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            return documents.public_activities(s, ctx.lang)

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
        try:
            return documents.activity(s, who(s, sess).actor, q.activity_id, ctx.lang)
        except KansrijkError as exc:
            fail(exc)


def reach_doc(ctx: Ctx, q: RegionYear) -> dict[str, Any]:
    """The reach of a region and school year as a JSON document."""
    h = holder(ctx.request)
    region = ctx.region(q.region)
    year = school_year_param(q.year)

    def make() -> dict[str, Any]:
        with h.registry.session() as s:
            return documents.reach_of(s, h.places, region, year, ctx.lang)

    return h.remember(("reach", h.current_version(), region.code, year, ctx.lang), make)


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
        lambda ctx, doc: {
            "map_spec": reach_map(
                doc, ctx.lang, region_base(ctx, ctx.region(doc["region"])), settings_tiles(ctx)
            ),
            "map_legend": reach_legend(doc, ctx.lang),
        },
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
