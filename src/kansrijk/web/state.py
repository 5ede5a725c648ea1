"""What the app holds while it runs: the read-only warehouse, the region catalogue and the
caches. Built once at startup (lifespan), never at import time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kansrijk.errors import InputError, Message
from kansrijk.indicators import IndicatorResult
from kansrijk.indicators.mbo_queries import MBO_FACT_TABLES
from kansrijk.regions import Level, Region, RegionCatalog
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web.cache import LruCache
from kansrijk.web.region_batch import RegionBatch
from kansrijk.workspace import Workspace

#: Order of the groups in the region selector.
SELECTOR_LEVELS: tuple[Level, ...] = (
    Level.NL,
    Level.CUSTOM,
    Level.PROVINCIE,
    Level.COROP,
    Level.ARBEIDSMARKTREGIO,
    Level.GEMEENTE,
)


@dataclass(frozen=True, slots=True)
class RegionChoice:
    """One option of the region selector."""

    region: Region
    level: Level

    @property
    def code(self) -> str:
        """The region's code."""
        return self.region.code

    def name(self, lang: str) -> str:
        """The name in ``lang`` (``Region.label``)."""
        return self.region.label(lang)


@dataclass(slots=True)
class WebState:
    """Everything the app shares between requests (read-only after startup, caches aside)."""

    settings: Settings
    workspace: Workspace  # the front door shared with the CLI: warehouse, catalogue, caches
    warehouse: Warehouse
    catalog: RegionCatalog
    demo: bool  # the fictional demo region is loaded (never mixed with real data)
    real: bool  # real vmbo enrollment data are loaded
    default_region: str
    years: dict[str, list[int]]  # canonical table -> loaded years
    choices: list[RegionChoice]
    #: results by (indicator, regions, years, by, set): room for the overview of every region
    results: LruCache[IndicatorResult] = field(default_factory=lambda: LruCache(8192))
    #: results for all regions of the selector (``region_batch``), by (indicator, years, set)
    batches: LruCache[RegionBatch] = field(default_factory=lambda: LruCache(64))
    views: LruCache[Any] = field(default_factory=lambda: LruCache(512))
    #: rendered pages and JSON documents by (kind, path, query, language), <= 64 M chars
    responses: LruCache[str] = field(
        default_factory=lambda: LruCache(2048, max_weight=64_000_000, weigh=len)
    )

    @property
    def batch_regions(self) -> tuple[str, ...]:
        """The regions an indicator is computed for at once (``region_batch``): the selector's."""
        return tuple(c.code for c in self.choices)

    def newest_year(self, table: str = "vo_enrollment") -> int | None:
        """The newest loaded year of a table."""
        ys = self.years.get(table) or []
        return ys[-1] if ys else None

    def loaded_year(self, asked: int | None) -> int | None:
        """``asked`` when vmbo enrollment of that year is loaded, the newest loaded year when
        None (None when nothing is loaded).

        Raises:
            InputError: a year without loaded vmbo enrollment (names the loaded years).
        """
        years = self.years.get("vo_enrollment", [])
        if asked is None:
            return years[-1] if years else None
        if asked not in years:
            raise InputError(
                Message(
                    "year: no vmbo enrollment loaded for {year}; loaded years: {years}",
                    year=asked,
                    years=", ".join(map(str, years)) or Message("none"),
                )
            )
        return asked


def _choices(catalog: RegionCatalog) -> list[RegionChoice]:
    known = {r.code for r in catalog.list(Level.GEMEENTE)}
    out = []
    for level in SELECTOR_LEVELS:
        for r in catalog.list(level):
            if level is Level.CUSTOM and not _has_members(r, known):
                continue
            out.append(RegionChoice(r, level))
    return out


def _has_members(region: Region, known: set[str]) -> bool:
    return bool(known.intersection(region.gemeenten))


def build_state(settings: Settings, warehouse: Warehouse) -> WebState:
    """The state of an app on an open (read-only) warehouse."""
    ws = Workspace(settings, warehouse)
    demo, real, catalog = ws.demo, ws.real, ws.catalog
    default = "MRDH" if real and "MRDH" in catalog else "DEMO" if demo else "NL00"
    if default not in catalog:
        default = "NL00"
    tables = ("vo_enrollment", "vo_exam", "location", *MBO_FACT_TABLES)
    years = {t: ws.years(t) for t in tables}
    return WebState(
        settings=settings,
        workspace=ws,
        warehouse=warehouse,
        catalog=catalog,
        demo=demo,
        real=real,
        default_region=default,
        years=years,
        choices=_choices(catalog),
    )
