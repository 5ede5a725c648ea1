"""Fixtures: the demo warehouse (built once per session) with its region catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Baseline
from kansrijk.warehouse import Warehouse, region_catalog

#: The demo's newest enrollment year (the default baseline year).
DEMO_YEAR = 2024


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


@pytest.fixture
def demo_wh(demo_path: Path) -> Iterator[Warehouse]:
    with Warehouse(demo_path, read_only=True) as wh:
        yield wh


@pytest.fixture
def demo_catalog(demo_wh: Warehouse) -> RegionCatalog:
    return region_catalog(demo_wh, packaged_regions() + demo_custom_regions())


@pytest.fixture
def demo_baseline(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> Baseline:
    return Baseline.from_warehouse(demo_wh, demo_catalog, "DEMO", DEMO_YEAR)
