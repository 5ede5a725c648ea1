"""The registry's reach and shortage maps in the browser, on the demo region with a seeded
registry (``maps.seed_registry``), at 1280 and 375 px: drawn on base tiles from the local
tile server with their attribution, one marker a location (reach) or gemeente (shortages)
of the page's JSON twin, the HTML legend and the tables; the map falls back to its own
layers with place names when the tiles fail; axe-core finds no violation. (The access
check's map: ``test_optimise``.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from .maps import check_map, registry_settings, seed_registry
from .pages import wait_for_charts
from .servers import LiveServer
from .test_finder import run_axe
from .tiles import TileServer

pytestmark = pytest.mark.e2e
QUERY = "region=DEMO&year=2024"


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, tile_server: TileServer
) -> Iterator[tuple[LiveServer, dict[str, Any]]]:
    """The app on the demo region, the local tile server and a seeded SQLite registry."""
    settings = registry_settings(tmp_path_factory.mktemp("e2e-page-maps"), tile_server.url)
    seeded = seed_registry(settings)
    with LiveServer(settings, name="page-maps") as server:
        yield server, seeded


def _open(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    wait_for_charts(page)


def _map_page(
    request: pytest.FixtureRequest, viewport: str, url: str, map_id: str, tiles: TileServer
) -> tuple[Page, dict[str, Any]]:
    """The page at ``url`` in ``viewport`` with its map checked (``check_map``); its spec."""
    page: Page = request.getfixturevalue(viewport)
    _open(page, url)
    return page, check_map(page, map_id, tiles)


def _titles(spec: dict[str, Any], layer: str) -> list[str]:
    return [p[5] for x in spec["layers"] if x["id"] == layer for p in x["points"]]


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_reach_map_on_base_tiles(
    seeded: tuple[LiveServer, dict[str, Any]],
    tile_server: TileServer,
    viewport: str,
    request: pytest.FixtureRequest,
) -> None:
    server, facts = seeded
    doc = httpx.get(f"{server.url}/partners/reach.json?{QUERY}", timeout=60).json()
    url = f"{server.url}/partners/reach?{QUERY}"
    page, spec = _map_page(request, viewport, url, "reach-map", tile_server)
    reached = sorted(t.split("(")[1].split(")")[0] for t in _titles(spec, "reached"))
    assert reached == sorted(r["loc_code"] for r in doc["reached_locations"]) == facts["reached"]
    located = [r for r in doc["unreached_locations"] if r["lon"] is not None]
    assert len(_titles(spec, "technical")) + len(_titles(spec, "none")) == len(located)
    legend = page.locator("#reach-map-legend").inner_text()
    assert "bereikt (2)" in legend and "grens van" in legend
    assert page.locator("#reached tbody tr").count() == 2
    assert run_axe(page) == []
    assert request.getfixturevalue("watch").problems() == []


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_shortage_map_on_base_tiles(
    seeded: tuple[LiveServer, dict[str, Any]],
    tile_server: TileServer,
    viewport: str,
    request: pytest.FixtureRequest,
) -> None:
    server, facts = seeded
    doc = httpx.get(f"{server.url}/partners/shortages.json?{QUERY}", timeout=60).json()
    url = f"{server.url}/partners/shortages?{QUERY}"
    page, spec = _map_page(request, viewport, url, "shortage-map", tile_server)
    names = {g["gemeente_code"]: g["name"] for g in doc["gemeenten"]}
    # 12 beside a hidden 3 is hidden too: the region's total 15 minus 12 would be the 3
    assert _titles(spec, "shown") == [] and doc["total"] == 15
    assert sorted(_titles(spec, "hidden")) == sorted(
        f"{names[facts[k]]}: niet getoond" for k in ("shown_gemeente", "hidden_gemeente")
    )
    table = page.locator("#shortage-gemeenten tbody tr")
    assert table.count() == len(doc["gemeenten"]) == 2
    assert "niet getoond" in page.locator("#shortage-gemeenten").inner_text()
    assert run_axe(page) == []
    assert request.getfixturevalue("watch").problems() == []


def test_shortage_map_falls_back_to_own_layers(
    seeded: tuple[LiveServer, dict[str, Any]], page: Page
) -> None:
    server, _facts = seeded
    page.route("**/tiles/**", lambda route: route.fulfill(status=503, body="down"))
    _open(page, f"{server.url}/partners/shortages?{QUERY}&lang=en")
    page.wait_for_function(
        "() => document.getElementById('shortage-map').dataset.tiles === 'offline'"
    )
    status = page.locator("figure.kmap-figure .kmap-status")
    assert status.is_visible() and "base map" in status.inner_text()
    names = page.locator("#shortage-map .kmap-place span").evaluate_all(
        "ss => ss.filter((s) => s.style.visibility !== 'hidden').map((s) => s.textContent)"
    )
    assert "Havenstad (fictief)" in names, names
    assert page.locator("#shortage-map .kmap-symbol").count() == 2
