"""The JSON API, version 1 (``/api/v1/``): regions, indicators, locations, provenance."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from kansrijk.errors import InputError, Message
from kansrijk.indicators import INDICATORS, get_indicator
from kansrijk.indicators.export import definition_json, result_json
from kansrijk.regions import Level, Region
from kansrijk.warehouse import VmboLocation, status
from kansrijk.warehouse.locations import location_history, location_years
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.errors import location_not_in_year, unknown_location
from kansrijk.web.params import parse_year, parse_years, split
from kansrijk.web.render import cached_json

router = APIRouter(prefix="/api/v1", tags=["api v1"])

RegionsQ = Annotated[
    str | None, Query(description="Region code(s), comma-separated, e.g. MRDH,GM0599.")
]
YearQ = Annotated[str | None, Query(description="Year(s), comma-separated.")]


# -- regions ---------------------------------------------------------------------------------


def region_summary(r: Region) -> dict[str, Any]:
    """One region in a list (the shape of ``kansrijk regions list --json`` plus name_en)."""
    return {
        "code": r.code,
        "name": r.name,
        "name_en": r.name_en or r.name,
        "level": r.level.value,
        "gemeenten": len(r.gemeenten),
        "pc4": len(r.pc4),
    }


def region_detail(ctx: Ctx, region: Region) -> dict[str, Any]:
    """A region with its members (the shape of ``kansrijk regions show --json``)."""
    return ctx.catalog.describe(region)


@router.get("/regions", summary="Regions, optionally of one level")
async def list_regions(
    ctx: CtxDep,
    level: Annotated[
        str | None,
        Query(description="nl, provincie, corop, arbeidsmarktregio, gemeente or custom"),
    ] = None,
) -> Response:
    """Every region Kansrijk knows (CBS levels from the warehouse plus custom regions)."""
    return await cached_json(ctx, lambda: regions_json(ctx, level))


def regions_json(ctx: Ctx, level: str | None) -> dict[str, Any]:
    """The document of ``/api/v1/regions``."""
    try:
        lvl = Level(level.strip().lower()) if level and level.strip() else None
    except ValueError:
        raise InputError(
            Message(
                "level: unknown level {level!r}; expected one of {known}",
                level=level,
                known=", ".join(v.value for v in Level),
            )
        ) from None
    return {"ok": True, "regions": [region_summary(r) for r in ctx.catalog.list(lvl)]}


@router.get("/regions/{code}", summary="One region with its member municipalities")
async def show_region(ctx: CtxDep, code: str) -> Response:
    """Name, level, member municipalities (current codes) with their predecessors, parents."""
    return await cached_json(ctx, lambda: region_detail(ctx, ctx.catalog.get(code)))


# -- indicators ------------------------------------------------------------------------------


@router.get("/indicators", summary="Every indicator definition")
async def list_indicators(ctx: CtxDep) -> Response:
    """Id, labels, unit, breakdowns, profile set, definition and references of each."""
    return await cached_json(
        ctx, lambda: {"ok": True, "indicators": [definition_json(i) for i in INDICATORS]}
    )


@router.get("/indicators/{indicator_id}", summary="Evaluate an indicator")
async def indicator(
    ctx: CtxDep,
    indicator_id: str,
    region: RegionsQ = None,
    year: YearQ = None,
    by: Annotated[
        str | None,
        Query(description="Breakdown(s): profile, track, sex, sector, grade, statistic."),
    ] = None,
    profile_set: Annotated[
        str | None, Query(alias="set", description="Profile set: techniek or techniek_ict.")
    ] = None,
) -> Response:
    """Computed values next to published figures and targets: the same document as
    ``kansrijk indicator ID --json``."""
    get_indicator(indicator_id)
    years = parse_years(year)
    return await cached_json(
        ctx,
        lambda: result_json(
            ctx.compute(indicator_id, split(region) or ["NL00"], years, split(by), profile_set)
        ),
    )


# -- locations -------------------------------------------------------------------------------


def locations_for_year(ctx: Ctx, year: int) -> list[VmboLocation]:
    """Every vmbo BB/KB/GL location of a year (cached for the life of the app)."""
    return ctx.state.workspace.locations(year, ctx.wh)


def locations_json(ctx: Ctx, region_code: str | None, year_text: str | None) -> dict[str, Any]:
    """The document of ``/api/v1/locations``."""
    region = ctx.region(region_code)
    year = parse_year(year_text) or ctx.state.newest_year()
    locs = [] if year is None else ctx.state.workspace.locations_in(region, year, ctx.wh)
    return {
        "ok": True,
        "region": region_summary(region),
        "year": year,
        "population": "vmbo BB/KB/GL pupils in leerjaar 3-4",
        "tech_offer": "offers a profile of techniek incl. ICT (BWI, PIE, MT, MAT, MVI)",
        "count": len(locs),
        "locations": [x.to_json() for x in locs],
    }


@router.get("/locations", summary="vmbo BB/KB/GL locations of a region")
async def locations(ctx: CtxDep, region: RegionsQ = None, year: YearQ = None) -> Response:
    """Locations with pupils in vmbo BB/KB/GL leerjaar 3-4: name, municipality, PC4 and its
    centroid (lon/lat), pupils, offered profiles, technical offer yes/no."""
    return await cached_json(ctx, lambda: locations_json(ctx, region, year))


def location_json(ctx: Ctx, loc_code: str, year_text: str | None) -> dict[str, Any]:
    """The document of ``/api/v1/locations/{loc_code}``."""
    code = loc_code.strip().upper()
    years = location_years(ctx.wh, code)
    if not years:
        raise unknown_location(loc_code)
    year = parse_year(year_text) or years[-1]
    found = [x for x in locations_for_year(ctx, year) if x.loc_code == code]
    if not found:
        raise location_not_in_year(code, year, years)
    loc = found[0]
    regions = (
        [p.code for p in ctx.catalog.parents_of(loc.gemeente_code, loc.pc4)]
        if loc.gemeente_code
        else []
    )
    return {
        "ok": True,
        **loc.to_json(),
        "years": years,
        "regions": regions,
        "history": location_history(ctx.wh, code),
    }


@router.get("/locations/{loc_code}", summary="One vmbo location with its history")
async def location(ctx: CtxDep, loc_code: str, year: YearQ = None) -> Response:
    """A location in one year (default: its newest) plus pupils per year, track and profile."""
    return await cached_json(ctx, lambda: location_json(ctx, loc_code, year))


# -- provenance ------------------------------------------------------------------------------


def provenance_json(ctx: Ctx) -> dict[str, Any]:
    """What is loaded, per dataset and year (the data of ``kansrijk status``)."""
    rows: list[dict[str, Any]] = ctx.state.views.get_or_make(
        ("provenance",), lambda: [dataclasses.asdict(s) for s in status(ctx.wh)]
    )
    return {"ok": True, "demo": ctx.state.demo, "real": ctx.state.real, "datasets": rows}


@router.get("/provenance", summary="Loaded datasets with their provenance")
async def provenance(ctx: CtxDep) -> Response:
    """Dataset, year, rows, file, sha256, publisher, licence and load time of each."""
    return await cached_json(ctx, lambda: provenance_json(ctx))
