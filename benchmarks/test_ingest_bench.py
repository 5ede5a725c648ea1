"""Ingest budget: one DUO enrollment year < 2 s; all of shared/data (17 files) < 20 s."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import ENROLLMENT_2019, real_files
from kansrijk.warehouse import Warehouse, ingest

_counter = itertools.count()


def _fresh(tmp_path: Path) -> Path:
    return tmp_path / f"bench-{next(_counter)}.duckdb"


@pytest.mark.realdata
def test_ingest_all_shared_data(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    files = real_files()

    def run() -> int:
        with Warehouse(_fresh(tmp_path)) as wh:
            return len(ingest(wh, files))

    assert benchmark.pedantic(run, rounds=3, iterations=1) == len(files)


@pytest.mark.realdata
def test_ingest_one_enrollment_year(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    real_files()

    def run() -> int:
        with Warehouse(_fresh(tmp_path)) as wh:
            return ingest(wh, [ENROLLMENT_2019])[0].rows

    assert benchmark.pedantic(run, rounds=5, iterations=1) == 74070
