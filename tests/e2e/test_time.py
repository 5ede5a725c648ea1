"""Trends and events in the browser, on the demo and on the real data, at 1280 and 375 px:
the overview draws the trend chart with its target line (Rotterdam Zuid's 0% target on real
data, the demo's fictional one on the demo), a break is a gap with a dashed line, and the
events page shows its table; both pass the accessibility checks."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .a11y import assert_accessible
from .browsing import Watch
from .pages import open_page
from .servers import Site

pytestmark = pytest.mark.e2e

#: The region with a no-tech-offer target on each site.
ZUID = {"demo": "DEMO-ZUID", "real": "RDAM-ZUID"}

DRAWN_JS = """
(id) => {
  const el = document.getElementById(id);
  if (!el || !el._fullData) { return null; }
  return {
    names: el._fullData.map((t) => t.name),
    traces: el.querySelectorAll("g.trace.scatter").length,
    dashed_lines: el.querySelectorAll("g.shapelayer path").length,
    width: el.getBoundingClientRect().width,
    x_title: (el.querySelector(".g-xtitle") || {}).textContent || "",
    y_title: (el.querySelector(".g-ytitle") || {}).textContent || "",
  };
}
"""


def _drawn(page: Page, chart_id: str) -> dict[str, Any]:
    info: dict[str, Any] | None = page.evaluate(DRAWN_JS, chart_id)
    assert info is not None, f"chart {chart_id} not drawn"
    return info


@pytest.mark.parametrize("mobile", [False, True], ids=["1280", "375"])
def test_overview_trend_with_target_line(
    site: Site, page: Page, mobile_page: Page, watch: Watch, mobile: bool
) -> None:
    p = mobile_page if mobile else page
    open_page(p, site, f"/?region={ZUID[site.kind]}")
    figure = p.locator('figure.trend[data-indicator="vmbo.no_tech_offer_share"]')
    assert figure.count() == 1
    info = _drawn(p, "trend-e1")
    target = [n for n in info["names"] if n.startswith("doel")]
    assert len(target) == 1, info["names"]
    assert info["traces"] == len(info["names"])  # the target line is drawn, not only listed
    assert info["x_title"] == "Schooljaar" and info["y_title"] == "Aandeel (%)"
    words = figure.locator(".trend-target").inner_text()
    assert "op een locatie zonder technisch profiel; doel 0%; nog" in words
    assert info["width"] <= (375 if mobile else 1280)
    # the exam trend: a break is a dashed line, never a joined change
    exam = _drawn(p, "trend-2")
    assert exam["dashed_lines"] >= 2
    assert p.locator("#trend-2-break-1").inner_text().startswith("†1 Breuk in de reeks vanaf")
    assert_accessible(p)
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= (375 if mobile else 1280) + 1
    assert watch.problems() == []


@pytest.mark.parametrize("mobile", [False, True], ids=["1280", "375"])
def test_events_page(site: Site, page: Page, mobile_page: Page, watch: Watch, mobile: bool) -> None:
    p = mobile_page if mobile else page
    open_page(p, site, f"/gebeurtenissen?region={site.region}&set=all")
    assert p.locator("h1").inner_text().startswith("Gebeurtenissen")
    rows = p.locator("table.events-table tbody tr")
    if site.demo:
        assert rows.count() >= 2
        kinds = set(rows.evaluate_all("(rs) => rs.map((r) => r.dataset.kind)"))
        assert kinds == {"started", "stopped"}
        assert p.locator("table.watch-table tbody tr").count() >= 1
    elif rows.count() == 0:  # one enrollment year loaded: nothing to compare
        assert "Geen profiel gestart of gestopt" in p.locator("main").inner_text()
    assert_accessible(p)
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= (375 if mobile else 1280) + 1
    assert watch.problems() == []
