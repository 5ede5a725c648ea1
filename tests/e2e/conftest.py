"""Fixtures of the browser tests: live servers of the real app (demo and real data) and a
headless Debian Chromium driven by Playwright that may reach 127.0.0.1 only.

Chromium: ``/usr/bin/chromium`` (``make test`` installs Debian's package when missing). When
it is absent the e2e tests are skipped with a reason, except in CI (``CI`` set), where they
fail: there the browser must be there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from kansrijk.demo import load_demo
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    MOBILE,
    Watch,
    new_context,
    watched_page,
)
from .servers import HOST, LiveServer, Site, demo_regions_file, tile_answers
from .tiles import TileServer


def require_chromium() -> None:
    """Skip (locally) or fail (in CI) when Debian's chromium is not installed."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: the browser tests need Debian's chromium")
    pytest.skip(f"{CHROMIUM} not found (install Debian's chromium: `make chromium`)")


def _first_location(server: LiveServer, region: str) -> str:
    """The code of the first vmbo location of the region (``/api/v1/locations``)."""
    doc = httpx.get(f"{server.url}/api/v1/locations", params={"region": region}).json()
    assert doc["locations"], f"no vmbo location in {region}"
    return str(doc["locations"][0]["loc_code"])


def _presets(server: LiveServer) -> list[str]:
    """The names of the scenario presets (``/api/v1/scenarios``)."""
    doc = httpx.get(f"{server.url}/api/v1/scenarios", timeout=60).json()
    return [str(p["name"]) for p in doc.get("presets", [])]


@pytest.fixture(scope="package")
def tile_server() -> Iterator[TileServer]:
    """The local base-map tile server every site of these tests uses (``tile_url``)."""
    with TileServer() as server:
        yield server


@pytest.fixture(scope="package")
def demo_site(tmp_path_factory: pytest.TempPathFactory, tile_server: TileServer) -> Iterator[Site]:
    """The app on a fresh warehouse holding the fictional demo region."""
    path = tmp_path_factory.mktemp("e2e-demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    regions_file = demo_regions_file()
    tiles = tile_answers(path, "DEMO", regions_file)
    settings = Settings(warehouse=path, regions_file=None, language="nl", tile_url=tile_server.url)
    with LiveServer(settings, name="demo") as server:
        location = _first_location(server, "DEMO")
        yield Site("demo", server, path, "DEMO", "GM9902", location, _presets(server), tiles)


@pytest.fixture(scope="package")
def real_site(
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
    tile_server: TileServer,
) -> Iterator[Site]:
    """The app on a copy of the session's real-data warehouse (skipped when ../shared/data
    is absent). A copy, so that the server's read lock never meets other tests' writers."""
    source: Path = request.getfixturevalue("real_warehouse_path")
    path = tmp_path_factory.mktemp("e2e-real") / "real.duckdb"
    shutil.copyfile(source, path)
    tiles = tile_answers(path, "MRDH", None)
    settings = Settings(warehouse=path, regions_file=None, language="nl", tile_url=tile_server.url)
    with LiveServer(settings, name="real") as server:
        location = _first_location(server, "MRDH")
        yield Site("real", server, path, "MRDH", "GM0599", location, _presets(server), tiles)


@pytest.fixture(params=["demo", "real"])
def site(request: pytest.FixtureRequest) -> Site:
    """Each test using it runs on the demo and on the real data."""
    fixture: Site = request.getfixturevalue(f"{request.param}_site")
    return fixture


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's driver (no browser of its own is ever downloaded)."""
    require_chromium()
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's headless chromium."""
    b = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def watch() -> Watch:
    """The page's record of errors and external requests."""
    return Watch()


@pytest.fixture
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    """A desktop-sized (1280 px) browser context."""
    ctx = new_context(browser, watch, DESKTOP)
    try:
        yield ctx
    finally:
        ctx.close()
    assert watch.external == [], f"requests to other hosts than {HOST}: {watch.external}"


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Page:
    """A fresh page in ``context``."""
    return watched_page(context, watch)


@pytest.fixture
def mobile_page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """A fresh page 375 px wide (its own context)."""
    ctx = new_context(browser, watch, MOBILE)
    try:
        yield watched_page(ctx, watch)
    finally:
        ctx.close()
    assert watch.external == [], f"requests to other hosts than {HOST}: {watch.external}"
