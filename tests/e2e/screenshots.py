"""Screenshots of the pages on the demo region, 1280 and 375 px wide, into docs/screenshots/,
for every page that has none yet (a page with any ``NAME-*.png`` is left alone: the page's
author made its own).

Run: ``.venv/bin/python -m tests.e2e.screenshots`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from kansrijk.demo import load_demo
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .browsing import CHROMIUM, CHROMIUM_ARGS, Watch, new_context, watched_page
from .pages import PAGES, wait_for_charts
from .servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "screenshots"
WIDTHS = {1280: 900, 375: 812}


def main() -> int:
    """Take the missing screenshots; print what was written."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found", file=sys.stderr)
        return 1
    todo = [
        (name, width)
        for name in PAGES
        for width in WIDTHS
        if not any(TARGET.glob(f"{name}-[0-9]*.png"))
    ]
    if not todo:
        print("every page has its screenshots")
        return 0
    with tempfile.TemporaryDirectory(prefix="kansrijk-shots-") as tmp:
        path = Path(tmp) / "demo.duckdb"
        with Warehouse(path) as wh:
            load_demo(wh)
        settings = Settings(warehouse=path, regions_file=None, language="nl")
        with LiveServer(settings, name="screenshots") as server, sync_playwright() as pw:
            locs = httpx.get(f"{server.url}/api/v1/locations", params={"region": "DEMO"})
            location = locs.json()["locations"][0]["loc_code"]
            scen = httpx.get(f"{server.url}/api/v1/scenarios", timeout=60).json()
            presets = [p["name"] for p in scen.get("presets", [])] + ["", ""]
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, width in todo:
                watch = Watch()
                ctx = new_context(browser, watch, {"width": width, "height": WIDTHS[width]})
                page = watched_page(ctx, watch)
                page_path = PAGES[name].format(
                    location=location, preset=presets[0], preset2=presets[1]
                )
                page.goto(server.url + page_path)
                wait_for_charts(page)
                out = TARGET / f"{name}-{width}.png"
                page.screenshot(path=str(out), full_page=True)
                ctx.close()
                print(f"written: {out.relative_to(ROOT)}", *watch.problems())
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
