"""Registry pages for signed-in accounts: activity and request forms, candidates and
matches (propose, accept, decline), the import with dry run, API tokens, and for admins the
approval of organisations and the audit log (``/partners/admin/audit.json`` twin)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kansrijk.errors import InputError, message_of
from kansrijk.l10n.monitor import N_, error_text, t
from kansrijk.registry import accounts, audit, documents, importer, matching, offers, tokens
from kansrijk.registry.accounts import Who
from kansrijk.registry.errors import FieldError
from kansrijk.registry.tokens import SCOPES
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.registry_forms import (
    AccountPage,
    Button,
    Call,
    FormPage,
    Values,
    account_json,
    add_all,
    posted,
    signed_in,
)
from kansrijk.web.registry_session import check_csrf, holder, read_session
from kansrijk.web.registry_view import offer_form, registry_page

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


def _new_request(call: Call, form: dict[str, Any]) -> str:
    req = offers.create_request(call.s, call.actor, form, loc_code=call.loc_code)
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
_offer_page(
    "/partners/requests/new",
    N_("Nieuwe aanvraag"),
    _new_request,
    lambda call: offers.request_defaults(call.h.places, call.loc_code),
)
for kind, plural in (("activity", "activities"), ("request", "requests")):
    edit = f"/partners/{plural}/{{id:int}}/edit"
    _offer_page(edit, N_("Wijzigen"), partial(_update, kind), partial(_values, kind))


Button(
    "/partners/activities/{activity_id:int}/delete",
    lambda c, _f: offers.delete_object(
        c.s, c.actor, offers.get_activity(c.s, c.params["activity_id"])
    ),
    "/partners/account",
).add_to(router)


# -- candidates and matches -----------------------------------------------------------------


def _candidates(path: str, side: str) -> AccountPage:
    """One's own request or activity and what fits it."""
    return AccountPage(
        path,
        "registry/candidates.html",
        lambda call, data: t(call.lang, "Wat past bij: {title}", title=data["own"]["title"]),
        lambda call: documents.candidates(
            call.s, call.h.places, call.actor, side, call.params["id"], call.lang
        ),
    )


def _propose(call: Call, form: dict[str, Any]) -> None:
    try:
        act_id, req_id = int(form.get("activity_id", "")), int(form.get("request_id", ""))
    except ValueError:
        raise HTTPException(400, "activity_id and request_id: expected numbers") from None
    matching.propose(call.s, call.actor, act_id, req_id)


add_all(
    router,
    _candidates("/partners/requests/{id:int}", "request"),
    _candidates("/partners/activities/{id:int}/candidates", "activity"),
    Button("/partners/matches", _propose, "/partners/account#matches"),
    Button(
        "/partners/matches/{match_id:int}",
        lambda c, f: matching.answer(c.s, c.actor, c.params["match_id"], f.get("status", "")),
        "/partners/account#matches",
    ),
    AccountPage(
        "/partners/import",
        "registry/import.html",
        N_("Activiteiten importeren"),
        lambda _call: {"report": None},
    ),
)


# -- import, tokens ---------------------------------------------------------------------------


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


Button(
    "/partners/tokens/{token_id:int}/revoke",
    lambda c, _f: tokens.revoke_token(c.s, c.actor, c.params["token_id"]),
    "/partners/account#tokens",
).add_to(router)


# -- admin ------------------------------------------------------------------------------------


def _admin(s: Session, me: Who) -> dict[str, Any]:
    assert me.actor is not None
    accounts.require_admin(me.actor)
    return {"pending": accounts.pending(s), "trail": audit.entries(s, limit=100)}


AccountPage(
    "/partners/admin",
    "registry/admin.html",
    N_("Beheer"),
    lambda call: _admin(call.s, call.me) | {"scopes": SCOPES},
).add_to(router)


@router.get("/partners/admin/audit.json", summary="Admin: the audit log (JSON)")
async def admin_audit_json(ctx: CtxDep) -> Response:
    def work(call: Call) -> dict[str, Any]:
        return {"entries": [documents.audit_entry(e) for e in _admin(call.s, call.me)["trail"]]}

    return await account_json(ctx, work)


Button(
    "/partners/admin/approve/{org_id:int}",
    lambda c, _f: accounts.approve(c.s, c.actor, c.params["org_id"]),
    "/partners/admin",
).add_to(router)
