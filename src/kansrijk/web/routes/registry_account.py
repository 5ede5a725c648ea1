"""Registry pages of accounts: registration, login and logout (also everywhere), password
reset by e-mail, and one's own account with the export and deletion of one's data."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.registry import accounts, documents
from kansrijk.registry.accounts import NOBODY, Registration, Who
from kansrijk.registry.errors import ConflictError, FieldError
from kansrijk.registry.mail import send_mail
from kansrijk.registry.vocab import ORG_KINDS, label
from kansrijk.web.deps import CtxDep
from kansrijk.web.registry_forms import (
    AccountPage,
    Call,
    FormPage,
    Next,
    Refused,
    Values,
    account_json,
    posted,
    signed_in,
)
from kansrijk.web.registry_session import client_address, new_session, who
from kansrijk.web.registry_view import form_field, redirect, registry_page

router = APIRouter(include_in_schema=False)  # pages of accounts, not the API
log = logging.getLogger("kansrijk.web")


# -- registration, login, logout, reset ------------------------------------------------------


def _register_fields(lang: str, values: Values) -> list[dict[str, Any]]:
    kinds = [(k, label(ORG_KINDS, k, lang)) for k in ORG_KINDS]
    hinted = ("loc_code", "email", "password", "phone")
    return [
        form_field(
            name,
            choice_label(lang, "reg_r", name),
            kind,
            values.get(name, ""),
            required=name not in ("phone", "loc_code"),
            hint=choice_label(lang, "reg_rh", name) if name in hinted else "",
            options=kinds if kind == "select" else None,
        )
        for name, kind in (
            ("org_name", "text"),
            ("kind", "select"),
            ("loc_code", "text"),
            ("name", "text"),
            ("email", "email"),
            ("phone", "tel"),
            ("password", "password"),
        )
    ]


def _register_submit(call: Call, form: dict[str, Any]) -> Next:
    names = ("org_name", "kind", "name", "email", "password", "phone", "loc_code")
    reg = Registration(**{k: str(form.get(k, "")) for k in names})
    user = accounts.register(call.s, reg, places=call.h.places)
    return "/partners/account", new_session(user.id, 0)  # signed in, with a new session id


FormPage(
    path="/partners/register",
    title=N_("Registreren"),
    context=lambda call, values: {"fields": _register_fields(call.lang, values)},
    submit=_register_submit,
    button=N_("Versturen"),
    intro=N_("Registreer uw organisatie. Een beheerder keurt haar goed voordat u kunt publiceren."),
    account=False,
    errors=(FieldError, ConflictError),
).add_to(router)


def _login_fields(lang: str, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        form_field(name, t(lang, key), name, values.get(name, ""), required=True)
        for name, key in (("email", N_("Werk-e-mailadres")), ("password", N_("Wachtwoord")))
    ]


def _login_submit(call: Call, form: dict[str, Any]) -> Next:
    address = client_address(call.ctx.request)
    user = accounts.authenticate(call.s, form.get("email", ""), form.get("password", ""), address)
    if user is None:
        log.info("failed login for an account")
        return Refused(t(call.lang, "E-mailadres of wachtwoord klopt niet."))
    return "/partners/account", new_session(user.id, user.session_epoch)


FormPage(
    path="/partners/login",
    title=N_("Inloggen"),
    context=lambda call, values: {"fields": _login_fields(call.lang, values)},
    submit=_login_submit,
    button=N_("Inloggen"),
    intro=N_("Log in met uw werk-e-mailadres en wachtwoord."),
    account=False,
    error_status=401,
).add_to(router)


@router.post("/partners/logout")
async def logout_post(request: Request) -> Response:
    h, _sess, _ = await posted(request)
    return redirect(request, h, new_session(None), "/partners")


@router.post("/partners/logout-everywhere")
async def logout_all_post(request: Request) -> Response:
    h, sess, _ = await posted(request)

    def work() -> None:
        with h.registry.session() as s:
            me = who(s, sess)
            if me.user is not None:
                accounts.logout_everywhere(s, me.user)

    await run_in_threadpool(work)
    return redirect(request, h, new_session(None), "/partners")


def _reset_sent(call: Call, form: dict[str, Any]) -> Next:
    found = accounts.request_reset(call.s, form.get("email", ""))
    if found is not None:
        user, token = found
        base = str(call.ctx.request.base_url).rstrip("/")
        body = t(
            call.lang,
            "Kies een nieuw wachtwoord via deze link (1 uur geldig):\n{link}\n\n"
            "Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren.",
            link=f"{base}/partners/reset/{token}",
        )
        subject = t(call.lang, "Nieuw wachtwoord voor Kansrijk")
        send_mail(call.ctx.state.settings, user.email, subject, body)
    text = t(
        call.lang, "Als er een account met dit adres is, is er een e-mail met een link onderweg."
    )
    return registry_page(
        call.ctx,
        call.h,
        call.sess,
        NOBODY,
        "registry/message.html",
        t(call.lang, "Wachtwoord vergeten"),
        message=text,
    )


FormPage(
    path="/partners/reset",
    title=N_("Wachtwoord vergeten"),
    context=lambda call, values: {"fields": _login_fields(call.lang, values)[:1]},
    submit=_reset_sent,
    button=N_("Stuur de link"),
    intro=N_("We sturen een link om een nieuw wachtwoord te kiezen (1 uur geldig)."),
    account=False,
).add_to(router)


def _reset_token_submit(call: Call, form: dict[str, Any]) -> Next:
    accounts.reset_password(call.s, call.params["token"], form.get("password", ""))
    return "/partners/login", new_session(None)


FormPage(
    path="/partners/reset/{token}",
    title=N_("Wachtwoord vergeten"),
    context=lambda call, _values: {"fields": _login_fields(call.lang, {})[1:]},
    submit=_reset_token_submit,
    button=N_("Nieuw wachtwoord opslaan"),
    account=False,
).add_to(router)


# -- own account --------------------------------------------------------------------------


def _account(call: Call) -> dict[str, Any]:
    if call.me.user is None or call.me.org is None:
        raise HTTPException(401, "log in first")
    return documents.account_overview(call.s, call.me.user, call.me.org.id)


AccountPage("/partners/account", "registry/account.html", N_("Mijn account"), _account).add_to(
    router
)


@router.get("/partners/account/export.json", summary="Export of my own data (JSON)")
async def account_export(ctx: CtxDep) -> Response:
    def work(call: Call) -> dict[str, Any]:
        assert call.me.user is not None
        return accounts.export_account(call.s, call.me.user)

    response = await account_json(ctx, work)
    response.headers["Content-Disposition"] = 'attachment; filename="kansrijk-account.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/partners/account/delete")
async def account_delete(request: Request) -> Response:
    h, sess, form = await posted(request)

    def work(s: Session, me: Who) -> None:
        assert me.user is not None
        if form.get("confirm") != "yes":
            raise HTTPException(400, "confirm: tick the box to delete your account")
        accounts.delete_account(s, me.user)

    await run_in_threadpool(signed_in, h, sess, work)
    return redirect(request, h, new_session(None), "/partners")
