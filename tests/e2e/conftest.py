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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    sync_playwright,
)

from kansrijk.demo import load_demo
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .servers import HOST, LiveServer, cli_json, demo_regions_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}

#: The overview tiles: (indicator, profile set asked for, breakdown of the row shown).
TILES: tuple[tuple[str, str | None, dict[str, str]], ...] = (
    ("vmbo.tech_choice_share", "techniek", {}),
    ("vmbo.tech_choice_share", "techniek_ict", {}),
    ("vmbo.no_tech_offer_share", None, {}),
    ("access.distance_to_tech_offer", None, {"statistic": "mean_km"}),
    ("access.distance_to_tech_offer", None, {"statistic": "share_over_5km"}),
    ("vmbo.girls_in_tech_share", None, {}),
)


def require_chromium() -> None:
    """Skip (locally) or fail (in CI) when Debian's chromium is not installed."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: the browser tests need Debian's chromium")
    pytest.skip(f"{CHROMIUM} not found (install Debian's chromium: `make chromium`)")


@dataclass
class Site:
    """A live server on one warehouse, with what the tests compare the pages with."""

    kind: str  # "demo" or "real"
    server: LiveServer
    warehouse: Path
    region: str  # the default region of the overview
    other_region: str  # a gemeente of it, for the region selector
    location: str  # a location code for /location/<code>
    tiles: dict[tuple[str, str | None], dict[str, Any]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return self.server.url

    @property
    def demo(self) -> bool:
        """Whether this is the fictional demo region."""
        return self.kind == "demo"


def _tile_answers(
    warehouse: Path, region: str, regions_file: Path | None
) -> dict[tuple[str, str | None], dict[str, Any]]:
    """``kansrijk indicator ID --region R [--set S] --json`` of every overview tile, run
    before the server opens the file."""
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    for indicator, pset, _bd in TILES:
        if (indicator, pset) in out:
            continue
        args = ["indicator", indicator, "--region", region] + (["--set", pset] if pset else [])
        out[indicator, pset] = cli_json(warehouse, *args, regions_file=regions_file)
    return out


def _first_location(server: LiveServer, region: str) -> str:
    """The code of the first vmbo location of the region (``/api/v1/locations``)."""
    doc = httpx.get(f"{server.url}/api/v1/locations", params={"region": region}).json()
    assert doc["locations"], f"no vmbo location in {region}"
    return str(doc["locations"][0]["loc_code"])


@pytest.fixture(scope="package")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app on a fresh warehouse holding the fictional demo region."""
    path = tmp_path_factory.mktemp("e2e-demo") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    regions_file = demo_regions_file()
    tiles = _tile_answers(path, "DEMO", regions_file)
    settings = Settings(warehouse=path, regions_file=None, language="nl")
    with LiveServer(settings, name="demo") as server:
        location = _first_location(server, "DEMO")
        yield Site("demo", server, path, "DEMO", "GM9902", location, tiles)


@pytest.fixture(scope="package")
def real_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Site]:
    """The app on a copy of the session's real-data warehouse (skipped when ../shared/data
    is absent). A copy, so that the server's read lock never meets other tests' writers."""
    source: Path = request.getfixturevalue("real_warehouse_path")
    path = tmp_path_factory.mktemp("e2e-real") / "real.duckdb"
    shutil.copyfile(source, path)
    tiles = _tile_answers(path, "MRDH", None)
    settings = Settings(warehouse=path, regions_file=None, language="nl")
    with LiveServer(settings, name="real") as server:
        location = _first_location(server, "MRDH")
        yield Site("real", server, path, "MRDH", "GM0599", location, tiles)


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


@dataclass
class Watch:
    """What a page did that a test must see: console errors, uncaught exceptions and any
    request that was not for 127.0.0.1 (blocked)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def on_route(self, route: Route) -> None:
        """Let 127.0.0.1 through, block and remember everything else."""
        url = route.request.url
        if urlsplit(url).hostname == HOST:
            route.continue_()
        else:
            self.external.append(url)
            route.abort("blockedbyclient")

    def on_console(self, msg: ConsoleMessage) -> None:
        """Remember console errors."""
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_page_error(self, error: Exception) -> None:
        """Remember uncaught page exceptions."""
        self.page_errors.append(str(error))

    def on_request(self, req: Request) -> None:
        """Remember requests the router does not see (none expected)."""
        if req.url.startswith(("http:", "https:", "ws:", "wss:")):
            if urlsplit(req.url).hostname != HOST and req.url not in self.external:
                self.external.append(req.url)

    def problems(self) -> list[str]:
        """All of it, for an assertion message."""
        return (
            [f"console: {e}" for e in self.console_errors]
            + [f"pageerror: {e}" for e in self.page_errors]
            + [f"external request: {u}" for u in self.external]
        )


@pytest.fixture
def watch() -> Watch:
    """The page's record of errors and external requests."""
    return Watch()


def new_context(browser: Browser, watch: Watch, viewport: dict[str, int]) -> BrowserContext:
    """A fresh context (no cookies) that lets only 127.0.0.1 through."""
    ctx = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        accept_downloads=True,
        locale="nl-NL",
        service_workers="block",
    )
    ctx.route("**/*", watch.on_route)
    ctx.set_default_timeout(15_000)
    return ctx


def watched_page(ctx: BrowserContext, watch: Watch) -> Page:
    """A page whose console errors, page errors and requests are recorded in ``watch``."""
    page = ctx.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    return page


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
