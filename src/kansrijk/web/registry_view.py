"""Rendering helpers of the registry pages: the page context (navigation, language, CSRF
token, the signed-in account), the generic form description and objects as JSON."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kansrijk.l10n.monitor import N_, choice_label, t
from kansrijk.registry.fields import FIELDS, as_text
from kansrijk.registry.models import Activity, SchoolRequest
from kansrijk.registry.vocab import ACTIVITY_KINDS, LANGUAGES, PROFILES, TARGET_GROUPS, label
from kansrijk.web import map_spec
from kansrijk.web.deps import Ctx
from kansrijk.web.map_spec import RegionBase, TileSource, fit
from kansrijk.web.registry_session import (
    RegistryHolder,
    WebSession,
    Who,
    csrf_token,
    write_session,
)
from kansrijk.web.render import page_context, render

NAV_PATH = "/partners"


def page_context_of(
    ctx: Ctx,
    h: RegistryHolder,
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
    h: RegistryHolder,
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


def redirect(request: Request, h: RegistryHolder, sess: WebSession, to: str) -> RedirectResponse:
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


def offer_json(
    obj: Activity | SchoolRequest, lang: str, *, org_name: str | None = None, private: bool = False
) -> dict[str, Any]:
    """An activity or request as JSON (``contact`` only when ``private``)."""
    out: dict[str, Any] = {
        "id": obj.id,
        "title": obj.title,
        "kind": obj.kind,
        "kind_label": label(ACTIVITY_KINDS, obj.kind, lang),
        "description": obj.description,
        "themes": [x for x in obj.themes.split(",") if x],
        "profiles": [x for x in obj.profiles.split(",") if x],
        "target_groups": [x for x in obj.target_groups.split(",") if x],
        "pc4": obj.pc4,
        "radius_km": obj.radius_km,
        "capacity": obj.capacity,
        "start_date": obj.start_date.isoformat() if obj.start_date else None,
        "end_date": obj.end_date.isoformat() if obj.end_date else None,
        "cost_eur": obj.cost_eur,
        "languages": [x for x in obj.languages.split(",") if x],
    }
    if isinstance(obj, SchoolRequest):
        out["loc_code"] = obj.loc_code
    if org_name is not None:
        out["organisation"] = org_name
    if private:
        out["contact"] = obj.contact
    return out


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
