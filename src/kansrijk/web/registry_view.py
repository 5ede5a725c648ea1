"""Rendering helpers of the registry pages: the page context (navigation, language, CSRF
token, the signed-in account), the generic form description and objects as JSON."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.registry.accounts import Who
from kansrijk.registry.fields import FIELDS, as_text
from kansrijk.registry.live import LiveRegistry
from kansrijk.registry.vocab import ACTIVITY_KINDS, LANGUAGES, PROFILES, TARGET_GROUPS, label
from kansrijk.web import charts
from kansrijk.web.deps import Ctx
from kansrijk.web.registry_session import WebSession, csrf_token, write_session
from kansrijk.web.render import page_context, render

NAV_PATH = "/partners"


def page_context_of(
    ctx: Ctx,
    h: LiveRegistry,
    sess: WebSession,
    me: Who,
    title: str,
    extra: Mapping[str, Any],
    *,
    json_url: str | None = None,
    region_form: bool = False,
) -> dict[str, Any]:
    """The context of a registry page: the shared one, the account and the page's own."""
    region = extra.get("reach", {}).get("region") if region_form else None
    context = page_context(
        ctx, title=title, nav=NAV_PATH, region=region, json_url=json_url, keep=("year",)
    )
    if not region_form:
        context["region_form"] = None
    context.update(
        csrf=csrf_token(h, sess),
        me=me.user,
        my_org=me.org,
        kinds={k: label(ACTIVITY_KINDS, k, ctx.lang) for k in ACTIVITY_KINDS},
        groups={k: label(TARGET_GROUPS, k, ctx.lang) for k in TARGET_GROUPS},
        **extra,
    )
    return context


def registry_page(
    ctx: Ctx,
    h: LiveRegistry,
    sess: WebSession,
    me: Who,
    template: str,
    title: str,
    *,
    status_code: int = 200,
    json_url: str | None = None,
    region_form: bool = False,
    **extra: Any,
) -> HTMLResponse:
    """A registry page with the shared context; re-sends the session cookie when new."""
    context = page_context_of(
        ctx, h, sess, me, title, extra, json_url=json_url, region_form=region_form
    )
    response = render(ctx, template, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    write_session(ctx.request, response, h, sess)
    return response


async def or_login(page: Awaitable[Response]) -> Response:
    """The page, or for a visitor it needs an account from (401) the login page."""
    try:
        return await page
    except HTTPException as exc:
        if exc.status_code == 401:
            return RedirectResponse("/partners/login", status_code=303)
        raise


def redirect(request: Request, h: LiveRegistry, sess: WebSession, to: str) -> RedirectResponse:
    """A 303 redirect after a POST (re-sending the session cookie when it changed)."""
    response = RedirectResponse(to, status_code=303)
    write_session(request, response, h, sess)
    return response


def form_field(
    name: str,
    label: str,
    kind: str,
    value: Any = "",
    *,
    required: bool = False,
    hint: str = "",
    options: Sequence[tuple[str, str]] | None = None,
    chosen: set[str] | None = None,
) -> dict[str, Any]:
    """One field of ``registry/form.html`` (a password never shows its value), with the
    ``options`` (code, text) of a select or checkboxes and the ``chosen`` codes."""
    shown = "" if kind == "password" else value
    field = {"name": name, "label": label, "type": kind, "value": shown, "required": required}
    field["hint"] = hint
    if options is not None:
        field["options"] = options
    if chosen is not None:
        field["chosen"] = chosen
    return field


#: The input of each field of the activity or request form that is not a text line.
_OFFER_INPUTS = {
    "kind": "select",
    "description": "textarea",
    "profiles": "checkboxes",
    "target_groups": "checkboxes",
    "languages": "checkboxes",
    "start_date": "date",
    "end_date": "date",
    "radius_km": "number",
    "capacity": "number",
    "cost_eur": "number",
}


def offer_form(lang: str, values: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The fields of the activity or request form with their current text."""
    text = as_text(values or {})
    if not values:
        text.update(radius_km="15", languages="nl", cost_eur="0")
    options: dict[str, list[tuple[str, str]]] = {
        "kind": [(c, label(ACTIVITY_KINDS, c, lang)) for c in ACTIVITY_KINDS],
        "profiles": [(c, c) for c in PROFILES],
        "target_groups": [(c, label(TARGET_GROUPS, c, lang)) for c in TARGET_GROUPS],
        "languages": [(c, c) for c in LANGUAGES],
    }
    return [
        form_field(
            name,
            choice_label(lang, "reg_f", name),
            _OFFER_INPUTS.get(name, "text"),
            text[name],
            required=name in ("title", "kind", "pc4"),
            hint=choice_label(lang, "reg_h", name) if name in ("themes", "pc4", "contact") else "",
            options=options.get(name),
            chosen=set(text[name].split(",")) if _OFFER_INPUTS.get(name) == "checkboxes" else None,
        )
        for name in FIELDS
    ]


#: Marker styles of the reach map: reached, not reached (technical), not reached (none).
_MAP_STYLE = (
    (N_("bereikt"), "#154273", "circle"),
    (N_("niet bereikt, met technisch profiel"), "#8c8c8c", "diamond"),
    (N_("niet bereikt, zonder technisch profiel"), "#b3261e", "x"),
)


def reach_map(doc: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    """A plotly spec of the reach page's map: each vmbo location at its PC4 centroid
    (lon/lat), reached in dark blue, not reached in grey (with a technical profile) or red
    (without one). None when no location has coordinates."""
    groups: list[list[Mapping[str, Any]]] = [list(doc["reached_locations"]), [], []]
    for r in doc["unreached_locations"]:
        groups[1 if r["technical_profiles"] else 2].append(r)
    data = []
    for (key, colour, symbol), group in zip(_MAP_STYLE, groups, strict=True):
        rows = [r for r in group if r["lon"] is not None]
        hover = [f"{r['name']} ({r['loc_code']})" for r in rows]
        data.append(charts.points(t(lang, key), rows, hover, colour=colour, symbol=symbol))
    if not any(d["x"] for d in data):
        return None
    return charts.plain_map(data, height=420)
