"""Every page, on the demo and on the real data: opens with 200, no console errors, one h1,
the demo banner exactly on the demo, nothing fetched from another host (the context fixture
blocks and asserts that), and accessible (``a11y.py``) at 1280 and at 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .a11y import assert_accessible, audit
from .browsing import Watch
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
