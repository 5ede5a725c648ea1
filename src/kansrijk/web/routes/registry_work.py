"""Registry pages for signed-in accounts: activity and request forms, candidates and
matches (propose, accept, decline), the import with dry run, API tokens, and for admins the
approval of organisations and the audit log (``/partners/admin/audit.json`` twin)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kansrijk.errors import InputError, message_of
from kansrijk.l10n.monitor import N_, error_text, t
from kansrijk.registry import accounts, audit, importer, matching, offers, tokens
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import FieldError
from kansrijk.registry.tokens import SCOPES
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.registry_forms import (
    Call,
    FormPage,
    Values,
    account_page,
    act,
    posted,
    signed_in,
)
from kansrijk.web.registry_session import (
    Who,
    check_csrf,
    holder,
    read_session,
)
from kansrijk.web.registry_view import offer_form, offer_json, registry_page
from kansrijk.web.render import json_response

router = APIRouter(include_in_schema=False)  # pages of signed-in accounts, not the API


def _values(kind: str, call: Call) -> Values:
    """The activity's or request's values to change (of one's own organisation)."""
    return audit.snapshot(offers.own_object(call.s, call.actor, kind, call.params["id"])) or {}


def _update(kind: str, call: Call, form: dict[str, Any]) -> str:
    obj = offers.own_object(call.s, call.actor, kind, call.params["id"])
    offers.update_object(call.s, call.actor, obj, form)
    return "/partners/account"


def _new_activity(call: Call, form: dict[str, Any]) -> str:
    act_id = offers.create_activity(call.s, call.actor, form).id
    return f"/partners/activities/{act_id}/candidates"


def _request_values(call: Call) -> Values:
    """A new request starts at the school location's postcode."""
    code = call.me.org.loc_code if call.me.org else None
    loc = call.h.places.location(code) if code else None
    if loc is None or not loc.pc4:
        return {}
    return {"pc4": loc.pc4, "radius_km": 15, "languages": "nl", "cost_eur": 0}


def _new_request(call: Call, form: dict[str, Any]) -> str:
    loc = (call.me.org.loc_code if call.me.org else None) or ""
    req = offers.create_request(call.s, call.actor, form, loc_code=loc)
    return f"/partners/requests/{req.id}"


def _offer_page(path: str, title: str, submit: Any, initial: Any = None) -> None:
    """The form of an activity or request (new or changed) on the router."""
    FormPage(
        path=path,
        title=title,
        context=lambda call, values: {"fields": offer_form(call.lang, values)},
        submit=submit,
        initial=initial or (lambda _call: {}),
        multi=("profiles", "target_groups", "languages"),
    ).add_to(router)


_offer_page("/partners/activities/new", N_("Nieuwe activiteit"), _new_activity)
_offer_page("/partners/requests/new", N_("Nieuwe aanvraag"), _new_request, _request_values)
for kind, plural in (("activity", "activities"), ("request", "requests")):
    edit = f"/partners/{plural}/{{id:int}}/edit"
    _offer_page(edit, N_("Wijzigen"), partial(_update, kind), partial(_values, kind))


@router.post("/partners/activities/{activity_id:int}/delete")
async def activity_delete(request: Request, activity_id: int) -> Response:
    def work(s: Session, actor: Actor, _form: Any) -> None:
        offers.delete_object(s, actor, offers.get_activity(s, activity_id))

    return await act(request, work, "/partners/account")


# -- candidates and matches -----------------------------------------------------------------


async def _candidates_page(ctx: CtxDep, side: str, obj_id: int) -> Response:
    h = holder(ctx.request)

    def work(s: Session, me: Who) -> dict[str, Any]:
        assert me.actor is not None
        own = offers.own_object(s, me.actor, side, obj_id)
        rows = [
            {"fit": c.fit, "km": c.distance_km, "obj": offer_json(obj, ctx.lang, org_name=name)}
            for c, obj, name in matching.fitting(s, h.places, own)
        ]
        return {"side": side, "own": offer_json(own, ctx.lang), "rows": rows}

    return await account_page(
        ctx,
        "registry/candidates.html",
        lambda data: t(ctx.lang, "Wat past bij: {title}", title=data["own"]["title"]),
        work,
    )


def _candidates(side: str) -> Any:
    async def page(ctx: CtxDep) -> Response:
        return await _candidates_page(ctx, side, int(ctx.request.path_params["id"]))

    return page


# a request and the activities that fit it; an activity and the requests that fit it
router.add_api_route("/partners/requests/{id:int}", _candidates("request"), methods=["GET"])
router.add_api_route(
    "/partners/activities/{id:int}/candidates", _candidates("activity"), methods=["GET"]
)


@router.post("/partners/matches")
async def match_propose(request: Request) -> Response:
    def work(s: Session, actor: Actor, form: dict[str, Any]) -> None:
        try:
            act_id, req_id = int(form.get("activity_id", "")), int(form.get("request_id", ""))
        except ValueError:
            raise HTTPException(400, "activity_id and request_id: expected numbers") from None
        matching.propose(s, actor, act_id, req_id)

    return await act(request, work, "/partners/account#matches")


@router.post("/partners/matches/{match_id:int}")
async def match_answer(request: Request, match_id: int) -> Response:
    def work(s: Session, actor: Actor, form: dict[str, Any]) -> None:
        matching.answer(s, actor, match_id, form.get("status", ""))

    return await act(request, work, "/partners/account#matches")


# -- import, tokens ---------------------------------------------------------------------------


@router.get("/partners/import", response_class=HTMLResponse, summary="Import activities")
async def import_page(ctx: CtxDep) -> Response:
    title = N_("Activiteiten importeren")
    return await account_page(ctx, "registry/import.html", title, lambda _s, _me: {"report": None})


@router.post("/partners/import", response_class=HTMLResponse)
async def import_post(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await ctx.request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    upload = form.get("file")
    data = await upload.read(importer.MAX_BYTES + 1) if isinstance(upload, UploadFile) else None
    name = (upload.filename if isinstance(upload, UploadFile) else None) or "upload.csv"
    await form.close()
    check_csrf(h, sess, text)
    if data is None:
        raise HTTPException(400, "file: expected a CSV or XLSX file")
    dry = text.get("dry_run") == "yes"

    def work(s: Session, me: Who) -> tuple[Who, importer.ImportReport | None]:
        assert me.actor is not None
        return me, importer.import_activities(s, me.actor, data, name, dry_run=dry)

    error = ""
    try:  # a file it cannot read: rolled back, shown on the form
        me, report = await run_in_threadpool(signed_in, h, sess, work)
    except InputError as exc:
        me, report = await run_in_threadpool(signed_in, h, sess, lambda _s, me: (me, None))
        error = localised(exc, ctx.lang)[0]
    title = t(ctx.lang, "Activiteiten importeren")
    status = 400 if error else 200
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/import.html",
        title,
        report=report,
        rejected=[] if report is None else _rejected(report, ctx.lang),
        error=error,
        status_code=status,
    )


def _rejected(report: importer.ImportReport, lang: str) -> list[dict[str, Any]]:
    """The rejected rows with each reason in ``lang`` (``lang``: the reason's language, English
    where the ``errors`` catalogue has no translation)."""
    out = []
    for r in report.rejected:
        text, done = error_text(lang, r.reason)
        out.append(
            {
                "line": r.line,
                "column": r.column or "",
                "reason": text,
                "lang": lang if done else "en",
            }
        )
    return out


@router.post("/partners/tokens", response_class=HTMLResponse)
async def token_create(ctx: CtxDep) -> HTMLResponse:
    h, sess, form = await posted(ctx.request, ("scopes",), join=False)

    def work(s: Session, me: Who) -> tuple[Who, str]:
        assert me.actor is not None
        return me, tokens.create_token(s, me.actor, form.get("name", ""), form["scopes"])[1]

    try:
        me, plain = await run_in_threadpool(signed_in, h, sess, work)
    except FieldError as exc:
        raise HTTPException(400, message_of(exc)) from exc
    title = t(ctx.lang, "API-sleutels")
    text = t(ctx.lang, "Uw nieuwe sleutel; kopieer hem nu, we tonen hem niet nog eens:")
    return registry_page(
        ctx, h, sess, me, "registry/message.html", title, message=text, token=plain
    )


@router.post("/partners/tokens/{token_id:int}/revoke")
async def token_revoke(request: Request, token_id: int) -> Response:
    def work(s: Session, actor: Actor, _form: Any) -> None:
        tokens.revoke_token(s, actor, token_id)

    return await act(request, work, "/partners/account#tokens")


# -- admin ------------------------------------------------------------------------------------


def _admin(s: Session, me: Who) -> dict[str, Any]:
    assert me.actor is not None
    accounts.require_admin(me.actor)
    return {"pending": accounts.pending(s), "trail": audit.entries(s, limit=100)}


@router.get("/partners/admin", response_class=HTMLResponse, summary="Admin: approvals, audit log")
async def admin_page(ctx: CtxDep) -> Response:
    return await account_page(ctx, "registry/admin.html", N_("Beheer"), _admin, scopes=SCOPES)


@router.get("/partners/admin/audit.json", summary="Admin: the audit log (JSON)")
async def admin_audit_json(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)
    trail = (await run_in_threadpool(signed_in, h, sess, _admin))["trail"]
    return json_response(
        {
            "entries": [
                {
                    "id": e.id,
                    "at": e.at.isoformat(),
                    "user_id": e.user_id,
                    "org_id": e.org_id,
                    "action": e.action,
                    "entity": e.entity,
                    "entity_id": e.entity_id,
                    "before": json.loads(e.before) if e.before else None,
                    "after": json.loads(e.after) if e.after else None,
                }
                for e in trail
            ]
        }
    )


@router.post("/partners/admin/approve/{org_id:int}")
async def admin_approve(request: Request, org_id: int) -> Response:
    def work(s: Session, actor: Actor, _form: Any) -> None:
        accounts.approve(s, actor, org_id)

    return await act(request, work, "/partners/admin")
