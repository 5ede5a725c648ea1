"""Screenshots of the access check, the registry's reach page and the shortage page into
docs/screenshots/ (nl and en, 1280 and 375 px): the demo region with a seeded registry
(``maps.seed_registry``) and, when a real-data warehouse is given, Rotterdam Zuid (access
check), Rotterdam (reach) and MRDH (shortages). As ``map_screenshots``: the app runs with an
empty ``tile_url``, i.e. the maps on their own base layers (gemeente outlines and names),
since this machine has no internet to reach PDOK's tiles.

Run: ``.venv/bin/python -m tests.e2e.page_map_screenshots [REAL_WAREHOUSE.duckdb]``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from kansrijk.demo import load_demo
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .browsing import CHROMIUM, CHROMIUM_ARGS, Watch, new_context, watched_page
from .maps import seed_registry
from .pages import wait_for_charts
from .servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "screenshots"
HEIGHTS = {1280: 900, 375: 812}
DEMO = [
    ("access", "/bereikbaarheid?region=DEMO&location=ZZ0100&change=stop&profile=PIE&km=5"),
    ("registry-reach", "/partners/reach?region=DEMO&year=2024"),
    ("shortages", "/partners/shortages?region=DEMO&year=2024"),
]
REAL = [
    (
        "access-rdam-zuid",
        "/bereikbaarheid?region=RDAM-ZUID&location=17YF00&change=stop&profile=MT&km=5",
    ),
    ("registry-reach-rotterdam", "/partners/reach?region=GM0599&year=2024"),
    ("shortages-mrdh", "/partners/shortages?region=MRDH&year=2024"),
]


def _shoot(server: LiveServer, shots: list[tuple[str, str]], widths: tuple[int, ...]) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for name, path in shots:
            for width in widths:
                for lang in ("nl", "en"):
                    watch = Watch()
                    ctx = new_context(browser, watch, {"width": width, "height": HEIGHTS[width]})
                    page = watched_page(ctx, watch)
                    page.goto(f"{server.url}{path}&lang={lang}", wait_until="load")
                    wait_for_charts(page)
                    page.wait_for_function(
                        "() => Array.from(document.querySelectorAll('[data-map-page]'))"
                        ".every((m) => ['none', 'offline'].includes(m.dataset.tiles))"
                    )
                    suffix = "" if lang == "nl" else "-en"
                    out = TARGET / f"{name}{suffix}-{width}.png"
                    page.screenshot(path=str(out), full_page=True)
                    assert watch.problems() == [], watch.problems()
                    print(out.relative_to(ROOT))
                    ctx.close()
        browser.close()


def _settings(warehouse: Path, tmp: Path) -> Settings:
    return Settings(
        warehouse=warehouse,
        regions_file=None,
        language="nl",
        tile_url="",
        database_url=f"sqlite:///{tmp / f'{warehouse.stem}.sqlite'}",
        secret_key="screenshots",
    )


def main() -> int:
    """Take the screenshots; print what was written."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        demo = tmp / "demo.duckdb"
        with Warehouse(demo) as wh:
            load_demo(wh)
        settings = _settings(demo, tmp)
        seed_registry(settings)
        with LiveServer(settings) as server:
            _shoot(server, DEMO, (1280, 375))
        if len(sys.argv) > 1:
            real = tmp / "real.duckdb"
            shutil.copyfile(sys.argv[1], real)
            settings = _settings(real, tmp)
            seeds: dict[str, Any] = {
                "reached": ("17YF00",),
                "lesson_pc4": "3083",
                "shortage": ("17YF00", "PIE", "internship_vmbo"),
                "hidden": "17WQ08",
            }
            seed_registry(settings, **seeds)
            with LiveServer(settings) as server:
                _shoot(server, REAL, (1280,))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
