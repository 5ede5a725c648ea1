"""``/`` Overview of a region and its JSON twin ``/overview.json``: key figures for the
newest loaded year (with published figures and targets beside them), the enrollment trends
with their targets and the exam trends (breaks in the definitions marked, never drawn as a
change)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kansrijk.indicators import IndicatorResult, IndicatorRow, get_indicator
from kansrijk.indicators.published import PublishedFigure, find
from kansrijk.l10n.monitor import choice_label, definition_text, t
from kansrijk.regions import Region
from kansrijk.web import format as fmt
from kansrijk.web.deps import Ctx
from kansrijk.web.page import Page, doc
from kansrijk.web.render import page_context
from kansrijk.web.trend_view import trend_view


@dataclass(frozen=True, slots=True)
class OverviewQuery:
    """The overview's one parameter."""

    region: str | None = field(
        default=None, metadata=doc("Region code; default MRDH (DEMO for the demo).")
    )


#: The exam trends shown on the overview, the region beside NL.
TRENDS: tuple[str, ...] = ("exams.n_profile_share", "exams.vmbo_tech_share")
#: The enrollment trends shown on the overview with their targets (the region alone).
ENROLLMENT_TRENDS: tuple[str, ...] = ("vmbo.no_tech_offer_share", "vmbo.tech_choice_share")


def _row(result: IndicatorResult, year: int, **bd: str) -> IndicatorRow | None:
    for r in result.rows:
        if r.year == year and all(r.breakdown.get(k) == v for k, v in bd.items()):
            return r
    return None


def _figures(
    ctx: Ctx, indicator: str, region: str, pset: str | None, kind: str
) -> list[dict[str, Any]]:
    """Published figures (every year) or targets of the region, without breakdown; beside
    fictional demo data only the demo's fictional targets (as the engine does)."""
    if ctx.state.demo:
        if kind != "target":
            return []
        kind = "demo_target"
    figs: list[PublishedFigure] = [
        f for f in find(indicator, [region], None, pset, kind=kind) if not f.breakdown
    ]
    figs.sort(key=lambda f: f.year or 0, reverse=True)
    return [
        {
            "kind": f.kind,
            "label": fmt.published_label(f, ctx.lang),
            "value": f.value,
            "display": fmt.value(f.value, f.unit, ctx.lang),
            "year": f.year,
            "profile_set": f.profile_set,
            "source": f.source,
            "note": f.note,
        }
        for f in figs
    ]


def _cell(ctx: Ctx, row: IndicatorRow | None, unit: str) -> dict[str, Any]:
    if row is None:
        return {
            "value": None,
            "numerator": None,
            "denominator": None,
            "suppressed": False,
            "masked_cells": 0,
            "display": t(ctx.lang, "geen gegevens"),
        }
    return {
        "value": row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "suppressed": row.suppressed,
        "masked_cells": row.masked_cells,
        "display": fmt.value(row.value, unit, ctx.lang, suppressed=row.suppressed),
    }


def _tile(
    ctx: Ctx,
    region: Region,
    year: int | None,
    indicator: str,
    pset: str | None = None,
    *,
    stat: str | None = None,
) -> dict[str, Any]:
    ind = get_indicator(indicator)
    # only the year shown: a tile costs one year's work however many years are loaded
    res = ctx.compute(indicator, [region.code], [year] if year is not None else None, None, pset)
    bd = {"statistic": stat} if stat else {}
    row = _row(res, year, **bd) if year is not None else None
    unit = "percent" if stat == "share_over_5km" else ind.unit.value
    cell = _cell(ctx, row, unit)
    used_set = res.profile_set
    detail = ""
    if row is not None and not row.suppressed and row.denominator:
        if stat:
            detail = t(
                ctx.lang, "{den} jongeren van 10-14 jaar", den=fmt.count(row.denominator, ctx.lang)
            )
        elif row.numerator is not None:
            detail = t(
                ctx.lang,
                "{num} van {den} leerlingen",
                num=fmt.count(row.numerator, ctx.lang),
                den=fmt.count(row.denominator, ctx.lang),
            )
    return {
        "indicator": ind.id,
        "label": ind.label(ctx.lang),
        "unit": unit,
        "year": year,
        "profile_set": used_set,
        "profile_set_label": choice_label(ctx.lang, "set", used_set) if used_set else "",
        "statistic": stat,
        **cell,
        "detail": detail,
        "lines": [],
        "published": _figures(ctx, ind.id, region.code, used_set, "published"),
        "targets": _figures(ctx, ind.id, region.code, used_set, "target"),
        "definition": definition_text(ctx.lang, ind.definition),
        "compare_url": "/compare?"
        + urlencode(
            {"region": region.code, "indicator": ind.id} | ({"set": used_set} if pset else {})
        ),
    }


def _tiles(ctx: Ctx, region: Region, year: int | None) -> list[dict[str, Any]]:
    lang = ctx.lang
    tech = _tile(ctx, region, year, "vmbo.tech_choice_share", "techniek")
    tech_ict = _tile(ctx, region, year, "vmbo.tech_choice_share", "techniek_ict")
    tech["second"] = tech_ict
    tech["lines"].append(t(lang, "incl. ICT (MVI): {value}", value=tech_ict["display"]))
    tech["published"] += tech_ict["published"]
    tech["targets"] += tech_ict["targets"]
    no_offer = _tile(ctx, region, year, "vmbo.no_tech_offer_share")
    dist = _tile(ctx, region, year, "access.distance_to_tech_offer", stat="mean_km")
    far = _tile(ctx, region, year, "access.distance_to_tech_offer", stat="share_over_5km")
    dist["second"] = far
    dist["lines"].append(t(lang, "gemiddelde afstand, hemelsbreed"))
    dist["lines"].append(t(lang, "{value} woont verder dan 5 km", value=far["display"]))
    girls = _tile(ctx, region, year, "vmbo.girls_in_tech_share")
    return [tech, no_offer, dist, girls]


def _trend(ctx: Ctx, region: Region, indicator: str, chart_id: str, *, nl: bool) -> dict[str, Any]:
    """One trend of the region (and NL beside it when ``nl``): chart with breaks and target
    lines, table alternative; ``series``/``breaks`` in raw precision for the JSON twin."""
    codes = [region.code] if region.code == "NL00" or not nl else [region.code, "NL00"]
    codes = [c for c in codes if c in ctx.catalog]
    tv = trend_view(ctx, indicator, codes, chart_id=chart_id)
    raw = tv.pop("trend")
    return tv | {"series": raw["series"], "breaks": raw["breaks"]}


def _summary(ctx: Ctx, region: Region, year: int | None, tiles: list[dict[str, Any]]) -> list[str]:
    lang = ctx.lang
    name = region.label(lang)
    tech, no_offer, dist, girls = tiles
    if year is None or tech["value"] is None:
        return [t(lang, "Voor {region} zijn nog geen leerlinggegevens geladen.", region=name)]
    out = [
        t(
            lang,
            "In {year} zat {tech} van de vmbo-leerlingen in leerjaar 3-4 (BB, "
            "KB, GL) in {region} in een technisch profiel; met ICT (MVI) erbij "
            "{tech_ict}.",
            year=year,
            tech=tech["display"],
            region=name,
            tech_ict=tech["second"]["display"],
        )
    ]
    if no_offer["value"] is not None:
        out.append(
            t(
                lang,
                "{share} van deze leerlingen zat op een locatie zonder technisch "
                "profiel (techniek incl. ICT).",
                share=no_offer["display"],
            )
        )
    if dist["value"] is not None and dist["second"]["value"] is not None:
        out.append(
            t(
                lang,
                "Jongeren van 10-14 jaar wonen gemiddeld {km} (hemelsbreed) van de "
                "dichtstbijzijnde locatie met een technisch profiel; {far} woont "
                "verder dan 5 km.",
                km=dist["display"],
                far=dist["second"]["display"],
            )
        )
    if girls["value"] is not None:
        out.append(
            t(
                lang,
                "Van de leerlingen in een technisch profiel is {girls} een meisje.",
                girls=girls["display"],
            )
        )
    seor = [p for p in tech["published"] if p["source"].startswith("SEOR")]
    if seor:
        out.append(
            t(
                lang,
                "Ter vergelijking: SEOR (2026) publiceerde voor {region} in {year} "
                "een aandeel van {value} (andere telling, zie de definitie).",
                region=name,
                year=seor[0]["year"],
                value=seor[0]["display"],
            )
        )
    return out


def overview_view(ctx: Ctx, region_code: str | None) -> dict[str, Any]:
    """The data of the overview page (and of ``/overview.json``)."""
    region = ctx.region(region_code)
    year = ctx.state.newest_year()
    tiles = _tiles(ctx, region, year)
    return {
        "ok": True,
        "lang": ctx.lang,
        "region": {
            "code": region.code,
            "name": region.name,
            "name_en": region.name_en or region.name,
            "level": region.level.value,
        },
        "year": year,
        "demo": ctx.state.demo,
        "tiles": tiles,
        "trends": [
            _trend(ctx, region, i, f"trend-{n}", nl=True) for n, i in enumerate(TRENDS, start=1)
        ],
        "enrollment_trends": [
            _trend(ctx, region, i, f"trend-e{n}", nl=False)
            for n, i in enumerate(ENROLLMENT_TRENDS, start=1)
        ],
        "summary": _summary(ctx, region, year, tiles),
    }


def overview_context(ctx: Ctx, _q: OverviewQuery, view: dict[str, Any]) -> dict[str, Any]:
    """The template context of the overview page."""
    name = view["region"]["name_en" if ctx.lang == "en" else "name"]
    context = page_context(
        ctx,
        title=t(ctx.lang, "Overzicht: {region}", region=name),
        nav="/",
        region=view["region"]["code"],
    )
    context.update({"view": view, "region_name": name})
    return context


PAGE = Page(
    path="/",
    twin="/overview.json",
    template="overview.html",
    params=OverviewQuery,
    view=lambda ctx, q: overview_view(ctx, q.region),
    context=overview_context,
    summary="Overview of a region (JSON twin of /)",
    description="Key figures of the newest loaded year and exam trends, as the overview page "
    "shows.",
)
router = PAGE.router()
