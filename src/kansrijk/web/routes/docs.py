"""``/api/docs``: a small local page listing every route (FastAPI's Swagger/ReDoc pages load
their scripts from a CDN, so they are switched off); the OpenAPI document is
``/api/openapi.json``.

The OpenAPI texts (route summaries and descriptions) are written in English in the routes;
their Dutch versions for this page are a gettext catalogue of their own, domain ``api``
(``l10n/locale/api.pot`` made from the OpenAPI document by ``write_api_template``, Dutch in
``l10n/locale/nl/LC_MESSAGES/api.po``; ``make catalogues``; checked by a test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from kansrijk.l10n.monitor import from_english, t, write_template
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.render import cached_page, page_context

router = APIRouter()
#: The gettext domain of the OpenAPI texts (English source).
API_DOMAIN = "api"


def api_texts(openapi: dict[str, Any]) -> set[str]:
    """Every summary and description in an OpenAPI document (the msgids of ``api``)."""
    return {
        str(op[key])
        for ops in openapi["paths"].values()
        for name, op in ops.items()
        if name != "parameters"
        for key in ("summary", "description")
        if op.get(key)
    }


def api_text(lang: str, text: str) -> str:
    """An OpenAPI text in ``lang`` (English when there is no translation)."""
    return from_english(API_DOMAIN, lang, text)


def write_api_template() -> Path:
    """Write ``api.pot`` from the app's OpenAPI document (``make catalogues`` calls this)."""
    from kansrijk.settings import Settings
    from kansrijk.web.app import create_app

    return write_template(API_DOMAIN, api_texts(create_app(Settings()).openapi()))


def route_list(ctx: Ctx) -> list[dict[str, Any]]:
    """Every documented route (from the OpenAPI document): methods, path, summary and the
    first line of its description."""
    paths: dict[str, dict[str, Any]] = ctx.request.app.openapi()["paths"]
    out = []
    for path, ops in paths.items():
        methods = [m.upper() for m in ops if m != "parameters"]
        first = ops[methods[0].lower()]
        doc = api_text(ctx.lang, str(first.get("description", ""))).strip().splitlines()
        out.append(
            {
                "methods": methods,
                "path": path,
                "summary": api_text(ctx.lang, str(first.get("summary", ""))),
                "description": doc[0] if doc else "",
            }
        )
    return sorted(out, key=lambda r: (not r["path"].startswith("/api/"), r["path"]))


def docs_page_context(ctx: Ctx) -> dict[str, Any]:
    """The template context of the route list."""
    context = page_context(
        ctx, title=t(ctx.lang, "API (versie 1)"), nav="/api/docs", json_url="/api/openapi.json"
    )
    context.update({"routes": route_list(ctx)})
    return context


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
async def api_docs(ctx: CtxDep) -> HTMLResponse:
    """The route list."""
    return await cached_page(ctx, lambda: ("api_docs.html", docs_page_context(ctx)))
