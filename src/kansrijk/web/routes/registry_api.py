"""The registry's API (``/api/v1/registry``): published activities and reach for everyone
(``/activities``, ``/reach``, ``/shortages`` and ``/survey`` are the JSON twins of their
pages, declared with them);
intermediaries push activities with a per-organisation token (``Authorization: Bearer``,
scope ``activities:write``); the registry indicators per region and school year (the
internship shortage suppressed below the indicators' threshold)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.registry import offers
from kansrijk.registry.audit import Actor
from kansrijk.registry.documents import offer_json
from kansrijk.registry.indicator_values import indicator_values
from kansrijk.registry.tokens import token_actor
from kansrijk.web.deps import CtxDep
from kansrijk.web.openapi import error_response
from kansrijk.web.registry_public import RegionQ, YearQ, school_year_param
from kansrijk.web.registry_session import fail, holder
from kansrijk.web.render import json_response
from kansrijk.web.routes.registry_pages import ActivityId, activity_doc

router = APIRouter(prefix="/api/v1/registry")
#: What the token-protected routes answer besides 200 (and the app-wide 400/404/414).
TOKEN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {**error_response(401), "description": "No Authorization: Bearer token."},
    403: {
        **error_response(403),
        "description": "Unknown, revoked or unscoped token, or another organisation's activity.",
    },
}


def _bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise HTTPException(401, "expected an Authorization: Bearer <token> header")
    return auth[7:].strip()


@router.get("/activities/{activity_id:int}", summary="One published activity")
async def api_activity(ctx: CtxDep, activity_id: int) -> Response:
    doc = await run_in_threadpool(activity_doc, ctx, ActivityId(activity_id))
    return json_response({"ok": True, "activity": doc})


async def _with_token(request: Request, scope: str, work: Any) -> Any:
    h = holder(request)
    token = _bearer(request)

    def run() -> Any:
        with h.registry.session() as s:
            try:
                actor: Actor = token_actor(s, token, scope)
                return work(s, actor)
            except KansrijkError as exc:
                fail(exc)

    return await run_in_threadpool(run)


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, "expected a JSON object with the activity's fields") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "expected a JSON object with the activity's fields")
    return {k: (",".join(map(str, v)) if isinstance(v, list) else v) for k, v in body.items()}


@router.post(
    "/activities",
    summary="Add an activity (token scope activities:write)",
    status_code=201,
    responses=TOKEN_ERRORS,
)
async def api_create(request: Request) -> Response:
    _bearer(request)
    body = await _body(request)
    lang = "nl"

    def work(s: Any, actor: Actor) -> dict[str, Any]:
        return offer_json(offers.create_activity(s, actor, body), lang, private=True)

    return json_response(
        {"ok": True, "activity": await _with_token(request, "activities:write", work)},
        status_code=201,
    )


@router.put(
    "/activities/{activity_id:int}",
    summary="Change an activity (activities:write)",
    responses=TOKEN_ERRORS,
)
async def api_update(request: Request, activity_id: int) -> Response:
    _bearer(request)
    body = await _body(request)

    def work(s: Any, actor: Actor) -> dict[str, Any]:
        act = offers.get_activity(s, activity_id)
        offers.update_object(s, actor, act, body)
        return offer_json(act, "nl", private=True)

    return json_response(
        {"ok": True, "activity": await _with_token(request, "activities:write", work)}
    )


@router.delete(
    "/activities/{activity_id:int}",
    summary="Delete an activity (activities:write)",
    responses=TOKEN_ERRORS,
)
async def api_delete(request: Request, activity_id: int) -> Response:
    def work(s: Any, actor: Actor) -> None:
        offers.delete_object(s, actor, offers.get_activity(s, activity_id))

    await _with_token(request, "activities:write", work)
    return json_response({"ok": True, "deleted": activity_id})


@router.get("/indicators", summary="The registry indicators for a region and school year")
async def api_indicators(ctx: CtxDep, region: RegionQ = None, year: YearQ = None) -> Response:
    h = holder(ctx.request)
    chosen = ctx.region(region)
    school_year = school_year_param(year)

    def work() -> list[dict[str, Any]]:
        with h.registry.session() as s:
            return indicator_values(s, h.places, chosen, school_year)

    return json_response({"ok": True, "values": await run_in_threadpool(work)})
