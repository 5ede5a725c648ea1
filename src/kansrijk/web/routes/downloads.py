"""``/downloads/{indicator}.{csv,nl.csv,xlsx,parquet}``: any computed indicator for every
gemeente x every loaded year in one click, rounded for people (counts whole, shares and
distances to one decimal); ``?set=`` and ``?by=`` as on the compare page. The JSON API
(``/api/v1/indicators/...``, ``/compare.json``) keeps the raw precision."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import InputError, Message
from kansrijk.indicators import get_indicator
from kansrijk.indicators.downloads import DOWNLOAD_FORMATS, download_bytes
from kansrijk.regions import Level
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.params import split

router = APIRouter()
#: The media types a download may have (declared in the OpenAPI document).
DOWNLOAD_MEDIA = tuple(dict.fromkeys(m.split(";")[0] for m in DOWNLOAD_FORMATS.values()))


def _parse(name: str) -> tuple[str, str]:
    for fmt in sorted(DOWNLOAD_FORMATS, key=len, reverse=True):
        if name.endswith("." + fmt):
            return name[: -len(fmt) - 1], fmt
    raise InputError(
        Message(
            "download {name!r}: expected INDICATOR.csv, INDICATOR.nl.csv, INDICATOR.xlsx or "
            "INDICATOR.parquet (e.g. vmbo.tech_choice_share.xlsx)",
            name=name,
        )
    )


def download(ctx: Ctx, name: str, by: str | None, profile_set: str | None) -> Response:
    """Every gemeente x every loaded year of one indicator, in the asked format."""
    indicator_id, fmt = _parse(name)
    ind = get_indicator(indicator_id)
    if not ind.computable:
        raise InputError(
            Message(
                "download: {indicator} is not computed by Kansrijk (only published figures)",
                indicator=ind.id,
            )
        )
    gemeenten = [r.code for r in ctx.catalog.list(Level.GEMEENTE)]
    lang = ctx.lang if fmt == "xlsx" else ""  # only the workbook speaks the page language
    key = ("download", ind.id, fmt, by or "", profile_set or "", lang)

    def make() -> bytes:
        result = ctx.compute(ind.id, gemeenten, None, split(by), profile_set)
        return download_bytes(result, fmt, lang or "nl")

    body: bytes = ctx.state.views.get_or_make(key, make)
    set_part = f"-{profile_set}" if profile_set else ""
    file_name = f"kansrijk-{ind.id}{set_part}-gemeenten-alle-jaren.{fmt}"
    return Response(
        body,
        media_type=DOWNLOAD_FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@router.get(
    "/downloads/{name}",
    summary="Any indicator for every municipality x every loaded year (CSV, NL CSV, XLSX, Parquet)",
    tags=["pages"],
    responses={
        200: {
            "description": "The file (an attachment), in the format of the name's suffix.",
            "content": {media: {"schema": {"type": "string"}} for media in DOWNLOAD_MEDIA},
        }
    },
)
async def download_route(
    ctx: CtxDep,
    name: str,
    by: Annotated[str | None, Query(description="Breakdown(s), comma-separated.")] = None,
    profile_set: Annotated[str | None, Query(alias="set")] = None,
) -> Response:
    """``name`` = indicator id + ``.csv``, ``.nl.csv`` (``;`` and decimal comma, for Dutch
    Excel), ``.xlsx`` (formatted columns) or ``.parquet``."""
    return await run_in_threadpool(download, ctx, name, by, profile_set)
