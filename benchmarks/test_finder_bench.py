"""Finder budget: the finder page p95 < 100 ms; a flyer (A4 PDF, one language) < 2 s.

On all real data when ../shared/data is beside the project (else the demo region):

- page: ``GET /scholenwijzer?q=PC4`` for every residential PC4 of Rotterdam (GM0599; demo:
  every demo PC4), each query rendered for the first time (no response cache hit: the worst
  case a parent meets), through the app in-process (Starlette's TestClient: no network, one
  request at a time); p50/p95/max and the same for a repeated (cached) query;
- flyer: a Rotterdam primary school's flyer in Dutch and in Arabic (WeasyPrint), after one
  warm-up render that loads the fonts.

Run: ``.venv/bin/pytest benchmarks/test_finder_bench.py --benchmark-enable -q -s``.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import ENROLLMENT_2019, SHARED_DATA, real_files
from kansrijk.demo import load_demo
from kansrijk.finder import Finder
from kansrijk.finder.flyer import flyer_pdf, school_flyer
from kansrijk.finder.primary import primary_schools
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, ingest
from kansrijk.web import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

PAGE_P95_MS = 100.0
FLYER_S = 2.0


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(warehouse, gemeente): all real data with Rotterdam, else the demo with Havenstad."""
    path = tmp_path_factory.mktemp("finder-bench") / "w.duckdb"
    with Warehouse(path) as wh:
        if ENROLLMENT_2019.exists():
            po = sorted(p for p in (SHARED_DATA / "duo-po").glob("*") if p.is_dir())
            ingest(wh, real_files() + po)
            return path, "GM0599"
        load_demo(wh)
    return path, "GM9901"


@pytest.fixture(scope="module")
def client(warehouse: tuple[Path, str]) -> Iterator[TestClient]:
    """The app on that warehouse."""
    settings = Settings(warehouse=warehouse[0], regions_file=None, allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as c:
        yield c


def _pc4s(path: Path, gm: str) -> list[str]:
    with Warehouse(path, read_only=True) as wh:
        return [
            str(r[0])
            for r in wh.query(
                "SELECT a.pc4 FROM pc4_area a JOIN pc4_centroid c USING (pc4) "
                "WHERE a.gemeente_code = ? AND coalesce(c.residents, 1) > 0 ORDER BY 1",
                [gm],
            )
        ]


def _ms(times: list[float], q: float) -> float:
    s = sorted(times)
    return 1000.0 * s[min(len(s) - 1, round(q * (len(s) - 1)))]


def test_finder_page_p95(
    benchmark: BenchmarkFixture, client: TestClient, warehouse: tuple[Path, str]
) -> None:
    pcs = _pc4s(*warehouse)
    assert client.get("/scholenwijzer", params={"q": pcs[0], "lang": "en"}).status_code == 200
    cold: list[float] = []
    for pc in pcs:
        t = time.perf_counter()
        r = client.get("/scholenwijzer", params={"q": pc})
        cold.append(time.perf_counter() - t)
        assert r.status_code == 200, (pc, r.status_code)
    warm: list[float] = []
    for _ in range(100):
        t = time.perf_counter()
        client.get("/scholenwijzer", params={"q": pcs[0]})
        warm.append(time.perf_counter() - t)
    benchmark.pedantic(lambda: client.get("/scholenwijzer", params={"q": pcs[-1]}), rounds=20)
    info = {
        "queries": len(pcs),
        "first_render_p50_ms": round(_ms(cold, 0.5), 1),
        "first_render_p95_ms": round(_ms(cold, 0.95), 1),
        "first_render_max_ms": round(1000 * max(cold), 1),
        "cached_p95_ms": round(_ms(warm, 0.95), 2),
        "budget_p95_ms": PAGE_P95_MS,
    }
    benchmark.extra_info.update(info)
    verdict = "PASS" if info["first_render_p95_ms"] < PAGE_P95_MS else "MISS"
    print(f"\nfinder page {warehouse[1]}: {info} {verdict}")


def test_flyer_under_two_seconds(benchmark: BenchmarkFixture, warehouse: tuple[Path, str]) -> None:
    with Warehouse(warehouse[0], read_only=True) as wh:
        finder = Finder(wh)
        school = primary_schools(wh, gemeente=warehouse[1])[0]
    flyer = school_flyer(finder, school)
    flyer_pdf([(flyer, "nl")])  # fonts load once per process
    times: dict[str, float] = {}
    for lang in ("nl", "ar"):
        t = time.perf_counter()
        pdf = flyer_pdf([(flyer, lang)])
        times[lang] = time.perf_counter() - t
        assert pdf.startswith(b"%PDF")
    result = benchmark.pedantic(lambda: flyer_pdf([(flyer, "ar")]), rounds=3)
    assert result.startswith(b"%PDF")
    info = {
        "school": school.code,
        "nl_s": round(times["nl"], 3),
        "ar_s": round(times["ar"], 3),
        "mean_ar_s": round(statistics.mean([times["ar"]]), 3),
        "budget_s": FLYER_S,
    }
    benchmark.extra_info.update(info)
    verdict = "PASS" if max(times.values()) < FLYER_S else "MISS"
    print(f"\nflyer {school.code}: {info} {verdict}")
