"""The atlas: clicking a school location on the plotly map shows it in the panel beside
the map, with a link to its own page."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from .browsing import Watch
from .pages import open_page, wait_for_charts
from .servers import Site

pytestmark = pytest.mark.e2e

#: Remember every plotly_click of the map (trace meta and customdata of the points).
LISTEN_JS = """
() => {
  const gd = document.getElementById("atlas-map");
  window.__atlasClicks = [];
  gd.on("plotly_click", (ev) => window.__atlasClicks.push(
    ev.points.map((p) => ({meta: p.data.meta, customdata: p.customdata}))));
  return gd._fullData.filter((t) => t.meta === "locations" && t.visible === true).length;
}
"""


def test_click_a_location_marker_shows_it_in_the_panel(
    site: Site, page: Page, watch: Watch
) -> None:
    open_page(page, site, "/atlas")
    page.wait_for_selector("#atlas-map .main-svg")
    assert page.evaluate(LISTEN_JS) >= 1, "no visible location trace on the map"
    panel = page.locator("#atlas-panel-body")
    assert panel.locator("a").count() == 0  # nothing chosen yet
    # a marker of the location layer, as the browser draws it (d3 binds each trace group
    # to its calcdata, whose trace carries the layer name in ``meta``)
    marker = page.locator("#atlas-map g.trace.scattergeo").filter(has=page.locator("path.point"))
    index = marker.evaluate_all(
        "gs => gs.findIndex((g) => g.__data__ && g.__data__[0].trace.meta === 'locations')"
    )
    assert index >= 0, "no drawn location marker"
    point = marker.nth(index).locator("path.point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function("window.__atlasClicks.length > 0")
    clicks: list[list[dict[str, Any]]] = page.evaluate("window.__atlasClicks")
    hit = clicks[-1][0]
    assert hit["meta"] == "locations", f"the click hit {hit}"
    loc_code, name, *_rest, url = hit["customdata"]
    assert url == f"/location/{loc_code}"
    # the panel shows that location and links to its page
    heading = panel.locator("h3")
    heading.wait_for()
    assert heading.inner_text().strip() == name
    link = panel.locator(f'a[href="{url}"]')
    assert link.count() == 1
    assert link.inner_text().strip()
    assert loc_code in panel.inner_text() or name in panel.inner_text()
    # following the link opens the location's page
    with page.expect_navigation():
        link.click()
    wait_for_charts(page)
    assert page.url.endswith(url)
    assert name in page.locator("h1").inner_text()
    assert watch.problems() == []


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
