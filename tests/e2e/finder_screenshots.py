"""Screenshots of the school finder and PNGs of its flyers, into docs/screenshots/.

Run: ``.venv/bin/python -m tests.e2e.finder_screenshots WAREHOUSE`` with a warehouse that
holds the real data (``kansrijk ingest ../shared/data/...``); needs /usr/bin/chromium and
pdftoppm (``make pdf``). Pages: postcode 3083 AB in every language at 1280 px, Arabic and
Dutch at 375 px, the widget. Flyers: a Rotterdam primary school (Charlois) and GM0599, in
Dutch and Arabic (first page of each PDF).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kansrijk.finder import Finder
from kansrijk.finder.flyer import flyer_pdf, gemeente_flyer, school_flyer
from kansrijk.finder.primary import find_primary_school
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse

from .browsing import CHROMIUM, CHROMIUM_ARGS, Watch, new_context, watched_page
from .servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "screenshots"
SCHOOL = "12WT00"  # Chr Basissch De Klaver, Rotterdam-Charlois (3083)


def flyers(warehouse: Path) -> list[Path]:
    """PNG of page 1 of the school and gemeente flyers in nl and ar."""
    out = []
    with Warehouse(warehouse, read_only=True) as wh:
        finder = Finder(wh)
        school = find_primary_school(wh, SCHOOL)
        for name, flyer in (
            ("flyer-school", school_flyer(finder, school)),
            ("flyer-gm0599", gemeente_flyer(finder, "GM0599")),
        ):
            for lang in ("nl", "ar"):
                with tempfile.TemporaryDirectory() as tmp:
                    pdf = Path(tmp) / "f.pdf"
                    pdf.write_bytes(flyer_pdf([(flyer, lang)]))
                    stem = TARGET / f"{name}-{lang}"
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-png",
                            "-r",
                            "80",
                            "-f",
                            "1",
                            "-l",
                            "1",
                            "-singlefile",
                            str(pdf),
                            str(stem),
                        ],
                        check=True,
                    )
                    out.append(stem.with_suffix(".png"))
    return out


def pages(warehouse: Path) -> list[Path]:
    """The finder for 3083 AB in every language."""
    shots = [(lang, 1280) for lang in ("nl", "en", "tr", "ar", "pl")] + [("ar", 375), ("nl", 375)]
    out = []
    settings = Settings(warehouse=warehouse, regions_file=None, tile_url="")  # no internet here
    with LiveServer(settings, name="shots") as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang, width in shots:
            ctx = new_context(browser, Watch(), {"width": width, "height": 900})
            page = watched_page(ctx, Watch())
            page.goto(f"{server.url}/scholenwijzer?q=3083+AB&lang={lang}", wait_until="load")
            page.wait_for_selector("#f-map.is-drawn[data-state=ready] .leaflet-marker-icon")
            path = TARGET / f"finder-{lang}-{width}.png"
            page.screenshot(path=str(path), full_page=False)
            out.append(path)
            ctx.close()
        ctx = new_context(browser, Watch(), {"width": 420, "height": 700})
        page = watched_page(ctx, Watch())
        page.goto(f"{server.url}/scholenwijzer/embed?q=3083&lang=tr", wait_until="load")
        path = TARGET / "finder-embed-tr-420.png"
        page.screenshot(path=str(path))
        out.append(path)
        browser.close()
    return out


def main() -> int:
    """Write the screenshots; print their paths."""
    if len(sys.argv) != 2:
        print("usage: python -m tests.e2e.finder_screenshots WAREHOUSE", file=sys.stderr)
        return 2
    warehouse = Path(sys.argv[1])
    TARGET.mkdir(parents=True, exist_ok=True)
    for p in flyers(warehouse) + pages(warehouse):
        print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
