"""The atlas map in the browser (Leaflet, static/js/map.js) on base tiles from a local tile
server (``tiles.TileServer``): tiles load, zooming three steps in and out at 1280 and 375 px
never leaves a blank map, keyboard zoom and pan work, the selected region is outlined and
zoomed to, the map falls back to its own layers (gemeente outlines and names) when the tiles
fail, a click on a school marker shows it in the panel, and axe-core finds no violation."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Page

from .a11y import assert_accessible
from .browsing import Watch
from .pages import open_page, wait_for_charts
from .servers import Site
from .test_finder import run_axe
from .tiles import TileServer

pytestmark = pytest.mark.e2e

#: Share of a 12 x 12 grid of points of the map box that lies on a loaded tile image of
#: zoom level ``z`` (old levels stay on screen, scaled, until the new tiles are there).
COVERAGE_JS = """
(z) => {
  const el = document.getElementById("atlas-map");
  const box = el.getBoundingClientRect();
  const tiles = Array.from(el.querySelectorAll("img.leaflet-tile.leaflet-tile-loaded"))
    .filter((t) => t.complete && t.naturalWidth > 0 && t.src.includes("/tiles/" + z + "/"))
    .map((t) => t.getBoundingClientRect());
  let hit = 0, all = 0;
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 12; j++) {
      const x = box.left + box.width * (i + 0.5) / 12, y = box.top + box.height * (j + 0.5) / 12;
      all += 1;
      const on = (r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      if (tiles.some(on)) { hit += 1; }
    }
  }
  return hit / all;
}
"""
ZOOM_JS = "() => document.getElementById('atlas-map').kansrijkMap.map.getZoom()"
#: True when no zoom or pan animation runs (Leaflet ignores a zoom key during a zoom one).
IDLE_JS = """
() => { const m = document.getElementById('atlas-map').kansrijkMap.map;
        return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress); }
"""


def _map(page: Page) -> Any:
    return page.locator("#atlas-map")


def _wait_tiles(page: Page, zoom: int) -> None:
    """Wait until the map is at ``zoom`` and loaded tiles cover all of it."""
    page.wait_for_function(
        f"() => ({ZOOM_JS})() === {zoom} && ({IDLE_JS})() && ({COVERAGE_JS})({zoom}) === 1",
        timeout=15_000,
    )


def _not_blank(page: Page) -> None:
    """The map as the screen shows it has many colours, none covering nearly all of it."""
    png = _map(page).screenshot()
    img = Image.open(io.BytesIO(png)).convert("RGB").quantize(64)
    counts = sorted((c for c, _ in img.getcolors(64) or []), reverse=True)
    total = img.width * img.height
    assert len(counts) >= 8, f"a near-flat map: {len(counts)} colours"
    assert counts[0] / total < 0.85, f"one colour covers {counts[0] / total:.0%} of the map"


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_base_tiles_zoom_three_steps_in_and_out(
    site: Site, tile_server: TileServer, viewport: str, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(viewport)
    watch: Watch = request.getfixturevalue("watch")
    before = tile_server.total
    open_page(page, site, f"/atlas?region={site.region}")
    page.wait_for_function("() => document.getElementById('atlas-map').dataset.tiles === 'loaded'")
    start = page.evaluate(ZOOM_JS)
    _wait_tiles(page, start)
    assert tile_server.total > before, "no tile was asked from the local tile server"
    assert tile_server.counts[start] > 0
    _not_blank(page)
    # the attribution of the base map is shown on the map
    attribution = page.locator("#atlas-map .leaflet-control-attribution").inner_text()
    assert "Kadaster" in attribution
    zoom_in = page.locator("#atlas-map a.leaflet-control-zoom-in")
    zoom_out = page.locator("#atlas-map a.leaflet-control-zoom-out")
    for step in range(1, 4):
        zoom_in.click()
        _wait_tiles(page, start + step)
        assert tile_server.counts[start + step] > 0, f"no tiles at zoom {start + step}"
        _not_blank(page)
    for step in range(2, -1, -1):
        zoom_out.click()
        _wait_tiles(page, start + step)
        _not_blank(page)
    assert page.evaluate(ZOOM_JS) == start
    assert watch.problems() == []


def test_keyboard_zooms_and_pans_the_map(site: Site, page: Page) -> None:
    open_page(page, site, f"/atlas?region={site.region}")
    start = page.evaluate(ZOOM_JS)
    _map(page).focus()
    page.keyboard.press("Equal")  # "+" / "=" zooms in
    page.wait_for_function(f"() => ({ZOOM_JS})() === {start + 1} && ({IDLE_JS})()")
    centre = page.evaluate("() => document.getElementById('atlas-map').kansrijkMap.map.getCenter()")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(lng) => document.getElementById('atlas-map').kansrijkMap.map.getCenter().lng > lng",
        arg=centre["lng"],
    )
    page.wait_for_function(IDLE_JS)
    page.keyboard.press("Minus")
    page.wait_for_function(f"() => ({ZOOM_JS})() === {start}")
    # the zoom buttons are named links, reachable by Tab
    names = page.locator("#atlas-map .leaflet-control-zoom a").evaluate_all(
        "as => as.map((a) => a.getAttribute('aria-label'))"
    )
    assert names == ["Inzoomen", "Uitzoomen"]


def _tab_to(page: Page, selector: str, limit: int = 400) -> int:
    """Press Tab until the element matching ``selector`` has focus; the number of presses."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return n
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def test_keyboard_gets_past_the_map(site: Site, page: Page) -> None:
    """Every marker is a Tab stop (81 on the real MRDH), so: the zoom buttons come right
    after the map itself (not after every area and marker), and a "skip the map" link,
    shown when focused, leads to the panel, from where the next Tab is the first setting."""
    open_page(page, site, f"/atlas?region={site.region}")
    _map(page).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => document.activeElement.tagName + ' ' + document.activeElement.getAttribute('class')"
    )
    assert "leaflet-control-zoom-in" in focused, f"the first Tab after the map: {focused}"
    page.goto(page.url)
    wait_for_charts(page)
    skip = page.locator("a.skip-map")
    assert skip.get_attribute("href") == "#atlas-panel"
    assert skip.bounding_box() is None or skip.bounding_box()["width"] <= 1  # hidden
    _tab_to(page, "a.skip-map")
    box = skip.bounding_box()
    assert box is not None and box["width"] > 40, box  # shown when it has focus
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "atlas-panel"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "f-indicator"


def test_mouse_drag_pans_the_map(site: Site, page: Page) -> None:
    open_page(page, site, f"/atlas?region={site.region}")
    box = _map(page).bounding_box()
    assert box is not None
    get_centre = "() => document.getElementById('atlas-map').kansrijkMap.map.getCenter()"
    centre = page.evaluate(get_centre)
    # start the drag where no marker is (a marker takes its own clicks)
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    while page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('.kmap-symbol')", [x, y]
    ):
        y += 15
    page.mouse.move(x, y)
    page.mouse.down()
    for dx in range(10, 130, 10):
        page.mouse.move(x + dx, y)
    page.mouse.up()
    page.wait_for_function(f"() => ({get_centre})().lng < {centre['lng']}")


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_selected_region_is_outlined_and_zoomed_to(
    site: Site, viewport: str, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(viewport)
    # a region defined by postcode areas: Rotterdam Zuid (real) or Havenstad-Zuid (demo)
    region = "RDAM-ZUID" if site.kind == "real" else "DEMO-ZUID"
    doc = httpx.get(f"{site.url}/atlas.json", params={"region": region}, timeout=60).json()
    outline = doc["outline"]
    assert outline is not None and outline["approximate"] is True
    open_page(page, site, f"/atlas?region={region}")
    drawn = page.locator("#atlas-map .leaflet-kmapOutline-pane path")
    assert drawn.count() == 2  # a white halo and the dashed black line
    assert drawn.nth(1).get_attribute("stroke-dasharray") == "8 5"
    # the map shows all of the outline and the outline fills much of the map
    lon0, lat0, lon1, lat1 = outline["bounds"]
    view = page.evaluate(
        "() => { const b = document.getElementById('atlas-map').kansrijkMap.map.getBounds();"
        " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    assert view[0] <= lon0 and view[1] <= lat0 and view[2] >= lon1 and view[3] >= lat1
    share = ((lon1 - lon0) * (lat1 - lat0)) / ((view[2] - view[0]) * (view[3] - view[1]))
    assert share > 0.12, f"the outline fills only {share:.0%} of the map"
    # the legend says the outline is approximate
    assert "benaderd" in page.locator("figcaption.atlas-legend").inner_text()


def test_falls_back_to_own_layers_when_tiles_fail(demo_site: Site, page: Page) -> None:
    page.route("**/tiles/**", lambda route: route.fulfill(status=503, body="down"))
    open_page(page, demo_site, "/atlas?region=DEMO")
    page.wait_for_function("() => document.getElementById('atlas-map').dataset.tiles === 'offline'")
    status = page.locator("#atlas-map-status")
    assert status.is_visible()
    assert "niet bereikbaar" in status.inner_text()
    names = page.locator("#atlas-map .kmap-place span").evaluate_all(
        "ss => ss.filter((s) => s.style.visibility !== 'hidden').map((s) => s.textContent)"
    )
    assert "Havenstad (fictief)" in names, names
    _not_blank(page)


def test_click_a_location_marker_shows_it_in_the_panel(
    site: Site, page: Page, watch: Watch
) -> None:
    open_page(page, site, f"/atlas?region={site.region}")
    panel = page.locator("#atlas-panel-body")
    assert panel.locator("a").count() == 0  # nothing chosen yet
    markers = page.locator("#atlas-map .kmap-symbol")
    assert markers.count() >= 1
    marker = markers.last  # drawn last: the smallest, on top
    title = marker.get_attribute("title") or ""
    marker.scroll_into_view_if_needed()
    marker.click()
    heading = panel.locator("h3")
    heading.wait_for()
    name = heading.inner_text().strip()
    assert title.startswith(name + " ("), (title, name)
    link = panel.locator("a[href^='/location/']")
    assert link.count() == 1
    url = link.get_attribute("href") or ""
    with page.expect_navigation():
        link.click()
    wait_for_charts(page)
    assert page.url.endswith(url)
    assert name in page.locator("h1").inner_text()
    assert watch.problems() == []


def test_enter_on_a_focused_marker_shows_it(site: Site, page: Page) -> None:
    open_page(page, site, f"/atlas?region={site.region}")
    marker = page.locator("#atlas-map .kmap-symbol").last
    assert marker.get_attribute("tabindex") == "0" and marker.get_attribute("role") == "button"
    marker.focus()
    page.keyboard.press("Enter")
    page.locator("#atlas-panel-body h3").wait_for()


def test_atlas_links_every_location_of_the_api(site: Site, page: Page) -> None:
    """Without the map (no JavaScript, keyboard, screen reader), the page itself links to
    every vmbo location the API lists for the region."""
    doc = httpx.get(f"{site.url}/api/v1/locations", params={"region": site.region}).json()
    codes = {x["loc_code"] for x in doc["locations"]}
    assert site.location in codes
    open_page(page, site, f"/atlas?region={site.region}")
    hrefs = page.locator("main a[href^='/location/']").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))"
    )
    linked = {h.split("/location/", 1)[1].split("?", 1)[0] for h in hrefs}
    assert codes <= linked, sorted(codes - linked)[:10]


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_axe_finds_no_violations_on_the_atlas(
    site: Site, viewport: str, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(viewport)
    open_page(page, site, f"/atlas?region={site.region}")
    page.wait_for_function("() => document.getElementById('atlas-map').dataset.tiles === 'loaded'")
    assert_accessible(page)  # the house checker: contrast, names, reflow at 375 px
    violations = run_axe(page)
    assert violations == [], [(v["id"], v["nodes"][:3]) for v in violations]
