"""Dependencies of the routes; each can be overridden in tests (``app.dependency_overrides``).

``get_ctx`` bundles them into one :class:`Ctx` per request: state, language, catalogue, a
lazily opened per-request warehouse cursor (DuckDB connections are not shared between
threads) and the cached indicator engine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from kansrijk.indicators import IndicatorResult, compute, get_indicator
from kansrijk.l10n.monitor import DEFAULT_LANGUAGE, normalise_language
from kansrijk.regions import Region, RegionCatalog
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web.cache import LruCache
from kansrijk.web.region_batch import MAX_REGIONS, batched
from kansrijk.web.state import WebState

LANG_COOKIE = "lang"


async def get_state(request: Request) -> WebState:
    """The app's state, built at startup."""
    state: WebState = request.app.state.web
    return state


async def get_settings(state: Annotated[WebState, Depends(get_state)]) -> Settings:
    """The settings the app was created with."""
    return state.settings


async def get_catalog(state: Annotated[WebState, Depends(get_state)]) -> RegionCatalog:
    """The region catalogue."""
    return state.catalog


async def get_warehouse(state: Annotated[WebState, Depends(get_state)]) -> Warehouse:
    """The app's read-only warehouse (shared; requests use cursors on it)."""
    return state.warehouse


async def get_results_cache(
    state: Annotated[WebState, Depends(get_state)],
) -> LruCache[IndicatorResult]:
    """The LRU of computed indicator results."""
    return state.results


async def get_lang(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> str:
    """``?lang=`` first, then the cookie, then the settings' default (Dutch)."""
    return (
        normalise_language(request.query_params.get("lang"))
        or normalise_language(request.cookies.get(LANG_COOKIE))
        or normalise_language(settings.language)
        or DEFAULT_LANGUAGE
    )


class RequestDb:
    """A per-request handle: opens a cursor on the shared warehouse on first use."""

    def __init__(self, root: Warehouse) -> None:
        self._root = root
        self._cursor: Warehouse | None = None

    @property
    def wh(self) -> Warehouse:
        """This request's cursor."""
        if self._cursor is None:
            self._cursor = self._root.cursor()
        return self._cursor

    def close(self) -> None:
        """Close the cursor, if one was opened."""
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None


async def get_db(root: Annotated[Warehouse, Depends(get_warehouse)]) -> AsyncIterator[RequestDb]:
    """A lazily opened cursor for this request, closed afterwards."""
    db = RequestDb(root)
    try:
        yield db
    finally:
        db.close()


@dataclass(slots=True)
class Ctx:
    """Everything a route needs for one request."""

    request: Request
    state: WebState
    catalog: RegionCatalog
    lang: str
    db: RequestDb
    results: LruCache[IndicatorResult]

    @property
    def wh(self) -> Warehouse:
        """This request's warehouse cursor."""
        return self.db.wh

    def region(self, code: str | None) -> Region:
        """A region by code (the default region when empty); UnknownRegionError otherwise."""
        return self.catalog.get(code.strip() if code and code.strip() else self.default_region)

    @property
    def default_region(self) -> str:
        """MRDH with real data, DEMO with the demo, else NL00."""
        return self.state.default_region

    def compute(
        self,
        indicator_id: str,
        regions: Sequence[str],
        years: Sequence[int] | None = None,
        by: Sequence[str] | None = None,
        profile_set: str | None = None,
    ) -> IndicatorResult:
        """``indicators.compute`` through the LRU: one evaluation per (indicator, regions,
        years, by, set) for the life of the app (the warehouse is read-only)."""
        get_indicator(indicator_id)  # unknown ids fail before touching the cache
        codes = tuple(self.catalog.get(c).code for c in regions)
        key: tuple[Any, ...] = (
            indicator_id,
            codes,
            tuple(years) if years else None,
            tuple(b.strip().lower() for b in by or ()),
            profile_set.strip().lower() if profile_set else None,
        )

        def direct(regions: tuple[str, ...]) -> IndicatorResult:
            return compute(self.wh, self.catalog, indicator_id, regions, key[2], key[3], key[4])

        def make() -> IndicatorResult:
            if len(codes) <= MAX_REGIONS and not key[3]:  # cut from all regions at once
                batch = batched(
                    self.state.batches,
                    (indicator_id, key[2], key[4]),
                    self.state.batch_regions,
                    direct,
                    fictional=self.state.demo,
                )
                if batch.covers(codes):
                    return batch.subset(codes)
            return direct(codes)

        return self.results.get_or_make(key, make)


async def get_ctx(
    request: Request,
    state: Annotated[WebState, Depends(get_state)],
    catalog: Annotated[RegionCatalog, Depends(get_catalog)],
    lang: Annotated[str, Depends(get_lang)],
    db: Annotated[RequestDb, Depends(get_db)],
    results: Annotated[LruCache[IndicatorResult], Depends(get_results_cache)],
) -> Ctx:
    """The request context."""
    return Ctx(request, state, catalog, lang, db, results)


CtxDep = Annotated[Ctx, Depends(get_ctx)]
