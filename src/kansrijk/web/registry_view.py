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
from kansrijk.web import map_spec
from kansrijk.web.deps import Ctx
from kansrijk.web.map_spec import RegionBase, TileSource, fit
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


#: Marker styles of the reach map (key, legend text, colour, shape): a shape each, so colour
#: is never the only cue.
REACH_STYLE = (
    ("reached", N_("bereikt"), "#0072B2", "circle"),
    ("technical", N_("niet bereikt, met technisch profiel"), "#5a5a5a", "square"),
    ("none", N_("niet bereikt, zonder technisch profiel"), "#D55E00", "x"),
)


def reach_groups(doc: Mapping[str, Any]) -> list[list[Mapping[str, Any]]]:
    """The reach page's locations in the order of ``REACH_STYLE``: reached, not reached
    with a technical profile, not reached without one."""
    groups: list[list[Mapping[str, Any]]] = [list(doc["reached_locations"]), [], []]
    for r in doc["unreached_locations"]:
        groups[1 if r["technical_profiles"] else 2].append(r)
    return groups


def reach_map(
    doc: Mapping[str, Any], lang: str, base: RegionBase, tiles: TileSource | None
) -> dict[str, Any] | None:
    """The reach page's map (map_spec): each vmbo location at its PC4 centroid, reached
    (blue circle, a little larger, drawn on top), not reached with a technical profile
    (grey square) or without one (orange cross), on the region's base. None when no
    location has coordinates."""
    layers = []
    every = []
    for (key, text, colour, shape), group in zip(REACH_STYLE, reach_groups(doc), strict=True):
        said = t(lang, text)
        size = 15.0 if key == "reached" else 12.0
        rows = [
            (float(r["lon"]), float(r["lat"]), size, f"{r['name']} ({r['loc_code']}): {said}")
            for r in group
            if r["lon"] is not None and r["lat"] is not None
        ]
        every += [(x, y) for x, y, _s, _t in rows]
        layers.append(map_spec.symbols(key, rows, colour=colour, shape=shape))
    layers.reverse()  # reached drawn last: on top where locations share a PC4 centroid
    if not every:
        return None
    return map_spec.spec(
        tiles=tiles,
        base=base,
        layers=layers,
        texts=map_spec.texts(lang),
        bounds=fit(base.extent, every),
    )


def reach_legend(doc: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """The legend under the reach map (HTML): shape, colour and words, with the count."""
    return [
        {"key": key, "shape": shape, "colour": colour, "label": f"{t(lang, text)} ({len(g)})"}
        for (key, text, colour, shape), g in zip(REACH_STYLE, reach_groups(doc), strict=True)
    ]
