"""``/api/docs``: a small local page listing every route (FastAPI's Swagger/ReDoc pages load
their scripts from a CDN, so they are switched off); the OpenAPI document is
``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import t
from kansrijk.web.render import cached_page, page_context

router = APIRouter()


def route_list(ctx: Ctx) -> list[dict[str, Any]]:
    """Every documented route (from the OpenAPI document): methods, path, summary and the
    first line of its description."""
    paths: dict[str, dict[str, Any]] = ctx.request.app.openapi()["paths"]
    out = []
    for path, ops in paths.items():
        methods = [m.upper() for m in ops if m != "parameters"]
        first = ops[methods[0].lower()]
        doc = str(first.get("description", "")).strip().splitlines()
        out.append(
            {
                "methods": methods,
                "path": path,
                "summary": first.get("summary", ""),
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
