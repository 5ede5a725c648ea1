"""``/data``: what is loaded (provenance), whether it is the demo, the sources and their
licences, and how to load real data; twin ``/data.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kansrijk.l10n.monitor import t
from kansrijk.sources.fetch import load_catalog
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page, doc
from kansrijk.web.render import page_context
from kansrijk.web.routes.api import provenance_json


@dataclass(frozen=True, slots=True)
class DataQuery:
    """The data page's one parameter: the region the navigation keeps (what is loaded is the
    same for every region)."""

    region: str | None = field(
        default=None, metadata=doc("Region code kept by the navigation (the data is the same).")
    )


def sources_json(lang: str) -> list[dict[str, Any]]:
    """Publishers with their licences and datasets (from the fetch catalogue); ``title`` is
    the dataset's title in ``lang`` (Dutch or English), ``title_nl``/``title_en`` both."""
    catalog = load_catalog()
    out = []
    for key, pub in catalog.publishers.items():
        out.append(
            {
                "publisher": key,
                "name": pub.name,
                "licence": pub.licence,
                "datasets": [
                    {
                        "dataset": name,
                        "title": ds.title_in(lang),
                        "title_nl": ds.title,
                        "title_en": ds.title_en,
                        "landing_page": ds.landing_page,
                    }
                    for name, ds in catalog.datasets.items()
                    if ds.publisher == key
                ],
            }
        )
    return out


def data_view(ctx: Ctx, _q: DataQuery) -> dict[str, Any]:
    """The data of the data page (and of ``/data.json``)."""
    prov = provenance_json(ctx)
    return {
        "ok": True,
        "demo": prov["demo"],
        "real": prov["real"],
        "warehouse": ctx.state.settings.warehouse.name,  # the file name: no server paths
        "datasets": prov["datasets"],
        "sources": ctx.state.views.get_or_make(
            ("sources", ctx.lang), lambda: sources_json(ctx.lang)
        ),
        "load_real_data": [
            "kansrijk fetch",
            "kansrijk ingest FILE...",
            "kansrijk serve",
        ],
    }


def _years_text(years: list[int]) -> str:
    """``[2014, 2015, 2016, 2019]`` -> ``'2014-2016, 2019'``."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def grouped(datasets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Provenance rows of one file (dataset, file, sha256) together, with their years."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for d in datasets:
        key = (d["dataset"], d["file_name"], d["sha256"])
        g = groups.setdefault(key, {**d, "years": [], "rows": 0})
        g["years"].append(d["year"])
        g["rows"] += d["rows"]
    for g in groups.values():
        g["years_text"] = _years_text(g["years"])
    return list(groups.values())


def data_context(ctx: Ctx, q: DataQuery, view: dict[str, Any]) -> dict[str, Any]:
    """The template context of the data page."""
    context = page_context(
        ctx, title=t(ctx.lang, "Data en bronnen"), nav="/data", region=q.region or None
    )
    context.update({"view": view, "files": grouped(view["datasets"])})
    return context


PAGE = Page(
    path="/data",
    template="data.html",
    params=DataQuery,
    view=data_view,
    context=data_context,
    summary="Loaded data and sources (JSON twin of /data)",
    description="Provenance of every loaded dataset-year, the demo flag and the sources.",
)
router = PAGE.router()
