"""The pages the browser tests open, and small helpers shared by the test modules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Response

from .servers import Site

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(page: Page, name: str) -> None:
    """Save the page to docs/screenshots/NAME.png when KANSRIJK_SCREENSHOTS is set (a test
    run leaves the working tree as it was)."""
    if os.environ.get("KANSRIJK_SCREENSHOTS"):
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


#: Page name -> path ({location}: a vmbo location code of the site's region; {preset},
#: {preset2}: the first two scenario presets of ``/api/v1/scenarios``).
PAGES: dict[str, str] = {
    "overview": "/",
    "compare": "/compare",
    "data": "/data",
    "atlas": "/atlas",
    "location": "/location/{location}",
    "events": "/gebeurtenissen",
    "scenarios": "/scenarios",
    "scenarios-run": "/scenarios/run?preset={preset}",
    "scenarios-compare": "/scenarios/compare?s=preset:{preset}&s=preset:{preset2}",
    "api-docs": "/api/docs",
}

#: Text of the demo banner (Dutch, the default language) and in English.
DEMO_BANNER = {"nl": "Fictieve demoregio", "en": "Fictional demo region"}


def path_of(name: str, site: Site) -> str:
    """The path of a page on a site."""
    presets = [*site.presets, "", ""]
    return PAGES[name].format(location=site.location, preset=presets[0], preset2=presets[1])


def open_page(page: Page, site: Site, path: str, status: int | None = 200) -> Response:
    """Go to ``path`` and wait until scripts and charts have run; the response, whose status
    must be ``status`` (None: any)."""
    response = page.goto(site.url + path, wait_until="load")
    assert response is not None, path
    if status is not None:
        assert response.status == status, f"{path}: HTTP {response.status}, not {status}"
    wait_for_charts(page)
    return response


#: True when every chart placeholder holds a drawn plotly graph (or plotly is not there)
#: and every map (static/js/map.js) is drawn.
CHARTS_DRAWN_JS = """
() => {
  if (document.readyState !== "complete") { return false; }
  const maps = document.querySelectorAll("[data-map]");
  if (typeof window.L !== "undefined"
      && !Array.from(maps).every((m) => m.getAttribute("data-state") === "ready")) {
    return false;
  }
  const boxes = document.querySelectorAll("[data-chart]");
  if (!boxes.length || typeof window.Plotly === "undefined") { return true; }
  return Array.from(boxes).every((b) => b.querySelector(".main-svg"));
}
"""


def wait_for_charts(page: Page, timeout: float = 10_000) -> None:
    """Wait until the page has loaded and drawn its plotly charts."""
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout)


def nl_number(value: float, digits: int = 1) -> str:
    """A number as the Dutch pages write it: ``25,8``."""
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def en_number(value: float, digits: int = 1) -> str:
    """A number as the English pages write it: ``25.8``."""
    return f"{value:,.{digits}f}"


def pick_row(doc: dict[str, Any], year: int, **breakdown: str) -> dict[str, Any]:
    """The row of a ``kansrijk indicator --json`` document for a year and breakdown."""
    rows = [
        r
        for r in doc["rows"]
        if r["year"] == year
        and r.get("kind", "computed") == "computed"
        and all(r.get(k) == v for k, v in breakdown.items())
    ]
    assert len(rows) == 1, (year, breakdown, rows)
    row: dict[str, Any] = rows[0]
    return row
