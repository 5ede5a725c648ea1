"""The registry's API (``/api/v1/registry``): published activities and reach for everyone;
intermediaries push activities with a per-organisation token (``Authorization: Bearer``,
scope ``activities:write``); the two registry indicators per region and school year."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.registry import offers
from kansrijk.registry.audit import Actor
from kansrijk.registry.reach import INDICATOR_IDS, indicator_value
from kansrijk.registry.tokens import token_actor
from kansrijk.web.deps import CtxDep
from kansrijk.web.registry_session import fail, holder
from kansrijk.web.registry_view import offer_json
from kansrijk.web.render import json_response
from kansrijk.web.routes.registry_pages import _activity, _public, _year, reach_doc

router = APIRouter(prefix="/api/v1/registry")


def _bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise HTTPException(401, "expected an Authorization: Bearer <token> header")
    return auth[7:].strip()


@router.get("/activities", summary="Published activities of approved organisations")
async def api_activities(ctx: CtxDep) -> Response:
    return json_response({"ok": True, **(await run_in_threadpool(_public, ctx))})


@router.get("/activities/{activity_id:int}", summary="One published activity")
async def api_activity(ctx: CtxDep, activity_id: int) -> Response:
    return json_response(
        {"ok": True, "activity": await run_in_threadpool(_activity, ctx, activity_id)}
    )


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


@router.post("/activities", summary="Add an activity (token scope activities:write)")
async def api_create(request: Request) -> Response:
    body = await _body(request)
    lang = "nl"

    def work(s: Any, actor: Actor) -> dict[str, Any]:
        return offer_json(offers.create_activity(s, actor, body), lang, private=True)

    return json_response(
        {"ok": True, "activity": await _with_token(request, "activities:write", work)},
        status_code=201,
    )


@router.put("/activities/{activity_id:int}", summary="Change an activity (activities:write)")
async def api_update(request: Request, activity_id: int) -> Response:
    body = await _body(request)

    def work(s: Any, actor: Actor) -> dict[str, Any]:
        act = offers.get_activity(s, activity_id)
        offers.update_object(s, actor, act, body)
        return offer_json(act, "nl", private=True)

    return json_response(
        {"ok": True, "activity": await _with_token(request, "activities:write", work)}
    )


@router.delete("/activities/{activity_id:int}", summary="Delete an activity (activities:write)")
async def api_delete(request: Request, activity_id: int) -> Response:
    def work(s: Any, actor: Actor) -> None:
        offers.delete_object(s, actor, offers.get_activity(s, activity_id))

    await _with_token(request, "activities:write", work)
    return json_response({"ok": True, "deleted": activity_id})


@router.get("/reach", summary="Reach of vmbo locations per region and school year")
async def api_reach(ctx: CtxDep) -> Response:
    return json_response({"ok": True, **(await run_in_threadpool(reach_doc, ctx))})


@router.get("/indicators", summary="The registry indicators for a region and school year")
async def api_indicators(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    region = ctx.region(ctx.request.query_params.get("region"))
    year = _year(ctx)

    def work() -> list[dict[str, Any]]:
        with h.registry.session() as s:
            out = []
            for ind in INDICATOR_IDS:
                value, num, den = indicator_value(s, h.places, ind, region, year)
                out.append(
                    {
                        "indicator": ind,
                        "region": region.code,
                        "school_year": year,
                        "value": value,
                        "numerator": num,
                        "denominator": den,
                    }
                )
            return out

    return json_response({"ok": True, "values": await run_in_threadpool(work)})
