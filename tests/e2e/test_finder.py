"""The school finder in the browser: axe-core (WCAG 2.1 A and AA rules) reports no violation
on the finder pages in every language at 375 and 1280 px, Arabic is laid out right to left,
the page works by keyboard alone and without JavaScript, and the map draws offline.

axe-core comes from npm (``make axe`` installs it into tests/e2e/axe); without it these
tests are skipped with a reason (in CI they fail)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from kansrijk.l10n import LANGUAGES

from .browsing import DESKTOP, MOBILE, Watch, new_context, watched_page
from .servers import Site
from .test_keyboard import focused, shows_focus

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"1280": DESKTOP, "375": MOBILE}


def axe_source() -> str:
    """axe-core's script; skip (locally) or fail (CI) when it is not installed."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} missing in CI: run `make axe`")
        pytest.skip(f"{AXE} not found (install it with `make axe`)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.1 A/AA rules on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())  # through the DevTools protocol: the page's CSP allows it
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await window.axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", "")[:300] if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


def _query(site: Site) -> str:
    return "3083 AB" if site.kind == "real" else "0102 AB"


def _paths(site: Site, lang: str) -> list[str]:
    suffix = "" if lang == "nl" else f"&lang={lang}"
    q = _query(site).replace(" ", "+")
    return [
        f"/scholenwijzer?q={q}{suffix}",
        f"/scholenwijzer?q=Atlantis{suffix}",  # an error: 404 with the message
        f"/scholenwijzer/embed?q={q}{suffix}",
        "/scholenwijzer" + ("" if lang == "nl" else f"?lang={lang}"),
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations(
    browser: Browser, site: Site, lang: str, width: str, watch: Watch
) -> None:
    ctx = new_context(browser, watch, WIDTHS[width])
    try:
        page = watched_page(ctx, watch)
        for path in _paths(site, lang):
            response = page.goto(site.url + path, wait_until="load")
            assert response is not None
            assert response.status in (200, 404), path
            if "q=" in path and "embed" not in path and "Atlantis" not in path:
                page.wait_for_selector(
                    "#f-map.is-drawn[data-state=ready] .leaflet-marker-icon", timeout=15_000
                )
            assert page.evaluate("document.documentElement.dir") == (
                "rtl" if lang == "ar" else "ltr"
            )
            assert page.evaluate("document.documentElement.lang") == lang
            violations = run_axe(page)
            assert violations == [], f"{site.kind} {path} at {width}px: {violations}"
            wide = page.evaluate("document.documentElement.scrollWidth > innerWidth + 1")
            assert not wide, f"{path} scrolls sideways at {width}px"
        expected_404 = "status of 404 (Not Found) (" + site.url + "/scholenwijzer?q=Atlantis"
        assert [p for p in watch.problems() if expected_404 not in p] == []
    finally:
        ctx.close()


def test_arabic_is_mirrored(page: Page, site: Site) -> None:
    page.goto(site.url + f"/scholenwijzer?q={_query(site)}&lang=ar", wait_until="load")
    box = page.locator(".f-school").first.bounding_box()
    assert box is not None
    border = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.f-school'));"
        " return [s.borderRightWidth, s.borderLeftWidth]; }"
    )
    assert border == ["6px", "1px"]  # the accent border is on the right, where lines start
    brand = page.locator(".f-brand").bounding_box()
    langs = page.locator(".f-langs").bounding_box()
    assert brand is not None
    assert langs is not None
    assert brand["x"] > langs["x"]  # the header row runs from right to left


def test_keyboard_only_search(page: Page, site: Site) -> None:
    page.goto(site.url + "/scholenwijzer?lang=pl", wait_until="load")
    page.keyboard.press("Tab")
    info = focused(page)
    assert info is not None
    assert info["cls"] == "skip-link"
    assert shows_focus(info)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(10):
        page.keyboard.press("Tab")
        info = focused(page)
        assert info is not None
        assert shows_focus(info), info
        if info["id"] == "f-q":
            break
    assert info["id"] == "f-q"
    page.keyboard.type(_query(site))
    page.keyboard.press("Tab")
    info = focused(page)
    assert info is not None
    assert info["id"] == "f-km"
    page.keyboard.press("Tab")
    info = focused(page)
    assert info is not None
    assert info["tag"] == "button"
    assert shows_focus(info)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "lang=pl" in page.url
    assert page.locator(".f-school").count() > 0
    assert "Ta szkoła nie ma profilu technicznego." in page.content() or site.kind == "demo"


def test_works_without_javascript(browser: Browser, site: Site, watch: Watch) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport=DESKTOP)  # type: ignore[arg-type]
    ctx.route("**/*", watch.on_route)
    try:
        page = ctx.new_page()
        page.goto(site.url + "/scholenwijzer?lang=tr", wait_until="load")
        page.fill("#f-q", _query(site))
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert page.locator(".f-school").count() > 0
        assert page.locator("figure.f-map[hidden]").count() == 1  # the map needs JavaScript
    finally:
        ctx.close()
    assert watch.external == []
