"""First visits (issue: "the first visit is what they judge"), on ``kansrijk serve`` itself:

- 50 clients open the overview of 50 different regions at once, after the start-up warming
  (``web.warming``; the benchmark waits for its log line). Budget: p95 < 1 s for ``/``.
- Transfer of a first chart-page visit: the overview page and every script and stylesheet
  it loads, summed as sent (compressed bytes on the wire, a client that accepts gzip, an
  empty cache). Budget: < 1.5 MB (it was 4.87 MB: plotly.min.js uncompressed).
- Transfer of the national compare page (``/compare?region=NL00``, the document). Budget:
  < 150 kB (it was 616 kB); the same page with its assets is printed beside it.

Each client is an httpx client with its own connection (gzip accepted, as browsers do).
Only errors fail the test; the budgets are judged in the printed report (PASS/MISS).

Run: ``.venv/bin/pytest benchmarks/test_web_first_visit.py -q -s -p no:cacheprovider``.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from benchmarks.conftest import real_files
from benchmarks.test_web_load import CLIENTS, RawClient, Served, ServeProcess, _percentile
from kansrijk.demo import load_demo
from kansrijk.warehouse import Warehouse, ingest

BUDGET_P95_MS = 1000.0
BUDGET_CHART_PAGE_BYTES = 1_500_000
BUDGET_COMPARE_BYTES = 150_000
WARM_TIMEOUT_S = 600.0
WARMED = "kansrijk: warmed the overview of"
ALL_WARM = "kansrijk: warming done"


def _wait_for_warming(log: Path, timeout: float = WARM_TIMEOUT_S) -> float:
    """Seconds until the warming's last log line appears (after the server answered): the
    overviews, then the preset scenarios (and so the planner's models)."""
    t0 = time.monotonic()
    while ALL_WARM not in log.read_text(errors="replace"):
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"no warming line in {log} after {timeout} s")
        time.sleep(0.2)
    return time.monotonic() - t0


def _serve(tmp: Path, dataset: str, region: str) -> Iterator[tuple[Served, Path]]:
    log = tmp / "serve.log"
    server = ServeProcess(tmp / f"{dataset}.duckdb", dataset, region, log)
    try:
        yield server.start(), log
    finally:
        server.stop()


@pytest.fixture(scope="module")
def demo_fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    tmp = tmp_path_factory.mktemp("first-visit-demo")
    with Warehouse(tmp / "demo.duckdb") as wh:
        load_demo(wh)
    yield from _serve(tmp, "demo", "DEMO")


@pytest.fixture(scope="module")
def real_fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    files = real_files()
    tmp = tmp_path_factory.mktemp("first-visit-real")
    with Warehouse(tmp / "real.duckdb") as wh:
        ingest(wh, files)
    yield from _serve(tmp, "real", "MRDH")


@pytest.fixture(params=["demo", pytest.param("real", marks=pytest.mark.realdata)], scope="module")
def fresh(request: pytest.FixtureRequest) -> tuple[Served, Path]:
    server: tuple[Served, Path] = request.getfixturevalue(f"{request.param}_fresh")
    return server


def _assets(html: str) -> list[str]:
    """Scripts and stylesheets a page loads (same-origin paths)."""
    found = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    found += re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    return list(dict.fromkeys(found))


class GzipRawClient(RawClient):
    """The load test's light client (one keep-alive connection, ~0.1 ms of CPU a request,
    so that 50 clients on this 2-core machine measure the server, not themselves), asking
    for gzip as a browser does."""

    async def get(self, path: str) -> tuple[int, bytes]:
        assert self.reader is not None
        assert self.writer is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "User-Agent: kansrijk-first-visit\r\nAccept: */*\r\n"
            "Accept-Encoding: gzip, deflate\r\n\r\n".encode("ascii")
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ValueError(f"no Content-Length in the answer to {path}")
        return status, await self.reader.readexactly(length)


async def _timed(client: GzipRawClient, path: str) -> tuple[float, int, int]:
    await client.open()
    t0 = time.perf_counter()
    status, body = await client.get(path)
    ms = (time.perf_counter() - t0) * 1000
    await client.aclose()
    return ms, status, len(body)


async def _pages(base: str, paths: list[str]) -> list[tuple[float, int, int]]:
    """Each path on its own new connection, all at once: (ms, status, bytes as sent)."""
    return await asyncio.gather(*(_timed(GzipRawClient(base), p) for p in paths))


def _visit(base: str, path: str) -> tuple[int, int, list[str]]:
    """A first visit with an empty cache (gzip accepted): bytes of the page, and of the page
    with its scripts and stylesheets, as sent; errors."""
    errors: list[str] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        r = client.get(path)
        if r.status_code != 200:
            errors.append(f"{path}: HTTP {r.status_code}")
        total = r.num_bytes_downloaded
        for asset in _assets(r.text):
            a = client.get(asset)
            if a.status_code != 200:
                errors.append(f"{asset}: HTTP {a.status_code}")
            total += a.num_bytes_downloaded
    return r.num_bytes_downloaded, total, errors


def _regions(base: str, n: int) -> list[str]:
    doc = httpx.get(base + "/api/v1/regions", params={"level": "gemeente"}, timeout=30).json()
    codes = [r["code"] for r in doc["regions"]]
    step = max(1, len(codes) // n)
    picked = codes[::step][:n]
    return [picked[i % len(picked)] for i in range(n)]


def test_first_visits(fresh: tuple[Served, Path]) -> None:
    served, log = fresh
    warm_s = _wait_for_warming(log)
    lines = log.read_text().splitlines()
    line = next(x for x in lines if WARMED in x).split("kansrijk: ")[-1]
    line += ", " + next(x for x in lines if ALL_WARM in x).split("kansrijk: ")[-1]
    regions = _regions(served.url, CLIENTS)
    pages = asyncio.run(_pages(served.url, [f"/?region={code}" for code in regions]))
    errors = [
        f"/?region={c}: HTTP {p[1]}" for c, p in zip(regions, pages, strict=True) if p[1] != 200
    ]
    ms = sorted(p[0] for p in pages)
    p95 = _percentile(ms, 95)
    page, chart_page, visit_errors = _visit(served.url, f"/?region={regions[0]}")
    t0 = time.perf_counter()
    compare_doc, compare_all, compare_errors = _visit(served.url, "/compare?region=NL00")
    compare_ms = (time.perf_counter() - t0) * 1000
    errors += visit_errors + compare_errors

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print(
        f"\n[{served.dataset}] {line} (seen {warm_s:.1f} s after the "
        f"first answer)\n"
        f"[{served.dataset}] 50 clients, {len(set(regions))} different regions, GET /: "
        f"p50 {_percentile(ms, 50):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms "
        f"(budget p95 < {BUDGET_P95_MS:.0f} ms: {verdict(p95 < BUDGET_P95_MS)})\n"
        f"[{served.dataset}] first chart-page visit (/ and its assets, as sent): "
        f"{chart_page / 1e6:.3f} MB, the page alone {page / 1e3:.1f} kB "
        f"(budget < 1.5 MB: {verdict(chart_page < BUDGET_CHART_PAGE_BYTES)})\n"
        f"[{served.dataset}] national compare page: {compare_doc / 1e3:.1f} kB as sent in "
        f"{compare_ms:.0f} ms with assets "
        f"(budget < 150 kB: {verdict(compare_doc < BUDGET_COMPARE_BYTES)}); "
        f"with its assets on an empty cache {compare_all / 1e3:.1f} kB"
    )
    assert not errors, errors[:5]
