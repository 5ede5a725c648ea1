"""Tables a reader sorts and filters in the browser: the scenario builder's location search
(chosen locations first and always shown; Enter does not run the form) and sortable result
tables. The expected order is computed here from the cells' text, not by the page's script."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browsing import Watch
from .pages import open_page
from .servers import Site

pytestmark = pytest.mark.e2e


def _nl(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".").replace("%", "").strip())


def test_builder_search_keeps_the_chosen_location_on_top(
    demo_site: Site, page: Page, watch: Watch
) -> None:
    open_page(page, demo_site, "/scenarios?region=DEMO&add=ZZ0500:PIE")
    rows = page.locator("#scen-locations tbody tr")
    total = rows.count()
    assert total > 5
    assert rows.first.get_attribute("data-loc") == "ZZ0500"
    search = page.get_by_label("Zoek een locatie (naam, code of gemeente)")
    assert search.is_visible()
    search.fill("rivierveen")
    visible = page.locator("#scen-locations tbody tr:not([hidden])")
    shown = visible.count()
    assert 1 < shown < total
    for i in range(shown):
        row = visible.nth(i)
        if row.get_attribute("data-loc") == "ZZ0500":
            continue  # chosen: always shown
        assert "rivierveen" in row.inner_text().lower()
    count = page.locator("#f-find-count").inner_text()
    assert count.startswith(f"{shown} van {total} locaties getoond")
    url = page.url
    search.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == url
    search.fill("")
    assert page.locator("#scen-locations tbody tr:not([hidden])").count() == total
    assert not (watch.console_errors or watch.page_errors or watch.external)


def test_result_tables_sort_by_a_column(demo_site: Site, page: Page, watch: Watch) -> None:
    open_page(page, demo_site, "/scenarios/run?region=DEMO&add=ZZ0500:PIE&draws=0")
    table = page.locator("table.scen-years")
    heading = table.locator("thead th").nth(1)
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    cells = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    values = [_nl(c) for c in cells]
    assert len(values) > 2
    assert values == sorted(values)
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    values = [_nl(c) for c in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    assert not (watch.console_errors or watch.page_errors or watch.external)
