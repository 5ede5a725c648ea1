"""One front door for the CLI and the web app: an open warehouse, the region catalogue that
applies to it (CBS regions, packaged and user custom regions, the demo's when the demo is
loaded) and the read model's caches.

A workspace is cheap to make and builds what it is asked for once: the catalogue, the loaded
years of a table, the vmbo locations of a year. The warehouse it reads is not changed while
the workspace lives (the web app opens it read-only; a CLI command makes one per run).
Heavy modules are imported on first use, so that importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kansrijk.memo import LruCache

if TYPE_CHECKING:
    from kansrijk.regions import Region, RegionCatalog
    from kansrijk.settings import Settings
    from kansrijk.warehouse import VmboLocation, Warehouse

__all__ = ["Workspace"]

T = TypeVar("T")


class Workspace:
    """The warehouse, the region catalogue and the caches, for one settings object."""

    def __init__(self, settings: Settings, warehouse: Warehouse) -> None:
        self.settings = settings
        self.warehouse = warehouse
        #: what the read model built, by kind; one computation per key however many threads
        #: ask at once (``memo.LruCache``'s single flight); room for every loaded year
        self.cache: LruCache[Any] = LruCache(256)

    def _once(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()`` the first time ``key`` is asked for, the same object after that."""
        made: T = self.cache.get_or_make(key, make)
        return made

    @property
    def catalog(self) -> RegionCatalog:
        """Every region: CBS regions of the newest loaded year, packaged custom regions, the
        user's regions file (``settings.regions_file``) and, with the demo loaded, its
        regions."""

        def make() -> RegionCatalog:
            from kansrijk.demo import regions_for
            from kansrijk.warehouse import region_catalog

            wh = self.warehouse
            return region_catalog(wh, regions_for(wh, self.settings.regions_file))

        return self._once(("catalog",), make)

    def region(self, code: str) -> Region:
        """A region by code or name (``UnknownRegionError`` with suggestions otherwise)."""
        return self.catalog.get(code)

    @property
    def demo(self) -> bool:
        """The fictional demo region is loaded."""
        return self._once(("demo",), self.warehouse.has_fictional)

    @property
    def real(self) -> bool:
        """Real (non-fictional) vmbo enrollment data are loaded."""
        from kansrijk.warehouse import has_real_enrollment

        return self._once(("real",), lambda: has_real_enrollment(self.warehouse))

    def years(self, table: str = "vo_enrollment") -> list[int]:
        """The loaded years of a canonical table, ascending."""
        from kansrijk.warehouse import table_years

        return self._once(("years", table), lambda: table_years(self.warehouse, table))

    def gemeente_names(self) -> dict[str, str]:
        """Current gemeente code -> name."""
        from kansrijk.regions import Level

        return self._once(
            ("gemeente-names",),
            lambda: {r.code: r.name for r in self.catalog.list(Level.GEMEENTE)},
        )

    def locations(self, year: int, wh: Warehouse | None = None) -> list[VmboLocation]:
        """Every location with vmbo BB/KB/GL pupils in leerjaar 3-4 in ``year``, read through
        ``wh`` (a cursor of this workspace's warehouse, for threads) on first use."""
        from kansrijk.warehouse import vmbo_locations

        return self._once(
            ("locations", year),
            lambda: vmbo_locations(wh or self.warehouse, year, self.gemeente_names()),
        )

    def locations_in(
        self, region: Region, year: int, wh: Warehouse | None = None
    ) -> list[VmboLocation]:
        """The locations of ``year`` that lie in ``region`` (``Region.contains``)."""
        return [x for x in self.locations(year, wh) if x.in_region(region)]
