"""Every page, on the demo and on the real data: opens with 200, no console errors, one h1,
the demo banner exactly on the demo, nothing fetched from another host, and accessible at
1280 and at 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .a11y import assert_accessible
from .browsing import Watch
from .pages import DEMO_BANNER, PAGES, open_page, path_of
from .servers import Site

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", PAGES)
def test_page_opens(site: Site, page: Page, watch: Watch, name: str) -> None:
    path = path_of(name, site)
    response = open_page(page, site, path, status=None)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert page.locator("h1").count() == 1, f"{path}: expected one h1"
    assert page.locator("h1").inner_text().strip()
    banner = page.get_by_text(DEMO_BANNER["nl"])
    if site.demo:
        assert banner.count() >= 1, f"{path}: no demo banner on the demo"
        assert banner.first.is_visible()
        assert page.locator("[role=note]").filter(has_text=DEMO_BANNER["nl"]).count() == 1
    else:
        assert banner.count() == 0, f"{path}: demo banner on real data"
        texts = page.locator("header, [role=note]").all_inner_texts()
        assert not any("fictie" in t.lower() for t in texts), texts
    assert watch.problems() == [], f"{path}: {watch.problems()}"


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible(site: Site, page: Page, name: str) -> None:
    open_page(page, site, path_of(name, site))
    assert_accessible(page)


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
