"""``/api/v1/trend/{indicator_id}``: an indicator over every loaded year for regions, with
year-on-year changes, breaks in its definition and targets (the document of ``kansrijk trend
--json``, raw precision). The pages draw the same trends (overview, compare, location)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from kansrijk.indicators.trend import trend_of
from kansrijk.web.deps import CtxDep
from kansrijk.web.params import split
from kansrijk.web.render import cached_json

router = APIRouter()


@router.get(
    "/api/v1/trend/{indicator_id}",
    summary="An indicator over every loaded year: changes, breaks, target and gap",
    tags=["api v1"],
)
async def trend_api(
    ctx: CtxDep,
    indicator_id: str,
    region: Annotated[str | None, Query(description="Region code(s), comma-separated.")] = None,
    by: Annotated[str | None, Query(description="Breakdown(s), comma-separated.")] = None,
    profile_set: Annotated[str | None, Query(alias="set")] = None,
) -> Response:
    """As ``kansrijk trend ID --region ... --json``; ``region`` defaults to NL00 like the
    CLI."""

    def build() -> dict[str, Any]:
        codes = split(region) or ["NL00"]
        result = ctx.compute(indicator_id, codes, None, split(by), profile_set)
        return trend_of(result).to_json()

    return await cached_json(ctx, build)
