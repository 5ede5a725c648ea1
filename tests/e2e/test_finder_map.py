"""The school finder's small map on base tiles from the local tile server: tiles load, every
school of the JSON twin is a marker at its place plus one home star, zoom works, and the
map stays left-to-right on the Arabic page."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page

from .browsing import Watch
from .servers import Site
from .test_finder import _query
from .tiles import TileServer

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_finder_map_on_base_tiles(
    site: Site, page: Page, watch: Watch, tile_server: TileServer, lang: str
) -> None:
    q = _query(site)
    doc = httpx.get(f"{site.url}/scholenwijzer.json", params={"q": q}, timeout=60).json()
    located = [s for s in doc["schools"] if s.get("lat") is not None]
    assert located, "the finder found no school with coordinates"
    before = tile_server.total
    page.goto(f"{site.url}/scholenwijzer?q={q.replace(' ', '+')}&lang={lang}", wait_until="load")
    el = page.locator("#f-map")
    page.wait_for_function(
        "() => document.getElementById('f-map').dataset.tiles === 'loaded'", timeout=15_000
    )
    assert tile_server.total > before
    assert el.get_attribute("dir") == "ltr"
    markers = page.locator("#f-map .kmap-symbol")
    assert markers.count() == len(located) + 1  # the schools and the home
    titles = markers.evaluate_all("ms => ms.map((m) => m.getAttribute('title'))")
    assert sorted(t for t in titles if t in {s["name"] for s in located}) == sorted(
        s["name"] for s in located
    )
    # the list is the keyboard route: markers take no focus on this small map
    assert page.locator("#f-map .kmap-symbol[tabindex='0']").count() == 0
    zoom = "() => document.getElementById('f-map').kansrijkMap.map.getZoom()"
    start = page.evaluate(zoom)
    page.locator("#f-map a.leaflet-control-zoom-in").click()
    page.wait_for_function(f"() => ({zoom})() === {start + 1}")
    label = page.locator("#f-map a.leaflet-control-zoom-in").get_attribute("aria-label")
    assert label == ("Inzoomen" if lang == "nl" else "تكبير")
    assert watch.problems() == []
