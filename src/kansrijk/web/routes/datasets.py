"""``/data``: what is loaded (provenance), whether it is the demo, the sources and their
licences, and how to load real data; twin ``/data.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from kansrijk.sources.fetch import load_catalog
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.i18n import t
from kansrijk.web.render import json_response, page_context, render
from kansrijk.web.routes.api import provenance_json

router = APIRouter()


def sources_json() -> list[dict[str, Any]]:
    """Publishers with their licences and datasets (from the fetch catalogue)."""
    catalog = load_catalog()
    out = []
    for key, pub in catalog.publishers.items():
        out.append(
            {
                "publisher": key,
                "name": pub.name,
                "licence": pub.licence,
                "datasets": [
                    {"dataset": name, "title": ds.title, "landing_page": ds.landing_page}
                    for name, ds in catalog.datasets.items()
                    if ds.publisher == key
                ],
            }
        )
    return out


def data_view(ctx: Ctx) -> dict[str, Any]:
    """The data of the data page (and of ``/data.json``)."""
    prov = provenance_json(ctx)
    return {
        "ok": True,
        "demo": prov["demo"],
        "real": prov["real"],
        "warehouse": str(ctx.state.settings.warehouse),
        "datasets": prov["datasets"],
        "sources": ctx.state.views.get_or_make(("sources",), sources_json),
        "load_real_data": [
            "kansrijk fetch",
            "kansrijk ingest FILE...",
            "kansrijk serve",
        ],
    }


@router.get("/data.json", summary="Loaded data and sources (JSON twin of /data)", tags=["pages"])
def data_json(ctx: CtxDep) -> Response:
    """Provenance of every loaded dataset-year, the demo flag and the sources."""
    return json_response(data_view(ctx))


@router.get("/data", response_class=HTMLResponse, include_in_schema=False)
def data_page(ctx: CtxDep) -> HTMLResponse:
    """The data page."""
    view = data_view(ctx)
    context = page_context(
        ctx,
        title=t(ctx.lang, "data_title"),
        nav="/data",
        region=ctx.request.query_params.get("region") or None,
        json_url="/data.json",
    )
    context.update({"view": view})
    return render(ctx, "data.html", context)
