"""Every page, on the demo and on the real data: opens with 200, no console errors, one h1,
the demo banner exactly on the demo, nothing fetched from another host (the context fixture
blocks and asserts that), and accessible (``a11y.py``) at 1280 and at 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from .a11y import assert_accessible, audit
from .browsing import DESKTOP, Watch, new_context, watched_page
from .pages import DEMO_BANNER, PAGES, open_page, path_of
from .servers import Site

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", PAGES)
def test_page_opens_and_is_accessible(site: Site, page: Page, watch: Watch, name: str) -> None:
    """At 1280 px; every problem found is reported at once."""
    path = path_of(name, site)
    response = open_page(page, site, path, status=None)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    problems: list[str] = []
    h1 = page.locator("h1")
    if h1.count() != 1 or not h1.first.inner_text().strip():
        problems.append(f"expected one h1 with text, found {h1.count()}")
    banner = page.locator("[role=note]").filter(has_text=DEMO_BANNER["nl"])
    if site.demo and (banner.count() != 1 or not banner.first.is_visible()):
        problems.append(f"the demo banner is not shown once ({banner.count()})")
    if not site.demo:
        texts = page.locator("body").inner_text()
        if DEMO_BANNER["nl"] in texts or banner.count():
            problems.append("the demo banner is shown on real data")
    problems += watch.problems()
    problems += [str(v) for v in audit(page)]
    assert not problems, f"{path} ({site.kind}):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_at_375_px(
    site: Site, mobile_page: Page, watch: Watch, name: str
) -> None:
    path = path_of(name, site)
    response = open_page(mobile_page, site, path)
    assert response.status == 200
    assert_accessible(mobile_page)  # incl. the reflow rule, naming the elements too wide
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, f"{path}: {width} px wide at a viewport of 375 px"
    assert watch.problems() == [], f"{path}: {watch.problems()}"


def test_requests_to_other_hosts_are_blocked_and_seen(demo_site: Site, browser: Browser) -> None:
    """The guard of every page fixture: a request for another host is aborted and recorded
    (so the page tests above would fail on any CDN, web font or tile server); on the app's
    pages its Content-Security-Policy refuses such a fetch already."""
    fetch_js = """async (url) => {
        try { await fetch(url); return "fetched"; } catch (e) { return "blocked"; }
    }"""
    watch = Watch()
    ctx = new_context(browser, watch, DESKTOP)
    try:
        page = watched_page(ctx, watch)
        # a page without the app's CSP: the router itself must stop the requests
        page.set_content('<p>x</p><img alt="" src="http://tiles.example.net/0/0/0.png">')
        assert page.evaluate(fetch_js, "https://cdn.example.org/lib.js") == "blocked"
        page.wait_for_timeout(200)
        assert "http://tiles.example.net/0/0/0.png" in watch.external
        assert "https://cdn.example.org/lib.js" in watch.external
        # an app page: the CSP refuses the fetch before any request is made
        open_page(page, demo_site, "/data")
        assert page.evaluate(fetch_js, "https://fonts.example.com/a.css") == "blocked"
        assert any("Content Security Policy" in e for e in watch.console_errors)
    finally:
        ctx.close()
