"""``/scholenwijzer``: the school finder for parents. Enter a postcode (PC4 or PC6) or a
place; see the vmbo locations within a distance, nearest first, with their offer, which have
no technical profile and where the nearest technical profiles are. Twin
``/scholenwijzer.json``; widget ``/scholenwijzer/embed`` (frameable by the sites in the
setting ``finder_frame_ancestors``, no cookies); flyer ``/scholenwijzer/flyer.pdf``.

Languages nl (default), en, tr, ar (right to left), pl through the gettext catalogues; the
language is kept in the URL (``?lang=``), never in a cookie. Bad input gives a clear
message in the chosen language and a 4xx status, never a traceback."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from kansrijk import __version__
from kansrijk.finder import Finder, FinderInputError, parse_km
from kansrijk.finder.flyer import FLYER_KM, flyer_pdf, origin_flyer, school_flyer
from kansrijk.finder.primary import find_primary_school
from kansrijk.l10n import jinja_environment, language_from_url, translate
from kansrijk.regions import Level
from kansrijk.serialize import to_json
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.finder_view import (
    KM_OPTIONS,
    Search,
    alternates,
    error_context,
    map_spec,
    result_context,
    search,
    search_json,
)
from kansrijk.web.map_spec import tile_source
from kansrijk.web.render import package_dir

router = APIRouter()

PATH = "/scholenwijzer"
QueryQ = Annotated[str | None, Query(description="Postcode (3083, 3083 AB) or place name.")]
KmQ = Annotated[str | None, Query(description="Distance in km (1-50, default 10).")]
GmQ = Annotated[str | None, Query(description="Gemeente code to pick one of several places.")]
LangQ = Annotated[str | None, Query(description="Language: nl (default), en, tr, ar, pl.")]
_SOURCE = re.compile(r"^('self'|'none'|https?://[A-Za-z0-9.*-]+(:\d+)?|[A-Za-z0-9.*-]+\.[a-z]+)$")


def finder_of(ctx: Ctx) -> Finder:
    """The app's finder (built once, on first use; the warehouse is read-only)."""
    finder: Finder = ctx.state.views.get_or_make(("finder",), lambda: Finder(ctx.wh))
    return finder


def _lang(ctx: Ctx, lang: str | None) -> str:
    return language_from_url(lang, ctx.request.url.path)


def frame_ancestors(setting: str) -> str:
    """The CSP source list of the setting, keeping only well-formed sources."""
    sources = [s for s in setting.split() if _SOURCE.match(s)]
    return " ".join(sources) or "'none'"


def _embed_csp(ctx: Ctx) -> str:
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        f"frame-ancestors {frame_ancestors(ctx.state.settings.finder_frame_ancestors)}"
    )


def _render(
    ctx: Ctx,
    lang: str,
    template: str,
    asked: tuple[str | None, str | None, str | None],
    *,
    embed: bool,
) -> tuple[str, int]:
    finder = finder_of(ctx)
    s: Search = search(finder, *asked)
    path = f"{PATH}/embed" if embed else PATH
    env = jinja_environment((str(package_dir("templates")), _finder_templates()), lang)
    km_param = None if s.km == 10.0 else f"{s.km:g}"
    flyer_query = {"q": s.q, "km": km_param, "gm": s.gm, "lang": None if lang == "nl" else lang}
    context: dict[str, Any] = {
        "title": translate(lang, "School finder"),
        "version": __version__,
        "embed": embed,
        "demo": ctx.state.demo,
        "home_href": PATH if lang == "nl" else f"{PATH}?lang={lang}",
        "json_url": None if embed else _json_href(ctx),
        "alternates": alternates(path, s),
        "action": path,
        "form": {
            "q": s.q,
            "km": int(s.km) if s.km.is_integer() else s.km,
            "km_options": KM_OPTIONS,
            "gm": s.gm,
            "lang": lang,
        },
        "error": error_context(s, lang, path),
        "result": result_context(finder, s, lang),
        "map_spec": None
        if embed
        else map_spec(
            ctx.wh,
            s,
            lang,
            ctx.state.views,
            tiles=tile_source(ctx.state.settings.tile_url, ctx.state.settings.tile_attribution),
            names={r.code: r.name for r in ctx.catalog.list(Level.GEMEENTE)},
        ),
        "flyer_href": f"{PATH}/flyer.pdf?"
        + "&".join(f"{k}={v}" for k, v in _quoted(flyer_query).items()),
        "full_href": PATH + ("?" + ctx.request.url.query if ctx.request.url.query else ""),
    }
    html = env.get_template(template).render(**context)
    return html, s.error.status if s.error else 200


def _quoted(params: dict[str, str | None]) -> dict[str, str]:
    from urllib.parse import quote

    return {k: quote(v, safe="") for k, v in params.items() if v}


def _json_href(ctx: Ctx) -> str:
    query = ctx.request.url.query
    return f"{PATH}.json" + ("?" + query if query else "")


def _finder_templates() -> str:
    from importlib import resources

    return str(resources.files("kansrijk.finder").joinpath("templates"))


async def _page(
    ctx: Ctx,
    template: str,
    asked: tuple[str | None, str | None, str | None],
    lang_param: str | None,
    *,
    embed: bool,
) -> HTMLResponse:
    lang = _lang(ctx, lang_param)
    key = ("finder-html", template, ctx.request.url.query, lang)
    cached = ctx.state.responses.get(key)
    if cached is None:
        html, status = await run_in_threadpool(_render, ctx, lang, template, asked, embed=embed)
        if status == 200:
            ctx.state.responses.get_or_make(key, lambda: html)
    else:
        html, status = cached, 200
    response = HTMLResponse(html, status_code=status)
    response.headers["Content-Language"] = lang
    if embed:
        response.headers["Content-Security-Policy"] = _embed_csp(ctx)
        response.headers["X-Kansrijk-Embed"] = "1"  # headers.SecurityHeaders keeps this CSP
    return response


@router.get(PATH, response_class=HTMLResponse, summary="School finder for parents")
async def finder_page(
    ctx: CtxDep, q: QueryQ = None, km: KmQ = None, gm: GmQ = None, lang: LangQ = None
) -> HTMLResponse:
    """The finder page (works without JavaScript; the map is an extra)."""
    return await _page(ctx, "finder/page.html", (q, km, gm), lang, embed=False)


@router.get(f"{PATH}/embed", response_class=HTMLResponse, summary="School finder widget")
async def finder_embed(
    ctx: CtxDep, q: QueryQ = None, km: KmQ = None, gm: GmQ = None, lang: LangQ = None
) -> HTMLResponse:
    """The widget for municipal and school websites: frameable by the configured sites,
    sets no cookies."""
    return await _page(ctx, "finder/embed.html", (q, km, gm), lang, embed=True)


@router.get(f"{PATH}.json", summary="School finder (JSON)")
async def finder_json(
    ctx: CtxDep, q: QueryQ = None, km: KmQ = None, gm: GmQ = None, lang: LangQ = None
) -> Response:
    """The same rows as the page; input problems in the error envelope with a 4xx status
    and the message in the chosen language."""
    language = _lang(ctx, lang)

    def build() -> tuple[str, int]:
        finder = finder_of(ctx)
        s = search(finder, q, km, gm)
        if s.error is None and not s.q:
            s.error = None
            return to_json(search_json(finder, s, language)), 200
        if s.error is not None:
            err = error_context(s, language, PATH) or {}
            body = {
                "ok": False,
                "error": str(s.error),
                "errors": [
                    {
                        "message": str(s.error),
                        "type": type(s.error).__name__,
                        "key": s.error.key,
                        "message_translated": err.get("message"),
                        "choices": [
                            {"q": n, "gemeente_code": g or None, "label": lab}
                            for n, g, lab in s.error.choices
                        ],
                    }
                ],
                "status": s.error.status,
            }
            return to_json(body), s.error.status
        return to_json(search_json(finder, s, language)), 200

    text, status = await run_in_threadpool(build)
    return Response(text, status_code=status, media_type="application/json")


SchoolQ = Annotated[str | None, Query(description="A primary school: DUO code or name.")]


@router.get(f"{PATH}/flyer.pdf", summary="School finder flyer (A4 PDF)")
async def finder_flyer(
    ctx: CtxDep,
    q: QueryQ = None,
    km: KmQ = None,
    gm: GmQ = None,
    lang: LangQ = None,
    school: SchoolQ = None,
) -> Response:
    """An A4 flyer of a search (``q``) or of a primary school (``school``), in ``lang``;
    input problems as the error envelope with a 4xx status."""
    language = _lang(ctx, lang)

    def build() -> Response:
        finder = finder_of(ctx)
        try:
            distance = parse_km(km) if km else FLYER_KM
            if school:
                flyer = school_flyer(
                    finder, find_primary_school(ctx.wh, school), distance, ctx.state.demo
                )
            else:
                flyer = origin_flyer(finder, finder.origin(q, gm), distance, ctx.state.demo)
        except FinderInputError as exc:
            s = Search(q or "", 10.0, gm, None, [], exc)
            body = {
                "ok": False,
                "error": str(exc),
                "errors": [
                    {
                        "message": str(exc),
                        "type": type(exc).__name__,
                        "key": exc.key,
                        "message_translated": (error_context(s, language, PATH) or {}).get(
                            "message"
                        ),
                    }
                ],
                "status": exc.status,
            }
            return Response(to_json(body), status_code=exc.status, media_type="application/json")
        pdf = flyer_pdf(
            [(flyer, language)], finder_url=str(ctx.request.base_url).rstrip("/") + PATH
        )
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="scholenwijzer-{language}.pdf"'},
        )

    return await run_in_threadpool(build)
