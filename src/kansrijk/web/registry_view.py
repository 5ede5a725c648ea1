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


def offer_form(lang: str, values: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The fields of the activity or request form with their current text."""
    text = as_text(values or {})
    if not values:
        text.update(radius_km="15", languages="nl", cost_eur="0")

    def opts(codes: Sequence[str], table: dict[str, tuple[str, str]] | None = None) -> list[Any]:
        return [(c, label(table, c, lang) if table else c) for c in codes]

    chosen = {k: set(text[k].split(",")) for k in ("profiles", "target_groups", "languages")}
    kinds = dict(ACTIVITY_KINDS)
    spec: list[dict[str, Any]] = []
    for name in FIELDS:
        f: dict[str, Any] = {
            "name": name,
            "label": choice_label(lang, "reg_f", name),
            "value": text[name],
        }
        if name == "kind":
            f.update(type="select", options=opts(list(kinds), kinds))
        elif name == "description":
            f.update(type="textarea")
        elif name in ("profiles", "target_groups", "languages"):
            codes = {
                "profiles": PROFILES,
                "target_groups": tuple(TARGET_GROUPS),
                "languages": LANGUAGES,
            }[name]
            table = TARGET_GROUPS if name == "target_groups" else None
            f.update(type="checkboxes", options=opts(codes, table), chosen=chosen[name])
        elif name in ("start_date", "end_date"):
            f.update(type="date")
        elif name in ("radius_km", "capacity", "cost_eur"):
            f.update(type="number")
        else:
            f.update(type="text")
        f["required"] = name in ("title", "kind", "pc4")
        f["hint"] = (
            choice_label(lang, "reg_h", name) if name in ("themes", "pc4", "contact") else ""
        )
        spec.append(f)
    return spec


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
