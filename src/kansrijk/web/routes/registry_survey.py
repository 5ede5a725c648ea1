"""The satisfaction survey: the anonymous form behind a location's link (``/s/{slug}``, in
nl, en, tr, ar and pl), the school's page with its links and results (``/partners/survey``),
and the public results per region and location from the minimum number of responses
(``/partners/survey/results``, twin ``.json``, API ``/api/v1/registry/survey``).

Against ballot stuffing without personal data: the browser gets a random device token in a
signed cookie (``kr_survey``); a response is stored under a hash of the link and that token,
so a repeat replaces the earlier answers; the form carries an HMAC of the token (no cookie,
no response); and each address may send at most ``survey_form.RATE_LIMIT`` responses per
``RATE_WINDOW`` seconds, counted in memory only (addresses are never stored).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError
from kansrijk.l10n import LANGUAGE_NAMES, LANGUAGES, direction, language_from_url, survey_gettext
from kansrijk.l10n.monitor import N_
from kansrijk.registry import documents, survey, survey_form
from kansrijk.registry.errors import FieldError
from kansrijk.registry.live import LiveRegistry
from kansrijk.registry.measure_models import SurveyLink
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.registry_forms import AccountPage, Button, Call, add_all
from kansrijk.web.registry_public import (
    PER_REGION,
    RegionYear,
    region_page,
    school_year_param,
)
from kansrijk.web.registry_session import client_address, fail, form_of, holder
from kansrijk.web.render import page_context, render

router = APIRouter()
work_router = APIRouter(include_in_schema=False)
DEVICE_COOKIE = "kr_survey"


def _device(h: LiveRegistry, raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return str(URLSafeSerializer(h.secret, "kansrijk-survey").loads(raw))
    except BadSignature:
        return None


def _form_token(h: LiveRegistry, device: str) -> str:
    return hmac.new(h.secret.encode(), f"survey:{device}".encode(), hashlib.sha256).hexdigest()


def _survey_page(
    ctx: CtxDep,
    h: LiveRegistry,
    link: SurveyLink,
    lang: str,
    device: str,
    *,
    new_device: bool = False,
    message: str = "",
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    def st(msgid: str) -> str:
        return survey_gettext(lang, msgid)

    context = page_context(ctx, title=st(survey_form.TITLES[link.audience]), nav="/partners")
    context["region_form"] = None
    response = render(
        ctx,
        "registry/survey_form.html",
        {
            **context,
            "survey_lang": lang,
            "survey_dir": direction(lang),
            "languages": [(c, LANGUAGE_NAMES[c]) for c in LANGUAGES],
            "slug": link.slug,
            "questions": survey_form.questions(link.audience, lang),
            "intro": st(survey_form.TEXT_INTRO),
            "send": st("Send"),
            "language_label": st("Language"),
            "message": message,
            "error": error,
            "form_token": _form_token(h, device),
        },
        status_code=status_code,
    )
    response.headers["Cache-Control"] = "no-store"
    if new_device:
        value = URLSafeSerializer(h.secret, "kansrijk-survey").dumps(device)
        response.set_cookie(
            DEVICE_COOKIE,
            value,
            max_age=400 * 24 * 3600,
            httponly=True,
            samesite="lax",
            secure=ctx.request.url.scheme == "https",
            path="/s/",
        )
    return response


def _lang(ctx: CtxDep) -> str:
    return language_from_url(ctx.request.query_params.get("lang"), allowed=LANGUAGES)


def _link(h: LiveRegistry, slug: str) -> SurveyLink:
    with h.registry.session() as s:
        try:
            return survey.link_by_slug(s, slug)
        except KansrijkError as exc:
            fail(exc)


@router.get("/s/{slug}", response_class=HTMLResponse, include_in_schema=False)
async def survey_show(ctx: CtxDep, slug: str) -> HTMLResponse:
    h = holder(ctx.request)
    link = await run_in_threadpool(_link, h, slug)
    device = _device(h, ctx.request.cookies.get(DEVICE_COOKIE))
    token = device or secrets.token_urlsafe(24)
    return _survey_page(ctx, h, link, _lang(ctx), token, new_device=device is None)


@router.post("/s/{slug}", response_class=HTMLResponse, include_in_schema=False)
async def survey_submit(ctx: CtxDep, slug: str) -> HTMLResponse:
    h = holder(ctx.request)
    lang = _lang(ctx)
    form = await form_of(ctx.request)
    link = await run_in_threadpool(_link, h, slug)
    device = _device(h, ctx.request.cookies.get(DEVICE_COOKIE))
    if device is None or not hmac.compare_digest(
        form.get("form_token", ""), _form_token(h, device)
    ):
        raise HTTPException(403, "missing or wrong survey token: reload the survey and try again")
    if not survey_form.allow(client_address(ctx.request), slug):
        msg = survey_gettext(lang, "Too many responses from this address. Please try again later.")
        return _survey_page(ctx, h, link, lang, device, error=msg, status_code=429)
    respondent = survey.respondent_of(h.secret, slug, device)

    def work() -> bool:
        with h.registry.session() as s:
            fresh = s.get(SurveyLink, link.id)
            assert fresh is not None
            return survey.respond(s, fresh, respondent, lang, form)[1]

    try:
        new = await run_in_threadpool(work)
    except FieldError:
        msg = survey_gettext(
            lang,
            "Your answers could not be saved: answer at least one question and choose one of "
            "the options given.",
        )
        return _survey_page(ctx, h, link, lang, device, error=msg, status_code=400)
    thanks = (
        "Thank you! Your answers have been saved."
        if new
        else "Thank you! Your new answers replace your earlier ones."
    )
    return _survey_page(ctx, h, link, lang, device, message=survey_gettext(lang, thanks))


# -- results ------------------------------------------------------------------------------------


def results_doc(ctx: Ctx, q: RegionYear) -> dict[str, Any]:
    """The survey results of a region and school year (see ``documents.survey_results``)."""
    h = holder(ctx.request)
    region = ctx.region(q.region)
    year = school_year_param(q.year)
    with h.registry.session() as s:
        return documents.survey_results(s, region, year, ctx.lang)


RESULTS = region_page(
    "/partners/survey/results",
    "registry/survey_results.html",
    results_doc,
    N_("Tevredenheid over techniekonderwijs: {region}"),
    summary="Survey results (JSON)",
    api="/api/v1/registry/survey",
    api_summary="Satisfaction survey results per region",
    serving=PER_REGION,
)
router.include_router(RESULTS.router())


# -- the school's links -------------------------------------------------------------------------


def _school(call: Call) -> dict[str, Any]:
    return {
        "rows": documents.own_surveys(call.s, call.actor, call.lang),
        "year": call.params["year"],
        "min_responses": survey.MIN_RESPONSES,
        "options": survey_form.option_labels(call.lang),
    }


def _create_link(call: Call, form: dict[str, Any]) -> None:
    audience = form.get("audience", "")
    survey.create_link(call.s, call.actor, call.h.places, audience, call.params["year"])


add_all(
    work_router,
    AccountPage(
        "/partners/survey",
        "registry/survey_school.html",
        N_("Tevredenheidsonderzoek"),
        _school,
        year=True,
    ),
    Button(
        "/partners/survey/links",
        _create_link,
        lambda call: f"/partners/survey?year={call.params['year']}",
        year=True,
    ),
)
