"""Registry pages of accounts: registration, login and logout (also everywhere), password
reset by e-mail, and one's own account with the export and deletion of one's data."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError as _Err
from kansrijk.registry import accounts, matching, offers, tokens
from kansrijk.registry.accounts import Registration
from kansrijk.registry.errors import ConflictError, FieldError
from kansrijk.registry.mail import send_mail
from kansrijk.registry.models import Activity, SchoolRequest
from kansrijk.registry.vocab import ORG_KINDS, label
from kansrijk.web.deps import CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.i18n import N_, choice_label, t
from kansrijk.web.registry_session import (
    NOBODY,
    check_csrf,
    client_address,
    fail,
    form_of,
    holder,
    new_session,
    read_session,
    who,
)
from kansrijk.web.registry_view import (
    redirect,
    registry_page,
)
from kansrijk.web.render import json_response
from kansrijk.web.routes.registry_pages import _who

router = APIRouter()
log = logging.getLogger("kansrijk.web")


# -- registration, login, logout, reset ------------------------------------------------------


def _register_fields(lang: str, values: dict[str, str]) -> list[dict[str, Any]]:
    kinds = [(k, label(ORG_KINDS, k, lang)) for k in ORG_KINDS]
    out = []
    for name, typ in (
        ("org_name", "text"),
        ("kind", "select"),
        ("loc_code", "text"),
        ("name", "text"),
        ("email", "email"),
        ("phone", "tel"),
        ("password", "password"),
    ):
        f: dict[str, Any] = {
            "name": name,
            "label": choice_label(lang, "reg_r", name),
            "type": typ,
            "value": "" if typ == "password" else values.get(name, ""),
            "required": name not in ("phone", "loc_code"),
            "hint": choice_label(lang, "reg_rh", name)
            if name in ("loc_code", "email", "password", "phone")
            else "",
        }
        if typ == "select":
            f["options"] = kinds
        out.append(f)
    return out


def _form_page(
    ctx: CtxDep,
    h: Any,
    sess: Any,
    me: Any,
    title_key: str,
    action: str,
    fields: list[dict[str, Any]],
    *,
    error: str = "",
    status_code: int = 200,
    intro: str = "",
    submit_key: str = N_("Versturen"),
) -> HTMLResponse:
    return registry_page(
        ctx,
        h,
        sess,
        me,
        "registry/form.html",
        t(ctx.lang, title_key),
        status_code=status_code,
        action=action,
        fields=fields,
        error=error,
        intro=intro,
        submit=t(ctx.lang, submit_key),
        multipart=False,
    )


@router.get(
    "/partners/register",
    response_class=HTMLResponse,
    summary="Register an organisation",
    include_in_schema=False,
)
async def register_page(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    me = await run_in_threadpool(_who, h, sess)
    return _form_page(
        ctx,
        h,
        sess,
        me,
        N_("Registreren"),
        "/partners/register",
        _register_fields(ctx.lang, {}),
        intro=t(
            ctx.lang,
            "Registreer uw organisatie. Een beheerder keurt haar goed voordat u kunt publiceren.",
        ),
    )


@router.post("/partners/register", response_class=HTMLResponse, include_in_schema=False)
async def register_post(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await form_of(ctx.request)
    check_csrf(h, sess, form)
    reg = Registration(
        form.get("org_name", ""),
        form.get("kind", ""),
        form.get("name", ""),
        form.get("email", ""),
        form.get("password", ""),
        form.get("phone", ""),
        form.get("loc_code", ""),
    )

    def work() -> int:
        loc = reg.loc_code.strip().upper()
        if (
            reg.kind == "school"
            and loc
            and h.places.location(loc) is None
            and loc not in h.places.mbo
        ):
            raise FieldError(
                f"expected the code of a school location with vmbo pupils or of an mbo "
                f"location; found {loc!r}",
                column="loc_code",
            )
        with h.registry.session() as s:
            return accounts.register(s, reg).id

    try:
        uid = await run_in_threadpool(work)
    except (FieldError, ConflictError) as exc:
        return _form_page(
            ctx,
            h,
            sess,
            NOBODY,
            N_("Registreren"),
            "/partners/register",
            _register_fields(ctx.lang, form),
            error=localised(exc, ctx.lang)[0],
            status_code=400,
            intro=t(
                ctx.lang,
                "Registreer uw organisatie. Een beheerder keurt haar goed voordat u "
                "kunt publiceren.",
            ),
        )
    fresh = new_session(uid, 0)  # signed in from now on, with a new session id
    return redirect(ctx.request, h, fresh, "/partners/account")


def _login_fields(lang: str, email: str = "") -> list[dict[str, Any]]:
    return [
        {
            "name": "email",
            "label": t(lang, "Werk-e-mailadres"),
            "type": "email",
            "value": email,
            "required": True,
            "hint": "",
        },
        {
            "name": "password",
            "label": t(lang, "Wachtwoord"),
            "type": "password",
            "value": "",
            "required": True,
            "hint": "",
        },
    ]


@router.get(
    "/partners/login", response_class=HTMLResponse, summary="Log in", include_in_schema=False
)
async def login_page(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    intro = t(ctx.lang, "Log in met uw werk-e-mailadres en wachtwoord.")
    return _form_page(
        ctx,
        h,
        sess,
        NOBODY,
        N_("Inloggen"),
        "/partners/login",
        _login_fields(ctx.lang),
        intro=intro,
        submit_key=N_("Inloggen"),
    )


@router.post("/partners/login", response_class=HTMLResponse, include_in_schema=False)
async def login_post(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await form_of(ctx.request)
    check_csrf(h, sess, form)
    email = form.get("email", "")

    def work() -> tuple[int, int] | None:
        with h.registry.session() as s:
            user = accounts.authenticate(
                s, email, form.get("password", ""), client_address(ctx.request)
            )
            return None if user is None else (user.id, user.session_epoch)

    try:
        found = await run_in_threadpool(work)
    except _Err as exc:
        fail(exc)
    if found is None:
        log.info("failed login for an account")
        return _form_page(
            ctx,
            h,
            sess,
            NOBODY,
            N_("Inloggen"),
            "/partners/login",
            _login_fields(ctx.lang, email),
            error=t(ctx.lang, "E-mailadres of wachtwoord klopt niet."),
            status_code=401,
            submit_key=N_("Inloggen"),
        )
    return redirect(ctx.request, h, new_session(*found), "/partners/account")


@router.post("/partners/logout", include_in_schema=False)
async def logout_post(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)
    check_csrf(h, sess, await form_of(request))
    return redirect(request, h, new_session(None), "/partners")


@router.post("/partners/logout-everywhere", include_in_schema=False)
async def logout_all_post(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)
    check_csrf(h, sess, await form_of(request))

    def work() -> None:
        with h.registry.session() as s:
            me = who(s, sess)
            if me.user is not None:
                accounts.logout_everywhere(s, me.user)

    await run_in_threadpool(work)
    return redirect(request, h, new_session(None), "/partners")


@router.get(
    "/partners/reset",
    response_class=HTMLResponse,
    summary="Forgot password",
    include_in_schema=False,
)
async def reset_page(ctx: CtxDep) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    fields = _login_fields(ctx.lang)[:1]
    return _form_page(
        ctx,
        h,
        sess,
        NOBODY,
        N_("Wachtwoord vergeten"),
        "/partners/reset",
        fields,
        intro=t(ctx.lang, "We sturen een link om een nieuw wachtwoord te kiezen (1 uur geldig)."),
        submit_key=N_("Stuur de link"),
    )


@router.post("/partners/reset", response_class=HTMLResponse, include_in_schema=False)
async def reset_post(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await form_of(ctx.request)
    check_csrf(h, sess, form)
    settings = ctx.state.settings
    base = str(ctx.request.base_url).rstrip("/")

    def work() -> None:
        with h.registry.session() as s:
            found = accounts.request_reset(s, form.get("email", ""))
        if found is not None:
            user, token = found
            body = t(
                ctx.lang,
                "Kies een nieuw wachtwoord via deze link (1 uur geldig):\n{link}\n\n"
                "Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren.",
                link=f"{base}/partners/reset/{token}",
            )
            send_mail(settings, user.email, t(ctx.lang, "Nieuw wachtwoord voor Kansrijk"), body)

    await run_in_threadpool(work)
    return registry_page(
        ctx,
        h,
        sess,
        NOBODY,
        "registry/message.html",
        t(ctx.lang, "Wachtwoord vergeten"),
        message=t(
            ctx.lang, "Als er een account met dit adres is, is er een e-mail met een link onderweg."
        ),
    )


@router.get("/partners/reset/{token}", response_class=HTMLResponse, include_in_schema=False)
async def reset_token_page(ctx: CtxDep, token: str) -> HTMLResponse:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    fields = _login_fields(ctx.lang)[1:]
    return _form_page(
        ctx,
        h,
        sess,
        NOBODY,
        N_("Wachtwoord vergeten"),
        f"/partners/reset/{token}",
        fields,
        submit_key=N_("Nieuw wachtwoord opslaan"),
    )


@router.post("/partners/reset/{token}", response_class=HTMLResponse, include_in_schema=False)
async def reset_token_post(ctx: CtxDep, token: str) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    form = await form_of(ctx.request)
    check_csrf(h, sess, form)

    def work() -> None:
        with h.registry.session() as s:
            accounts.reset_password(s, token, form.get("password", ""))

    try:
        await run_in_threadpool(work)
    except FieldError as exc:
        return _form_page(
            ctx,
            h,
            sess,
            NOBODY,
            N_("Wachtwoord vergeten"),
            f"/partners/reset/{token}",
            _login_fields(ctx.lang)[1:],
            error=localised(exc, ctx.lang)[0],
            status_code=400,
            submit_key=N_("Nieuw wachtwoord opslaan"),
        )
    except _Err as exc:
        fail(exc)
    return redirect(ctx.request, h, new_session(None), "/partners/login")


# -- own account --------------------------------------------------------------------------


def _account(ctx: CtxDep, sess: Any) -> dict[str, Any]:
    h = holder(ctx.request)
    with h.registry.session() as s:
        me = who(s, sess)
        if me.user is None or me.org is None:
            raise HTTPException(401, "log in first")
        org_id = me.org.id
        acts = offers.own_activities(s, org_id)
        reqs = offers.own_requests(s, org_id)
        ms = []
        for m in matching.matches_of(s, org_id):
            act = s.get(Activity, m.activity_id)
            req = s.get(SchoolRequest, m.request_id)
            ms.append(
                {
                    "id": m.id,
                    "status": m.status,
                    "activity": act,
                    "request": req,
                    "mine_proposed": m.proposed_by == org_id,
                    "history": [(e.status, e.at) for e in matching.history(s, m.id)],
                }
            )
        toks = tokens.tokens_of(s, org_id) if me.user.role in ("provider", "admin") else []
        return {"me": me, "activities": acts, "requests": reqs, "matches": ms, "tokens": toks}


@router.get(
    "/partners/account", response_class=HTMLResponse, summary="My account", include_in_schema=False
)
async def account_page(ctx: CtxDep) -> Response:
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    try:
        data = await run_in_threadpool(_account, ctx, sess)
    except HTTPException as exc:
        if exc.status_code == 401:
            return redirect(ctx.request, h, sess, "/partners/login")
        raise
    me = data.pop("me")
    return registry_page(
        ctx, h, sess, me, "registry/account.html", t(ctx.lang, "Mijn account"), **data
    )


@router.get(
    "/partners/account/export.json", summary="Export of my own data (JSON)", include_in_schema=False
)
async def account_export(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)

    def work() -> dict[str, Any]:
        with h.registry.session() as s:
            me = who(s, sess)
            if me.user is None:
                raise HTTPException(401, "log in first")
            return accounts.export_account(s, me.user)

    doc = await run_in_threadpool(work)
    response = json_response(doc)
    response.headers["Content-Disposition"] = 'attachment; filename="kansrijk-account.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/partners/account/delete", include_in_schema=False)
async def account_delete(request: Request) -> Response:
    h = holder(request)
    sess = read_session(request, h)
    form = await form_of(request)
    check_csrf(h, sess, form)

    def work() -> None:
        with h.registry.session() as s:
            me = who(s, sess)
            if me.user is None:
                raise HTTPException(401, "log in first")
            if form.get("confirm") != "yes":
                raise HTTPException(400, "confirm: tick the box to delete your account")
            accounts.delete_account(s, me.user)

    await run_in_threadpool(work)
    return redirect(request, h, new_session(None), "/partners")
