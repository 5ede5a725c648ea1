"""Benchmarks of the scenario planner on the real data (performance budget: a scenario run
for MRDH < 100 ms; with 1,000 uncertainty draws < 2 s).

Run: ``.venv/bin/pytest benchmarks/test_scenarios_bench.py --benchmark-enable --benchmark-only``.
The choice models are estimated once per warehouse and year and cached in the process;
the warm-up run before timing pays that (about 0.2 s), so the timed part is what a user
pays per run afterwards: the cache lookup, the region's baseline, the interventions and
the evaluation. Skipped when ../shared/data is absent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import real_files
from kansrijk.regions import RegionCatalog, packaged_regions
from kansrijk.scenarios import Scenario, ScenarioResult, run
from kansrijk.warehouse import Warehouse, ingest, region_catalog

Setup = tuple[Warehouse, RegionCatalog, Scenario]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    files = real_files()
    path = tmp_path_factory.mktemp("bench") / "real.duckdb"
    with Warehouse(path) as wh:
        ingest(wh, files)
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions())
        scenario = Scenario.preset("mrdh-pie")
        run(scenario, wh, catalog)  # warm-up: estimates and caches the choice models
        yield wh, catalog, scenario


@pytest.mark.realdata
def test_mrdh_preset_run(benchmark: BenchmarkFixture, setup: Setup) -> None:
    wh, catalog, scenario = setup
    result: ScenarioResult = benchmark(run, scenario, wh, catalog)
    assert result.summary.extra_entrants_per_year > 0


@pytest.mark.realdata
def test_mrdh_preset_run_1000_draws(benchmark: BenchmarkFixture, setup: Setup) -> None:
    wh, catalog, scenario = setup
    result: ScenarioResult = benchmark(run, scenario, wh, catalog, draws=1000)
    assert result.summary.extra_entrants_per_year_interval is not None
