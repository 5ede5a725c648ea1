"""Fixtures: the demo warehouse (built once per session), its catalogue and candidates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kansrijk.demo import demo_custom_regions, load_demo
from kansrijk.optimise import CandidateSet, build_candidates
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Parameters
from kansrijk.warehouse import Warehouse, region_catalog


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
def demo_cands(demo_wh: Warehouse, demo_catalog: RegionCatalog) -> CandidateSet:
    """Every candidate of the demo region, one-off costs sized to the predicted pupils (so
    the equivalent annual costs differ between candidates)."""
    return build_candidates(
        demo_wh, demo_catalog, "DEMO", parameters=Parameters(cost_sizing="predicted")
    )
