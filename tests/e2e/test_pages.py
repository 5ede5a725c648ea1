"""Every page, on the demo and on the real data: opens with 200, no console errors, one h1,
the demo banner exactly on the demo, nothing fetched from another host (the context fixture
blocks and asserts that), and accessible (``a11y.py`` and axe-core's WCAG 2.1 A/AA rules)
at 1280 and at 375 px, laid out for a phone at 375 px; its JSON twin and downloads answer.

With ``KANSRIJK_SCREENSHOTS`` set, the monitor's pages are saved to docs/screenshots/
(``NAME-1280.png``, ``NAME-375.png`` on the demo; ``NAME-mrdh-*.png`` and
``overview-rdam-zuid-*.png`` on the real data)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from .a11y import assert_accessible, audit
from .browsing import DESKTOP, Watch, new_context, watched_page
from .pages import DEMO_BANNER, PAGES, open_page, path_of, shot
from .servers import Site
from .test_finder import run_axe

pytestmark = pytest.mark.e2e

#: The monitor's pages whose whole-page screenshots this module takes (the atlas's map is
#: shot by ``map_screenshots``, the scenario pages by their own tests); on the real data
#: for MRDH only those the README and docs/web.md show.
SHOTS = ("overview", "compare", "data", "location", "events", "api-docs")
SHOTS_REAL = {("overview", 1280), ("compare", 1280), ("events", 1280), ("events", 375)}


def save_shot(page: Page, site: Site, name: str, width: int) -> None:
    """The page's screenshot, when it is one of the monitor's (``KANSRIJK_SCREENSHOTS``)."""
    if site.demo and name in SHOTS:
        shot(page, f"{name}-{width}")
    elif not site.demo and (name, width) in SHOTS_REAL:
        shot(page, f"{name}-mrdh-{width}")


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
    problems += [f"axe: {v}" for v in run_axe(page)]
    assert not problems, f"{path} ({site.kind}):\n  " + "\n  ".join(problems)
    save_shot(page, site, name, 1280)


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
    layout = mobile_page.evaluate(LAYOUT_JS)
    assert layout["captions"] == [], f"{path}: captions running off the screen {layout}"
    assert layout["legends"] == [], f"{path}: chart legends wider than their chart {layout}"
    assert len(set(layout["nav"])) == 1, f"{path}: menu lines start at {layout['nav']}"
    gap = layout["footer_gap"]
    assert gap >= 24, f"{path}: main ends {gap} px above the footer"
    assert run_axe(mobile_page) == [], path
    assert watch.problems() == [], f"{path}: {watch.problems()}"
    save_shot(mobile_page, site, name, 375)


@pytest.mark.parametrize("width", [1280, 375])
def test_rotterdam_zuid_overview(real_site: Site, browser: Browser, width: int) -> None:
    """The overview of a region drawn by postcode (Rotterdam Zuid, real data): accessible
    (own checker and axe), laid out for a phone at 375 px, its trend table captions and
    legends within the screen."""
    watch = Watch()
    ctx = new_context(browser, watch, {"width": width, "height": 900 if width > 400 else 812})
    try:
        page = watched_page(ctx, watch)
        path = "/?region=RDAM-ZUID"
        open_page(page, real_site, path)
        assert "Rotterdam Zuid" in page.locator("h1").inner_text()
        problems = [str(v) for v in audit(page)] + [f"axe: {v}" for v in run_axe(page)]
        layout = page.evaluate(LAYOUT_JS)
        if layout["captions"] or layout["legends"] or len(set(layout["nav"])) != 1:
            problems.append(f"layout: {layout}")
        problems += watch.problems()
        assert not problems, f"{path} at {width} px:\n  " + "\n  ".join(problems)
        shot(page, f"overview-rdam-zuid-{width}")
    finally:
        ctx.close()


#: What a phone-sized page must not do: captions wider than the screen (a caption is as
#: wide as its table, so in a horizontal scroller its end was hidden), legends of a chart
#: wider than the chart (plotly does not wrap an entry: "doel 2030: 30% (Fictief demodoel
#: (Kansrijk-demo))" was cut off), menu lines starting at different x (the text of each
#: wrapped line of the main menu), and the space between the last of main and the footer.
LAYOUT_JS = """
() => {
  const caps = [...document.querySelectorAll("caption")]
    .filter((c) => c.getClientRects().length && c.getBoundingClientRect().right > innerWidth + 1)
    .map((c) => c.id || c.textContent.trim().slice(0, 40));
  const legends = [...document.querySelectorAll("[data-chart]")].flatMap((chart) => {
    const svg = chart.querySelector(".main-svg");
    const texts = [...chart.querySelectorAll(".legend text")];
    if (!svg) { return []; }
    const right = svg.getBoundingClientRect().right;
    return texts.filter((t) => t.getBoundingClientRect().right > right + 1)
      .map((t) => t.textContent.slice(0, 40));
  });
  const nav = [...document.querySelectorAll(".main-nav a")];
  const tops = new Map();
  for (const a of nav) {
    const r = a.getBoundingClientRect();
    const line = Math.round(r.top);
    if (!tops.has(line)) {
      tops.set(line, Math.round(r.left + parseFloat(getComputedStyle(a).paddingLeft)));
    }
  }
  const main = document.querySelector("main");
  const last = [...main.children].filter((e) => e.getClientRects().length).pop();
  const footer = document.querySelector("footer");
  const gap = footer.getBoundingClientRect().top - (last || main).getBoundingClientRect().bottom;
  return {captions: caps, legends: legends, nav: [...tops.values()], footer_gap: gap};
}
"""


#: The pages whose table is offered as CSV and XLSX in the page itself (``Page`` with a
#: table: the same query as the page).
DOWNLOADS = ("compare", "atlas", "location", "events")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("name", PAGES)
def test_twin_and_download_links_answer(site: Site, page: Page, name: str) -> None:
    """The JSON twin (``<link rel=alternate>`` and the footer's link) and, on the pages with
    a table, the CSV and XLSX links in the page: each answers 200 with its type, carries
    the page's query (here ``lang=en``) and holds what it says (JSON ``ok``, a CSV header
    line, an XLSX zip; the OpenAPI document of /api/docs has no ``ok``)."""
    path = path_of(name, site)
    path += ("&" if "?" in path else "?") + "lang=en"
    open_page(page, site, path)
    hrefs_js = "els => els.map((e) => e.getAttribute('href'))"
    hrefs = page.eval_on_selector_all("main a[href], footer a[href]", hrefs_js)
    twins = set(page.eval_on_selector_all("link[rel=alternate][type='application/json']", hrefs_js))
    twins |= {h for h in hrefs if h.split("?")[0].endswith(".json") and h.startswith("/")}
    assert twins, f"{path}: no JSON twin linked"
    files = {h for h in hrefs if h.split("?")[0].endswith((".csv", ".xlsx"))}
    page_base = path.split("?")[0]
    if name in DOWNLOADS:
        for ext in ("csv", "xlsx"):
            own = [h for h in files if h.split("?")[0] == f"{page_base}.{ext}"]
            assert own, f"{path}: no link to its own {ext.upper()} in {sorted(files)}"
    problems = []
    for href in sorted(twins | files):
        response = page.request.get(site.url + href)
        kind = response.headers.get("content-type", "")
        if response.status != 200:
            problems.append(f"{href}: HTTP {response.status}")
            continue
        if href.startswith(page_base + ".") and "lang=en" not in href:
            problems.append(f"{href}: the page's query (lang=en) is lost")
        ext = "json" if href in twins else href.split("?")[0].rsplit(".", 1)[-1]
        body = response.body()
        is_json = kind.startswith("application/json")
        if ext == "json" and not (is_json and response.json().get("ok", True)):
            problems.append(f"{href}: not a JSON document with ok ({kind})")
        if ext == "csv" and not (kind.startswith("text/csv") and b"\n" in body[:2000]):
            problems.append(f"{href}: not CSV ({kind})")
        if ext == "xlsx" and not (kind.startswith(XLSX) and body[:2] == b"PK"):
            problems.append(f"{href}: not XLSX ({kind})")
    assert not problems, f"{path} ({site.kind}):\n  " + "\n  ".join(problems)


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


def test_api_docs_shows_code_as_code(demo_site: Site, page: Page) -> None:
    """The OpenAPI texts mark code docstring-style (``kansrijk optimise --json``): the route
    list shows it as <code>, never the backticks."""
    open_page(page, demo_site, "/api/docs")
    text = page.locator("main").inner_text()
    assert "`" not in text, [line for line in text.splitlines() if "`" in line][:3]
    codes = page.locator("main td code").all_inner_texts()
    assert "kansrijk optimise --json" in codes, codes[:10]


@pytest.mark.parametrize("name", ["overview", "compare", "location"])
def test_chart_year_ticks_are_all_school_years(site: Site, page: Page, name: str) -> None:
    """A chart over the school years labels every tick as one (on the real data a location
    has pupils in 2016 and 2019 only: its axis read "2016/17, 2017, 2018, 2019/20")."""
    path = path_of(name, site)
    open_page(page, site, path)
    ticks: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll('script[type="application/json"]')]
            .map((s) => { try { return JSON.parse(s.textContent); } catch (e) { return null; } })
            .filter((spec) => spec && spec.layout && spec.layout.xaxis
                    && Array.isArray(spec.layout.xaxis.ticktext))
            .map((spec) => spec.layout.xaxis.ticktext.map(String))"""
    )
    school_year = re.compile(r"^\d{4}/\d{2}$")
    mixed = [
        t for t in ticks if any(map(school_year.match, t)) and not all(map(school_year.match, t))
    ]
    assert not mixed, f"{path} ({site.kind}): {mixed}"
