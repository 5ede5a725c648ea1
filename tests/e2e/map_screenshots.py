"""Screenshots of the atlas map into docs/screenshots/: the demo region (1280 and 375 px)
and, when a real-data warehouse is given, MRDH (1280 and 375 px: its 81 locations as
clusters) and Rotterdam Zuid (its own, approximate outline). The app runs with an empty
``tile_url``, i.e. on its own base layers (gemeente outlines and names): this machine has
no internet to reach PDOK's tiles, and screenshots of the tests' generated tiles would
show nothing of the country.

Run: ``.venv/bin/python -m tests.e2e.map_screenshots [REAL_WAREHOUSE.duckdb]``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kansrijk.demo import load_demo
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .browsing import CHROMIUM, CHROMIUM_ARGS, Watch, new_context, watched_page
from .pages import wait_for_charts
from .servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "screenshots"
HEIGHTS = {1280: 900, 375: 812}


def _shoot(server: LiveServer, shots: list[tuple[str, str, int]]) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for name, path, width in shots:
            watch = Watch()
            ctx = new_context(browser, watch, {"width": width, "height": HEIGHTS[width]})
            page = watched_page(ctx, watch)
            page.goto(server.url + path, wait_until="load")
            wait_for_charts(page)
            page.wait_for_function(
                "() => ['none', 'offline'].includes("
                "document.getElementById('atlas-map').dataset.tiles)"
            )
            page.locator("#atlas-map").scroll_into_view_if_needed()
            out = TARGET / f"{name}-{width}.png"
            page.locator("figure.atlas-figure").screenshot(path=str(out))
            print(out.relative_to(ROOT))
            ctx.close()
        browser.close()


def main() -> int:
    """Take the screenshots; print what was written."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.duckdb"
        with Warehouse(path) as wh:
            load_demo(wh)
        with LiveServer(Settings(warehouse=path, tile_url="", language="nl")) as server:
            _shoot(
                server,
                [
                    ("atlas", "/atlas?region=DEMO", 1280),
                    ("atlas", "/atlas?region=DEMO", 375),
                ],
            )
        if len(sys.argv) > 1:
            real = Path(tmp) / "real.duckdb"
            shutil.copyfile(sys.argv[1], real)
            with LiveServer(Settings(warehouse=real, tile_url="", language="nl")) as server:
                _shoot(
                    server,
                    [
                        ("atlas-mrdh", "/atlas?region=MRDH", 1280),
                        ("atlas-mrdh", "/atlas?region=MRDH", 375),
                        ("atlas-rdam-zuid", "/atlas?region=RDAM-ZUID", 1280),
                        ("atlas-rdam-zuid", "/atlas?region=RDAM-ZUID", 375),
                    ],
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
