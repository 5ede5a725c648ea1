"""``/api/docs``: a small local page listing every route (FastAPI's Swagger/ReDoc pages load
their scripts from a CDN, so they are switched off); the OpenAPI document is
``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import t
from kansrijk.web.render import page_context, render

router = APIRouter()


def route_list(ctx: Ctx) -> list[dict[str, Any]]:
    """Every documented route: methods, path, summary, first line of its description."""
    out = []
    for route in ctx.request.app.routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        doc = (route.description or "").strip().splitlines()
        out.append(
            {
                "methods": sorted(route.methods - {"HEAD"}),
                "path": route.path,
                "summary": route.summary or route.name,
                "description": doc[0] if doc else "",
            }
        )
    return sorted(out, key=lambda r: (not r["path"].startswith("/api/"), r["path"]))


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(ctx: CtxDep) -> HTMLResponse:
    """The route list."""
    context = page_context(ctx, title=t(ctx.lang, "api_title"), nav="/api/docs")
    context.update({"routes": route_list(ctx)})
    return render(ctx, "api_docs.html", context)
