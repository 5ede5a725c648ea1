"""Registry pages for signed-in accounts: activity and request forms, candidates and
matches (propose, accept, decline), the import with dry run, API tokens, and for admins the
approval of organisations and the audit log (``/partners/admin/audit.json`` twin)."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kansrijk.errors import InputError, KansrijkError, Message, message_of
from kansrijk.registry import accounts, audit, importer, matching, offers, tokens
from kansrijk.registry.errors import FieldError
from kansrijk.registry.models import Activity, Organisation, SchoolRequest
from kansrijk.registry.tokens import SCOPES
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.i18n import t
from kansrijk.web.registry_session import (
    RegistryHolder,
    WebSession,
    Who,
    check_csrf,
    fail,
    holder,
    read_session,
    who,
)
from kansrijk.web.registry_view import merged_form, offer_form, offer_json, redirect, registry_page
from kansrijk.web.render import json_response

router = APIRouter(include_in_schema=False)  # pages of signed-in accounts, not the API
T = TypeVar("T")
P = ParamSpec("P")


def login_first(
    page: Callable[P, Awaitable[Response]],
) -> Callable[P, Awaitable[Response]]:
    """A page for signed-in accounts: without one, a redirect to the login page."""

    @functools.wraps(page)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        try:
            return await page(*args, **kwargs)
        except HTTPException as exc:
            if exc.status_code == 401:
                return RedirectResponse("/partners/login", status_code=303)
            raise

    return wrapper


_MULTI = ("profiles", "target_groups", "languages")


def _signed_in(h: RegistryHolder, sess: WebSession, work: Callable[[Session, Who], T]) -> T:
    """Run ``work`` in one transaction for the signed-in account (401 otherwise); registry
    errors become HTTP errors (403, 404, 409, ...)."""
    with h.registry.session() as s:
        me = who(s, sess)
        if me.user is None or me.actor is None:
            raise HTTPException(401, "log in first: /partners/login")
        try:
            return work(s, me)
        except KansrijkError as exc:
            if isinstance(exc, FieldError):
                raise
            fail(exc)


async def _post_form(request: Request) -> tuple[RegistryHolder, WebSession, dict[str, str]]:
    h = holder(request)
    sess = read_session(request, h)
    form = await request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    multi = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in _MULTI if k in form}
    await form.close()
    check_csrf(h, sess, text)
    return h, sess, merged_form(text, multi)


def _offer_page(
    ctx: CtxDep,
    h: RegistryHolder,
    sess: WebSession,
    me: Who,
    title: str,
    action: str,
    values: Any,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/form.html",
        title,
        status_code=status_code,
        action=action,
        fields=offer_form(ctx.lang, values),
        error=error,
        intro="",
        submit=t(ctx.lang, "Opslaan"),
        multipart=False,
    )


def _me(h: RegistryHolder, sess: WebSession) -> Who:
    return _signed_in(h, sess, lambda _s, me: me)


# -- activities -------------------------------------------------------------------------------


@router.get("/partners/activities/new", response_class=HTMLResponse, summary="New activity")
@login_first
async def activity_new(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_me, h, sess)
    return _offer_page(
        ctx, h, sess, me, t(ctx.lang, "Nieuwe activiteit"), "/partners/activities/new", None
    )


@router.post("/partners/activities/new", include_in_schema=False)
async def activity_create(ctx: CtxDep) -> Response:
    h, sess, form = await _post_form(ctx.request)
    try:
        act_id = await run_in_threadpool(
            _signed_in, h, sess, lambda s, me: offers.create_activity(s, me.actor, form).id
        )
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return _offer_page(
            ctx,
            h,
            sess,
            me,
            t(ctx.lang, "Nieuwe activiteit"),
            "/partners/activities/new",
            form,
            localised(exc, ctx.lang)[0],
            400,
        )
    return redirect(ctx.request, h, sess, f"/partners/activities/{act_id}/candidates")


@router.get(
    "/partners/activities/{activity_id:int}/edit",
    response_class=HTMLResponse,
    summary="Edit an activity",
)
@login_first
async def activity_edit(ctx: CtxDep, activity_id: int) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)

    def work(s: Session, me: Who) -> tuple[Who, dict[str, Any]]:
        act = offers.get_activity(s, activity_id)
        assert me.actor is not None
        if not (me.actor.admin or me.actor.org_id == act.org_id):
            raise HTTPException(
                403, Message("activity {id} belongs to another organisation", id=activity_id)
            )
        return me, audit.snapshot(act) or {}

    me, values = await run_in_threadpool(_signed_in, h, sess, work)
    return _offer_page(
        ctx,
        h,
        sess,
        me,
        t(ctx.lang, "Wijzigen"),
        f"/partners/activities/{activity_id}/edit",
        values,
    )


@router.post("/partners/activities/{activity_id:int}/edit", include_in_schema=False)
async def activity_update(ctx: CtxDep, activity_id: int) -> Response:
    h, sess, form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        offers.update_object(s, me.actor, offers.get_activity(s, activity_id), form)

    try:
        await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return _offer_page(
            ctx,
            h,
            sess,
            me,
            t(ctx.lang, "Wijzigen"),
            f"/partners/activities/{activity_id}/edit",
            form,
            localised(exc, ctx.lang)[0],
            400,
        )
    return redirect(ctx.request, h, sess, "/partners/account")


@router.post("/partners/activities/{activity_id:int}/delete", include_in_schema=False)
async def activity_delete(request: Request, activity_id: int) -> Response:
    h, sess, _ = await _post_form(request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        offers.delete_object(s, me.actor, offers.get_activity(s, activity_id))

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(request, h, sess, "/partners/account")


# -- requests -----------------------------------------------------------------------------------


@router.get("/partners/requests/new", response_class=HTMLResponse, summary="New request")
@login_first
async def request_new(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_me, h, sess)
    values = None
    if me.org is not None and me.org.loc_code:
        loc = h.places.location(me.org.loc_code)
        if loc is not None and loc.pc4:
            values = {"pc4": loc.pc4, "radius_km": 15, "languages": "nl", "cost_eur": 0}
    return _offer_page(
        ctx, h, sess, me, t(ctx.lang, "Nieuwe aanvraag"), "/partners/requests/new", values
    )


@router.post("/partners/requests/new", include_in_schema=False)
async def request_create(ctx: CtxDep) -> Response:
    h, sess, form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> int:
        assert me.actor is not None
        loc = (me.org.loc_code if me.org else None) or ""
        if not loc:
            raise HTTPException(403, "only a school location posts requests")
        return offers.create_request(s, me.actor, form, loc_code=loc).id

    try:
        req_id = await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return _offer_page(
            ctx,
            h,
            sess,
            me,
            t(ctx.lang, "Nieuwe aanvraag"),
            "/partners/requests/new",
            form,
            localised(exc, ctx.lang)[0],
            400,
        )
    return redirect(ctx.request, h, sess, f"/partners/requests/{req_id}")


@router.get(
    "/partners/requests/{request_id:int}/edit",
    response_class=HTMLResponse,
    summary="Edit a request",
)
@login_first
async def request_edit(ctx: CtxDep, request_id: int) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)

    def work(s: Session, me: Who) -> tuple[Who, dict[str, Any]]:
        assert me.actor is not None
        req = offers.get_request(s, me.actor, request_id)
        if not (me.actor.admin or me.actor.org_id == req.org_id):
            raise HTTPException(
                403, Message("request {id} belongs to another organisation", id=request_id)
            )
        return me, audit.snapshot(req) or {}

    me, values = await run_in_threadpool(_signed_in, h, sess, work)
    return _offer_page(
        ctx, h, sess, me, t(ctx.lang, "Wijzigen"), f"/partners/requests/{request_id}/edit", values
    )


@router.post("/partners/requests/{request_id:int}/edit", include_in_schema=False)
async def request_update(ctx: CtxDep, request_id: int) -> Response:
    h, sess, form = await _post_form(ctx.request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        req = offers.get_request(s, me.actor, request_id)
        offers.update_object(s, me.actor, req, form)

    try:
        await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return _offer_page(
            ctx,
            h,
            sess,
            me,
            t(ctx.lang, "Wijzigen"),
            f"/partners/requests/{request_id}/edit",
            form,
            localised(exc, ctx.lang)[0],
            400,
        )
    return redirect(ctx.request, h, sess, "/partners/account")


# -- candidates and matches -----------------------------------------------------------------


def _candidates(h: RegistryHolder, sess: WebSession, lang: str, side: str, obj_id: int) -> Any:
    def work(s: Session, me: Who) -> Any:
        assert me.actor is not None
        if side == "request":
            own: Activity | SchoolRequest = offers.get_request(s, me.actor, obj_id)
        else:
            own = offers.get_activity(s, obj_id)
        if not (me.actor.admin or me.actor.org_id == own.org_id):
            template = (
                "request {id} belongs to another organisation"
                if side == "request"
                else "activity {id} belongs to another organisation"
            )
            raise HTTPException(403, Message(template, id=obj_id))
        if isinstance(own, SchoolRequest):
            cands = matching.offers_for(s, h.places, own)
            objs: dict[int, Any] = {c.id: s.get(Activity, c.id) for c in cands}
        else:
            cands = matching.requests_for(s, h.places, own)
            objs = {c.id: s.get(SchoolRequest, c.id) for c in cands}
        names = {
            o.org_id: (s.get(Organisation, o.org_id) or Organisation(name="?")).name
            for o in objs.values()
        }
        rows = [
            {
                "fit": c.fit,
                "km": c.distance_km,
                "obj": offer_json(objs[c.id], lang, org_name=names[objs[c.id].org_id]),
            }
            for c in cands
        ]
        return me, offer_json(own, lang), rows

    return _signed_in(h, sess, work)


async def _candidates_page(ctx: CtxDep, side: str, obj_id: int) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me, own, rows = await run_in_threadpool(_candidates, h, sess, ctx.lang, side, obj_id)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/candidates.html",
        t(ctx.lang, "Wat past bij: {title}", title=own["title"]),
        side=side,
        own=own,
        rows=rows,
    )


@router.get(
    "/partners/requests/{request_id:int}",
    response_class=HTMLResponse,
    summary="A request and the activities that fit it",
)
@login_first
async def request_page(ctx: CtxDep, request_id: int) -> Response:
    return await _candidates_page(ctx, "request", request_id)


@router.get(
    "/partners/activities/{activity_id:int}/candidates",
    response_class=HTMLResponse,
    summary="An activity and the requests that fit it",
)
@login_first
async def activity_candidates(ctx: CtxDep, activity_id: int) -> Response:
    return await _candidates_page(ctx, "activity", activity_id)


@router.post("/partners/matches", include_in_schema=False)
async def match_propose(request: Request) -> Response:
    h, sess, form = await _post_form(request)
    try:
        act_id, req_id = int(form.get("activity_id", "")), int(form.get("request_id", ""))
    except ValueError:
        raise HTTPException(400, "activity_id and request_id: expected numbers") from None

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        matching.propose(s, me.actor, act_id, req_id)

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(request, h, sess, "/partners/account#matches")


@router.post("/partners/matches/{match_id:int}", include_in_schema=False)
async def match_answer(request: Request, match_id: int) -> Response:
    h, sess, form = await _post_form(request)
    status = form.get("status", "")

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        matching.answer(s, me.actor, match_id, status)

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(request, h, sess, "/partners/account#matches")


# -- import, tokens ---------------------------------------------------------------------------


@router.get("/partners/import", response_class=HTMLResponse, summary="Import activities")
@login_first
async def import_page(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_me, h, sess)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/import.html",
        t(ctx.lang, "Activiteiten importeren"),
        report=None,
    )


@router.post("/partners/import", response_class=HTMLResponse, include_in_schema=False)
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

    def work(s: Session, me: Who) -> tuple[Who, importer.ImportReport]:
        assert me.actor is not None
        return me, importer.import_activities(s, me.actor, data, name, dry_run=dry)

    try:
        me, report = await run_in_threadpool(_signed_in, h, sess, work)
    except InputError as exc:
        me = await run_in_threadpool(_me, h, sess)
        return registry_page(
            ctx,
            h,
            sess,
            me,
            "registry/import.html",
            t(ctx.lang, "Activiteiten importeren"),
            report=None,
            error=localised(exc, ctx.lang)[0],
            status_code=400,
        )
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/import.html",
        t(ctx.lang, "Activiteiten importeren"),
        report=report,
    )


@router.post("/partners/tokens", response_class=HTMLResponse, include_in_schema=False)
async def token_create(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await ctx.request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    scopes = [v for v in form.getlist("scopes") if isinstance(v, str)]
    await form.close()
    check_csrf(h, sess, text)

    def work(s: Session, me: Who) -> tuple[Who, str]:
        assert me.actor is not None
        return me, tokens.create_token(s, me.actor, text.get("name", ""), scopes)[1]

    try:
        me, plain = await run_in_threadpool(_signed_in, h, sess, work)
    except FieldError as exc:
        raise HTTPException(400, message_of(exc)) from exc
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/message.html",
        t(ctx.lang, "API-sleutels"),
        message=t(ctx.lang, "Uw nieuwe sleutel; kopieer hem nu, we tonen hem niet nog eens:"),
        token=plain,
    )


@router.post("/partners/tokens/{token_id:int}/revoke", include_in_schema=False)
async def token_revoke(request: Request, token_id: int) -> Response:
    h, sess, _ = await _post_form(request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        tokens.revoke_token(s, me.actor, token_id)

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(request, h, sess, "/partners/account#tokens")


# -- admin ------------------------------------------------------------------------------------


def _admin(h: RegistryHolder, sess: WebSession) -> Any:
    def work(s: Session, me: Who) -> Any:
        if me.actor is None or not me.actor.admin:
            raise HTTPException(403, "admins only")
        return me, accounts.pending(s), audit.entries(s, limit=100)

    return _signed_in(h, sess, work)


@router.get("/partners/admin", response_class=HTMLResponse, summary="Admin: approvals, audit log")
@login_first
async def admin_page(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me, orgs, trail = await run_in_threadpool(_admin, h, sess)
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/admin.html",
        t(ctx.lang, "Beheer"),
        pending=orgs,
        trail=trail,
        scopes=SCOPES,
    )


@router.get("/partners/admin/audit.json", summary="Admin: the audit log (JSON)")
async def admin_audit_json(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)
    _, _, trail = await run_in_threadpool(_admin, h, sess)
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


@router.post("/partners/admin/approve/{org_id:int}", include_in_schema=False)
async def admin_approve(request: Request, org_id: int) -> Response:
    h, sess, _ = await _post_form(request)

    def work(s: Session, me: Who) -> None:
        assert me.actor is not None
        accounts.approve(s, me.actor, org_id)

    await run_in_threadpool(_signed_in, h, sess, work)
    return redirect(request, h, sess, "/partners/admin")
