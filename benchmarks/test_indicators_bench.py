"""Indicator budget: any indicator for all gemeenten x all loaded years < 200 ms warm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import real_files
from kansrijk.indicators import INDICATORS, compute
from kansrijk.regions import Level, RegionCatalog, packaged_regions
from kansrijk.warehouse import Warehouse, ingest, region_catalog


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Warehouse, RegionCatalog]]:
    files = real_files()
    path = tmp_path_factory.mktemp("bench") / "real.duckdb"
    with Warehouse(path) as wh:
        ingest(wh, files)
    with Warehouse(path, read_only=True) as wh:
        yield wh, region_catalog(wh, packaged_regions())


@pytest.mark.realdata
@pytest.mark.parametrize("indicator", [i.id for i in INDICATORS if i.computable])
def test_indicator_all_gemeenten_all_years(
    benchmark: BenchmarkFixture, loaded: tuple[Warehouse, RegionCatalog], indicator: str
) -> None:
    wh, catalog = loaded
    gemeenten = [r.code for r in catalog.list(Level.GEMEENTE)]
    assert len(gemeenten) == 342
    warm = compute(wh, catalog, indicator, gemeenten)
    if not warm.years:  # e.g. the mbo indicators: no DUO mbo file in ../shared/data
        pytest.skip(f"{indicator}: no data loaded for it ({'; '.join(warm.notes) or 'no years'})")
    result = benchmark(compute, wh, catalog, indicator, gemeenten)
    assert result.rows
