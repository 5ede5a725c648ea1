"""The atlas's school markers stay readable at 375 and 1280 px (static/js/map.js
``symbolLayer``): nearby locations are drawn as one cluster marker, so no two drawn
markers overlap at any zoom; a cluster is a named button that Tab reaches and Enter zooms
into, and the locations of one postcode area, which no zoom parts, are listed in the panel.

Besides the demo and the real data, a map with many close locations: the demo's atlas map
redrawn with a square grid of locations whose spacing is derived from the clustering rule
(``FOOT`` = 32 px, ``GAP`` = 2 px in map.js).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from .a11y import assert_accessible
from .browsing import Watch
from .pages import open_page
from .servers import Site
from .test_atlas import IDLE_JS, ZOOM_JS
from .test_finder import run_axe

pytestmark = pytest.mark.e2e

#: map.js: the side of a cluster marker, the least room any marker keeps, and the gap.
FOOT = 32
GAP = 2

#: Every marker of the atlas map: its box, whether it is in the map's view, how many
#: locations it stands for, whether it is a cluster of one point.
MARKERS_JS = """
() => {
  const el = document.getElementById("atlas-map");
  const box = el.getBoundingClientRect();
  const ms = Array.from(el.querySelectorAll(".kmap-symbol, .kmap-cluster")).map((m) => {
    const r = m.getBoundingClientRect();
    return {
      cluster: m.classList.contains("kmap-cluster"),
      count: m.classList.contains("kmap-cluster") ? Number(m.dataset.count) : 1,
      same: m.hasAttribute("data-same"),
      label: m.getAttribute("aria-label") || m.getAttribute("title") || "",
      left: r.left, top: r.top, right: r.right, bottom: r.bottom,
      inView: r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom,
    };
  });
  return {markers: ms, width: box.width, height: box.height,
          zoom: el.kansrijkMap.map.getZoom(),
          points: JSON.parse(document.getElementById("atlas-spec").textContent)
            .layers.find((l) => l.id === "locations").points.length};
}
"""


def _markers(page: Page) -> dict[str, Any]:
    doc: dict[str, Any] = page.evaluate(MARKERS_JS)
    return doc


def _bound(width: float, height: float) -> int:
    """The most markers the map's view can show: each keeps a FOOT x FOOT square free of
    the others' (centres at least FOOT + GAP apart along x or y), and the squares of the
    markers in view lie within the view grown by FOOT / 2 on each side."""
    return math.floor((width + FOOT) * (height + FOOT) / FOOT**2)


def _check_readable(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """No two markers overlap (0.5 px for rounding), every location is on the map exactly
    once, and the markers in view are fewer than the bound; the markers in view."""
    ms = doc["markers"]
    assert sum(m["count"] for m in ms) == doc["points"]
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            w = min(a["right"], b["right"]) - max(a["left"], b["left"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            assert w <= 0.5 or h <= 0.5, f"overlapping markers at zoom {doc['zoom']}: {a}, {b}"
    shown = [m for m in ms if m["inView"]]
    assert len(shown) <= _bound(doc["width"], doc["height"]), (len(shown), doc["zoom"])
    return shown


def _zoom_in(page: Page) -> None:
    start = page.evaluate(ZOOM_JS)
    page.locator("#atlas-map a.leaflet-control-zoom-in").click()
    page.wait_for_function(f"() => ({ZOOM_JS})() === {start + 1} && ({IDLE_JS})()")


@pytest.mark.parametrize("viewport", ["page", "mobile_page"])
def test_markers_never_overlap_at_four_zoom_levels(
    site: Site, viewport: str, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue(viewport)
    open_page(page, site, f"/atlas?region={site.region}")
    counts = []
    for step in range(4):
        if step:
            _zoom_in(page)
        counts.append(len(_check_readable(_markers(page))))
    if site.kind == "real" and viewport == "mobile_page":
        # MRDH's 81 locations (63 points) at 375 px: all 81 markers were drawn, 84 pairs
        # overlapping; now a handful of clusters
        assert counts[0] < 20, counts


#: Redraw the atlas map with its markers replaced by an n x n grid of small markers ``s``
#: px apart at the initial zoom, around the initial centre, of the four kinds of offer in
#: turn (the spec in #atlas-spec replaced too, so MARKERS_JS counts the new points).
GRID_JS = """
([n, s, kinds]) => {
  const el = document.getElementById('atlas-map');
  const map = el.kansrijkMap.map;
  const z = map.getZoom(), c = map.project(map.getCenter(), z);
  const src = document.getElementById('atlas-spec');
  const spec = JSON.parse(src.textContent);
  const points = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const ll = map.unproject([c.x + (j - (n - 1) / 2) * s, c.y + (i - (n - 1) / 2) * s], z);
    const k = points.length, kind = kinds[k % kinds.length], name = 'Testlocatie ' + k;
    points.push([ll.lat, ll.lng, 7, kind[1], kind[0], name + ' (' + kind[2] + ')',
                 ['T' + k, name, 'Havenstad', kind[2], '20 leerlingen', '/location/T' + k]]);
  }
  const layer = spec.layers.find((l) => l.id === 'locations');
  layer.points = points;
  layer.kinds = kinds;
  src.textContent = JSON.stringify(spec);
  map.remove();
  window.KansrijkMap.draw(el, spec, {});
  return el.kansrijkMap.map.getZoom() === z;
}
"""
KINDS = [
    ["circle", "#0072B2", "techniek en ICT"],
    ["square", "#009E73", "techniek, geen ICT"],
    ["diamond", "#CC79A7", "alleen ICT (MVI)"],
    ["x", "#D55E00", "geen technisch profiel"],
]


def _grid_page(page: Page, site: Site, n: int, spacing_px: float) -> None:
    """The demo atlas with an n x n grid of locations ``spacing_px`` apart (GRID_JS)."""
    open_page(page, site, f"/atlas?region={site.region}")
    assert page.evaluate(GRID_JS, [n, spacing_px, KINDS]), "the redrawn map has another zoom"
    page.wait_for_function("() => document.getElementById('atlas-map').dataset.state === 'ready'")


def test_many_close_locations_at_375_px(demo_site: Site, mobile_page: Page, watch: Watch) -> None:
    """400 locations 6 px apart at 375 px: a few clusters, none overlapping; a cluster is a
    named button reached by Tab, and Enter zooms in and keeps the focus on the map."""
    page = mobile_page
    _grid_page(page, demo_site, 20, 6)
    doc = _markers(page)
    shown = _check_readable(doc)
    assert doc["points"] == 400
    # the grid spans 114 px: at most ceil(114 / 34 + 1)^2 = 25 markers hold it
    assert 1 < len(shown) <= 25, len(shown)
    cluster = page.locator("#atlas-map .kmap-cluster:not([data-same])").first
    assert cluster.get_attribute("role") == "button" and cluster.get_attribute("tabindex") == "0"
    label = cluster.get_attribute("aria-label") or ""
    assert re.fullmatch(r"\d+ locaties: .+\. Klik of Enter zoomt in\.", label), label
    assert "techniek en ICT" in label and "geen technisch profiel" in label
    # its symbols: one per kind of offer (shape and colour), beside the number
    assert cluster.locator("svg svg").count() == 4
    assert cluster.locator("text").text_content() == label.split(" ", 1)[0]
    start = page.evaluate(ZOOM_JS)
    page.locator("#atlas-map").focus()
    for _ in range(40):  # Tab from the map: the zoom and reset buttons, then the markers
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.kmap-cluster')"):
            break
    else:
        raise AssertionError("no cluster reached by Tab")
    count = int(page.evaluate("() => document.activeElement.dataset.count"))
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({ZOOM_JS})() > {start} && ({IDLE_JS})()")
    # the focus stays on the map: on the marker that now holds the cluster's first location
    focused = page.evaluate(
        "() => document.activeElement.matches('#atlas-map .kmap-symbol, #atlas-map .kmap-cluster')"
    )
    assert focused, page.evaluate("() => document.activeElement.outerHTML")
    after = _markers(page)
    _check_readable(after)
    assert len([m for m in after["markers"] if m["inView"]]) > 1
    assert page.evaluate("() => Number(document.activeElement.dataset.count || 1)") < count
    assert watch.problems() == []


def test_three_zoom_steps_show_every_marker_at_1280_px(demo_site: Site, page: Page) -> None:
    """100 locations 5 px apart at 1280 px are 40 px apart three zoom steps later: more than
    FOOT + GAP = 34 px, so all are drawn as their own markers."""
    _grid_page(page, demo_site, 10, 5)
    first = _check_readable(_markers(page))
    assert any(m["cluster"] for m in first)
    assert len(first) < 100
    for _ in range(3):
        _zoom_in(page)
    last = _check_readable(_markers(page))
    assert not any(m["cluster"] for m in last)
    assert len(last) == 100


def test_cluster_of_one_postcode_area_lists_its_locations(demo_site: Site, page: Page) -> None:
    """Locations share a point when they share a PC4 area: no zoom parts them, so Enter on
    their cluster lists them (with links) in the panel beside the map."""
    open_page(page, demo_site, f"/atlas?region={demo_site.region}")
    same = page.locator("#atlas-map .kmap-cluster[data-same]").first
    label = same.get_attribute("aria-label") or ""
    assert "Op dezelfde plek" in label, label
    n = int(same.get_attribute("data-count") or 0)
    assert n >= 2
    start = page.evaluate(ZOOM_JS)
    same.focus()
    page.keyboard.press("Enter")
    heading = page.locator("#atlas-panel-body h3")
    heading.wait_for()
    assert heading.inner_text() == f"{n} locaties op dezelfde plek"
    links = page.locator("#atlas-panel-body li a[href^='/location/']")
    assert links.count() == n
    assert page.evaluate(ZOOM_JS) == start


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_on_the_clustered_atlas_at_375_px(site: Site, mobile_page: Page, lang: str) -> None:
    page = mobile_page
    open_page(page, site, f"/atlas?region={site.region}&lang={lang}")
    assert page.locator("#atlas-map .kmap-cluster").count() >= 1
    label = page.locator("#atlas-map .kmap-cluster").first.get_attribute("aria-label") or ""
    assert label.split(" ")[1] == ("locaties:" if lang == "nl" else "locations:"), label
    assert_accessible(page)
    violations = run_axe(page)
    assert violations == [], violations
