"""Registry load: 50 concurrent clients on the partner registry's public pages and API, on
SQLite and on PostgreSQL; budget p95 < 100 ms and no errors (docs/performance.md).

``kansrijk serve`` runs as a subprocess on 127.0.0.1 (one worker) on the demo warehouse,
with ``KANSRIJK_DATABASE_URL`` naming a SQLite file or a database on a PostgreSQL server
started for the run (``tests/registry/pgserver.py``). The registry holds 20 approved
providers with 200 published activities, 25 schools with requests and 40 accepted matches.
After a warm-up, 50 clients (one keep-alive connection each, the raw client of
``test_web_load``) send ``KANSRIJK_LOAD_REQUESTS`` (default 100) requests each to

- ``/partners`` (the public list of activities, HTML),
- ``/partners/reach?region=DEMO&year=2024`` (reach page, HTML),
- ``/api/v1/registry/activities`` and ``/api/v1/registry/reach?region=DEMO&year=2024``,
- and, as a yardstick measured in the same run, the app's overview page ``/``.

Run: ``.venv/bin/pytest benchmarks/test_registry_load.py --benchmark-enable -q -s``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.test_web_load import (
    BUDGET_P95_MS,
    CLIENTS,
    REQUESTS_PER_CLIENT,
    LoadResult,
    _load,
    _percentile,
)
from kansrijk.demo import load_demo
from kansrijk.registry import Actor, open_registry
from kansrijk.registry.matching import answer, propose
from kansrijk.registry.models import Organisation
from kansrijk.registry.offers import create_activity, create_request
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse


def _pgserver() -> ModuleType:
    """``tests/registry/pgserver.py`` (the tests' throwaway PostgreSQL server), by path:
    the ``tests`` package is not importable from a benchmark run."""
    path = Path(__file__).resolve().parents[1] / "tests" / "registry" / "pgserver.py"
    spec = importlib.util.spec_from_file_location("kansrijk_bench_pgserver", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pgserver = _pgserver()
HOST = "127.0.0.1"
WARMUP = 100
TARGETS: dict[str, str] = {
    "page": "/partners",
    "reach_page": "/partners/reach?region=DEMO&year=2024",
    "api_activities": "/api/v1/registry/activities",
    "api_reach": "/api/v1/registry/reach?region=DEMO&year=2024",
    # not the registry: the app's cached overview page in the same run, as a yardstick of
    # what the machine allows at the time (the web budget's own page)
    "reference_overview": "/",
}
PC4 = [f"{101 + k:04d}" for k in range(40)]


def seed(settings: Settings, locations: list[str]) -> None:
    """20 providers x 10 activities, a school per location with a request, 40 accepted
    matches."""
    reg = open_registry(settings)
    with reg.session() as s:
        providers = []
        for i in range(20):
            org = Organisation(name=f"Bedrijf {i}", kind="company", approved=True)
            s.add(org)
            s.flush()
            providers.append(Actor(None, org.id, "provider", approved=True))
        acts = [
            create_activity(
                s,
                providers[i % 20],
                {
                    "title": f"Gastles {i}",
                    "kind": "guest_lesson",
                    "pc4": PC4[i % 40],
                    "profiles": "PIE,BWI",
                    "start_date": "2024-10-01",
                    "radius_km": "50",
                    "description": "Een gastles over techniek " * 4,
                },
            )
            for i in range(200)
        ]
        for j, loc in enumerate(locations):
            org = Organisation(name=f"School {loc}", kind="school", loc_code=loc, approved=True)
            s.add(org)
            s.flush()
            school = Actor(None, org.id, "school", approved=True)
            req = create_request(
                s,
                school,
                {"title": "Vraag", "kind": "guest_lesson", "pc4": PC4[j % 40]},
                loc_code=loc,
            )
            if j % 2 == 0:
                for k in range(3):
                    act = acts[(3 * j + k) % 200]
                    m = propose(s, providers[act.org_id - 1], act.id, req.id)
                    answer(s, school, m.id, "accepted")
    reg.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """``kansrijk serve`` with a registry URL in its environment."""

    store: str
    url: str
    proc: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def serve(warehouse: Path, database_url: str, store: str, log: Path) -> Server:
    port = _free_port()
    script = Path(sys.executable).with_name("kansrijk")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KANSRIJK_")}
    env.update(KANSRIJK_DATABASE_URL=database_url, KANSRIJK_SECRET_KEY="bench-secret")
    cmd = [str(script), "serve", "--host", HOST, "--port", str(port), "--warehouse", str(warehouse)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 90
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"kansrijk serve exited: {log.read_text()}")
        try:
            if httpx.get(url + "/partners.json", timeout=5).status_code == 200:
                return Server(store, url, proc)
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("kansrijk serve did not answer within 90 s")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("registry-load") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
        locs = [
            str(r[0])
            for r in wh.query(
                "SELECT DISTINCT loc_code FROM vo_enrollment WHERE year = 2024 "
                "AND track LIKE 'vmbo%' ORDER BY 1"
            )
        ]
    return path, locs


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest,
    demo_warehouse: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    path, locs = demo_warehouse
    tmp = tmp_path_factory.mktemp(f"registry-load-{request.param}")
    pg: Any = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'registry.sqlite'}"
    else:
        try:
            pg = pgserver.start_server()
        except RuntimeError as exc:
            pytest.skip(str(exc))
        url = pg.create_database("load")
    seed(Settings(warehouse=path, database_url=url, secret_key="bench-secret"), locs)
    srv = serve(path, url, request.param, tmp / "serve.log")
    try:
        yield srv
    finally:
        srv.stop()
        if pg is not None:
            pg.stop()


@pytest.mark.parametrize("target", list(TARGETS))
def test_registry_load(
    benchmark: BenchmarkFixture, server: Server, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = TARGETS[target]
    with httpx.Client(base_url=server.url, timeout=30) as warm:
        for _ in range(WARMUP):
            assert warm.get(path).status_code == 200, path
    outcome: dict[str, tuple[list[float], list[str], list[int], float]] = {}

    def once() -> None:
        outcome["run"] = asyncio.run(_load(server.url, path, CLIENTS, REQUESTS_PER_CLIENT))

    benchmark.pedantic(once, rounds=1, iterations=1, warmup_rounds=0)  # type: ignore[no-untyped-call]
    latencies, errors, sizes, seconds = outcome["run"]
    ms = sorted(latencies)
    result = LoadResult(
        dataset=f"registry-{server.store}",
        target=target,
        path=path,
        clients=CLIENTS,
        requests=len(latencies),
        errors=len(errors),
        seconds=round(seconds, 3),
        requests_per_s=round(len(latencies) / seconds, 1) if seconds else 0.0,
        p50_ms=round(_percentile(ms, 50), 2),
        p95_ms=round(_percentile(ms, 95), 2),
        p99_ms=round(_percentile(ms, 99), 2),
        max_ms=round(ms[-1], 2) if ms else float("nan"),
        bytes_per_response=round(statistics.fmean(sizes)) if sizes else 0,
    )
    benchmark.extra_info.update(asdict(result))
    benchmark.extra_info["verdict"] = "PASS" if result.p95_ms < BUDGET_P95_MS else "MISS"
    with capsys.disabled():
        print(f"\n{result.line()} [load average {os.getloadavg()[0]:.1f}]")
    assert errors == [], errors[:10]
    assert result.requests == CLIENTS * REQUESTS_PER_CLIENT
