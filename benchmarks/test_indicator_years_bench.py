"""Indicators at 1 and 11 enrollment years (synthetic years made from the real 2019 file, or
the demo without ../shared/data): each indicator for all gemeenten x all years through
``compute``, next to its SQL floor in the same run -- the indicator's own query run directly
in DuckDB into Arrow -- with the ratio, after checking both give the same numbers.

Report: ``.venv/bin/python -m benchmarks.test_indicator_years_bench [BASE.duckdb]`` (BASE: an
already loaded warehouse to copy, else the files are loaded first)."""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic_years import base_warehouse, make_years
from kansrijk.demo import regions_for
from kansrijk.indicators import INDICATORS, compute, get_indicator
from kansrijk.indicators.membership import membership_tables
from kansrijk.regions import Level
from kansrijk.vocab import PROFILE_SETS
from kansrijk.warehouse import Warehouse, region_catalog

#: Budgets of docs/performance.md (issue: all indicators x 11 years).
BUDGET_MS = 200.0
BUDGET_RATIO = 5.0
RUNS = 5
IDS = [i.id for i in INDICATORS if i.computable and i.table == "vo_enrollment"]


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000.0 * statistics.median(times)


def _median_cpu_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """Median CPU time (user + sys of every thread of the process): under a loaded machine a
    steadier figure than the wall clock, and an upper bound of the quiet wall time of work
    that does not wait on disk."""
    fn()
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return 1000.0 * statistics.median(times)


def _floor(wh: Warehouse, regions: list[Any], indicator_id: str, years: list[int]) -> Any:
    """The indicator's own SQL over the same regions and years, straight into Arrow."""
    ind = get_indicator(indicator_id)
    pset = sorted(p.value for p in PROFILE_SETS[ind.profile_set]) if ind.profile_set else []
    assert ind.query is not None, indicator_id
    sql = ind.query(years, [], pset, mapped=True)
    con = wh.con.cursor()
    try:
        for name, t in membership_tables(regions).items():
            con.register(name, t)
        return con.sql(sql).to_arrow_table()
    finally:
        con.close()


def measure(path: Path, years: list[int]) -> list[tuple[str, float, float | None]]:
    """(indicator, compute ms, floor ms or None) for all gemeenten x ``years``."""
    out = []
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh))
        regions = catalog.list(Level.GEMEENTE)
        codes = [r.code for r in regions]
        for indicator_id in IDS:
            res = compute(wh, catalog, indicator_id, codes, years)
            took = _median_ms(partial(compute, wh, catalog, indicator_id, codes, years))
            floor = None
            if get_indicator(indicator_id).query is not None:
                table = _floor(wh, regions, indicator_id, years)
                den = sum(float(v or 0) for v in table.column("den").to_pylist())
                got = sum(float(v or 0) for v in res.column("denominator"))
                assert abs(den - got) < 1e-6, indicator_id
                floor = _median_ms(partial(_floor, wh, regions, indicator_id, years))
            out.append((indicator_id, took, floor))
    return out


def measure_cpu(path: Path, years: list[int]) -> list[tuple[str, float, float | None]]:
    """As ``measure``, in CPU time."""
    out = []
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh))
        regions = catalog.list(Level.GEMEENTE)
        codes = [r.code for r in regions]
        for indicator_id in IDS:
            took = _median_cpu_ms(partial(compute, wh, catalog, indicator_id, codes, years))
            floor = None
            if get_indicator(indicator_id).query is not None:
                floor = _median_cpu_ms(partial(_floor, wh, regions, indicator_id, years))
            out.append((indicator_id, took, floor))
    return out


def cli_table(path: Path, indicator_id: str = "vmbo.choice_share") -> tuple[int, float]:
    """(rows, CPU ms) of drawing the CLI table (``kansrijk indicator ID --level gemeente``)
    of an already computed result for all gemeenten x all years, into a string."""
    from kansrijk.cli.indicators import print_result

    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh))
        codes = [r.code for r in catalog.list(Level.GEMEENTE)]
        res = compute(wh, catalog, indicator_id, codes, None)
    times = []
    for _ in range(3):
        buf = io.StringIO()
        t = time.process_time()
        with contextlib.redirect_stdout(buf):
            print_result(res)
        times.append(time.process_time() - t)
    return len(res), 1000.0 * statistics.median(times)


def report(base: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if base is None:
            base = Path(tmp) / "base.duckdb"
            print("source:", base_warehouse(base))
        for n in (1, 11):
            path = Path(tmp) / f"years{n}.duckdb"
            years = make_years(base, path, n)
            print(f"\n{n} year(s) {years[0]}-{years[-1]}: all gemeenten, median of {RUNS}")
            print(f"{'indicator':34} {'compute ms':>10} {'floor ms':>9} {'ratio':>6}")
            for indicator_id, took, floor in measure(path, years):
                ratio = f"{took / floor:6.1f}" if floor else "     -"
                floor_s = f"{floor:9.1f}" if floor else "        -"
                print(f"{indicator_id:34} {took:10.1f} {floor_s} {ratio}")
            print(f"{'... in CPU time':34} {'CPU ms':>10} {'floor':>9} {'ratio':>6}")
            for indicator_id, took, floor in measure_cpu(path, years):
                ratio = f"{took / floor:6.2f}" if floor else "     -"
                floor_s = f"{floor:9.1f}" if floor else "        -"
                print(f"{indicator_id:34} {took:10.1f} {floor_s} {ratio}")
            rows, ms = cli_table(path)
            print(
                f"CLI table vmbo.choice_share, all gemeenten: {rows} rows drawn in {ms:.0f} ms CPU"
            )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("years") / "base.duckdb"
    if base_warehouse(path) != "real":
        pytest.skip("real data not found: the budgets are for the real files")
    return path


@pytest.mark.realdata
def test_distance_indicator_at_one_year(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "years1.duckdb"
    years = make_years(base, path, 1)
    with Warehouse(path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh))
        codes = [r.code for r in catalog.list(Level.GEMEENTE)]
        took = _median_ms(
            partial(compute, wh, catalog, "access.distance_to_tech_offer", codes, years)
        )
    assert took < 100.0


@pytest.mark.realdata
def test_cli_table_at_eleven_years(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "years11.duckdb"
    make_years(base, path, 11)
    rows, ms = cli_table(path)
    assert rows > 30_000
    assert ms < 1000.0


@pytest.mark.realdata
def test_indicators_at_eleven_years(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "years11.duckdb"
    years = make_years(base, path, 11)
    over = []
    for indicator_id, took, floor in measure(path, years):
        if took >= BUDGET_MS or (floor and took > BUDGET_RATIO * floor):
            over.append(indicator_id)
    assert over == []


if __name__ == "__main__":
    report(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
