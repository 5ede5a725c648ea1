"""What a visitor does: reads the overview's key figures (equal to `kansrijk indicator
--json`), switches language, picks a region, downloads the compare table."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page

from .browsing import Watch
from .pages import DEMO_BANNER, en_number, nl_number, open_page, pick_row, wait_for_charts
from .servers import TILES, Site

pytestmark = pytest.mark.e2e


def _unit_suffix(indicator: str, breakdown: dict[str, str]) -> str:
    if indicator == "access.distance_to_tech_offer" and breakdown.get("statistic") == "mean_km":
        return " km"
    return "%"


def test_overview_tiles_equal_the_cli(site: Site, page: Page, watch: Watch) -> None:
    open_page(page, site, "/")
    assert page.locator("#region-select").input_value() == site.region
    main_doc = site.tiles["vmbo.tech_choice_share", "techniek"]
    year = max(r["year"] for r in main_doc["rows"] if r["kind"] == "computed")
    for indicator, pset, breakdown in TILES:
        doc = site.tiles[indicator, pset]
        if pset is not None:
            assert doc["profile_set"] == pset
        row = pick_row(doc, year, **breakdown)
        assert row["region"] == site.region
        assert not row["suppressed"]
        expected = row["value"]
        text = nl_number(expected) + _unit_suffix(indicator, breakdown)
        tile = page.locator(f'li.tile[data-indicator="{indicator}"]')
        assert tile.count() == 1, indicator
        second = (pset == "techniek_ict" and indicator == "vmbo.tech_choice_share") or (
            breakdown.get("statistic") == "share_over_5km"
        )
        if second:  # shown as a line of the tile: "incl. ICT (MVI): 29,8%", "25,9% ... 5 km"
            lines = tile.locator(".tile-line").all_inner_texts()
            assert any(text in line for line in lines), (indicator, pset, breakdown, text, lines)
        else:
            value = tile.locator(".tile-value")
            shown = value.get_attribute("data-value")
            assert shown, (indicator, "no value on the page")
            assert float(shown) == pytest.approx(expected, rel=1e-9), (indicator, pset)
            assert value.inner_text().strip() == text, (indicator, pset)
        assert str(year) in tile.inner_text()
    assert watch.problems() == []


def test_language_switch_keeps_path_and_query(demo_site: Site, page: Page, watch: Watch) -> None:
    path = "/compare?region=GM9901&indicator=vmbo.girls_in_tech_share&sort=-value"
    open_page(page, demo_site, path)
    assert page.evaluate("document.documentElement.lang") == "nl"
    switch = page.locator("a.lang-switch, a[hreflang=en]").first
    assert switch.inner_text().strip() == "English"
    with page.expect_navigation():
        switch.click()
    wait_for_charts(page)
    url = urlsplit(page.url)
    assert url.path == "/compare"
    query = parse_qs(url.query)
    assert query["region"] == ["GM9901"]
    assert query["indicator"] == ["vmbo.girls_in_tech_share"]
    assert query["sort"] == ["-value"]
    assert query["lang"] == ["en"]
    assert page.evaluate("document.documentElement.lang") == "en"
    nav = page.get_by_role("navigation")
    assert nav.get_by_role("link", name="Overview").count() == 1
    assert nav.get_by_role("link", name="Compare").count() == 1
    assert page.get_by_label("Region", exact=True).count() == 1
    assert page.get_by_text(DEMO_BANNER["en"]).count() >= 1
    # the choice is remembered: another page without ?lang= is in English too
    open_page(page, demo_site, "/data")
    assert page.evaluate("document.documentElement.lang") == "en"
    # and switching back works the same way
    back = page.locator("a[hreflang=nl]").first
    assert back.inner_text().strip() == "Nederlands"
    with page.expect_navigation():
        back.click()
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert urlsplit(page.url).path == "/data"
    assert watch.problems() == []


def test_english_overview_formats_numbers_in_english(demo_site: Site, page: Page) -> None:
    open_page(page, demo_site, "/?lang=en")
    doc = demo_site.tiles["vmbo.tech_choice_share", "techniek"]
    year = max(r["year"] for r in doc["rows"] if r["kind"] == "computed")
    expected = en_number(pick_row(doc, year)["value"]) + "%"
    tile = page.locator('li.tile[data-indicator="vmbo.tech_choice_share"] .tile-value')
    assert tile.inner_text().strip() == expected
    assert page.get_by_role("heading", name="Key figures").count() == 1


def test_region_selector_submits(site: Site, page: Page, watch: Watch) -> None:
    open_page(page, site, "/")
    select = page.locator("#region-select")
    assert select.input_value() == site.region
    label = select.locator(f'option[value="{site.other_region}"]').inner_text().strip()
    select.select_option(site.other_region)
    with page.expect_navigation():
        page.locator(
            "form.region-form button[type=submit], form:has(#region-select) button"
        ).first.click()
    wait_for_charts(page)
    assert parse_qs(urlsplit(page.url).query)["region"] == [site.other_region]
    assert page.locator("#region-select").input_value() == site.other_region
    assert label in page.locator("h1").inner_text()
    value = page.locator('li.tile[data-indicator="vmbo.tech_choice_share"] .tile-value')
    assert value.get_attribute("data-value")
    # the navigation carries the region along
    compare = page.get_by_role("navigation").get_by_role("link", name="Vergelijken")
    assert f"region={site.other_region}" in (compare.get_attribute("href") or "")
    assert watch.problems() == []


def _csv_cell(value: object) -> str:
    """A JSON value as Python's csv module writes it."""
    return "" if value is None else str(value)


def test_compare_csv_download_equals_the_api(site: Site, page: Page, tmp_path: Path) -> None:
    open_page(page, site, f"/compare?region={site.region}")
    link = page.locator('a[href^="/compare.csv"]')
    assert link.count() == 1
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".csv")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert body, "empty CSV"
    # the same selection through the API
    view = httpx.get(f"{site.url}/compare.json", params={"region": site.region}).json()
    indicator = view["indicator"]["id"]
    params = {
        "region": ",".join(r["region"] for r in view["rows"]),
        "year": str(view["year"]),
    }
    if view.get("profile_set"):
        params["set"] = view["profile_set"]
    api = httpx.get(f"{site.url}/api/v1/indicators/{indicator}", params=params).json()
    assert api["ok"] is True
    api_rows = [r for r in api["rows"] if r.get("kind") == "computed"]
    assert header == list(api_rows[0])
    assert len(body) == len(view["rows"])
    # the table's order; each CSV row equals the API's row for that region
    by_region = {r["region"]: r for r in api_rows}
    csv_regions = [dict(zip(header, r, strict=True))["region"] for r in body]
    assert csv_regions == [r["region"] for r in view["rows"]]
    for line in body:
        record = dict(zip(header, line, strict=True))
        expected = by_region[record["region"]]
        assert record == {k: _csv_cell(v) for k, v in expected.items()}
