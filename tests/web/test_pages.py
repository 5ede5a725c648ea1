"""The pages (overview, compare, data, API docs, errors) on the demo region: real figures,
structure, accessibility basics, language switch, no requests to other hosts."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from fastapi.testclient import TestClient

from kansrijk.indicators import compute
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse

from .helpers import tags

PAGES = ("/", "/compare", "/data", "/api/docs")
BANNER_NL = "Fictieve demoregio"
BANNER_EN = "Fictional demo region"


def _tile_value(html: str, indicator: str, pset: str | None = None) -> float:
    for attrs in tags(html, "li"):
        if attrs.get("data-indicator") == indicator and (
            pset is None or attrs.get("data-set") == pset
        ):
            start = html.index(f'data-indicator="{indicator}"')
            m = re.search(r'data-value="([^"]*)"', html[start:])
            assert m is not None
            return float(m.group(1))
    raise AssertionError(f"no tile for {indicator}")


def test_overview_shows_computed_tech_choice_share(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    html = client.get("/?region=DEMO").text
    expected = compute(ref_wh, ref_catalog, "vmbo.tech_choice_share", ["DEMO"], [2024])
    value = expected.value("DEMO", 2024)
    assert value is not None
    assert _tile_value(html, "vmbo.tech_choice_share", "techniek") == pytest.approx(value)
    shown = f"{value:.1f}".replace(".", ",") + "%"
    assert shown in html
    ict = compute(
        ref_wh, ref_catalog, "vmbo.tech_choice_share", ["DEMO"], [2024], None, "techniek_ict"
    ).value("DEMO", 2024)
    assert ict is not None
    assert "incl. ICT (MVI): " + f"{ict:.1f}".replace(".", ",") + "%" in html


def test_overview_twin_has_the_same_figures(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    view = client.get("/overview.json?region=GM9902").json()
    assert view["region"]["code"] == "GM9902"
    assert view["year"] == 2024
    tiles = {(t["indicator"], t.get("statistic")): t for t in view["tiles"]}
    no_offer = compute(ref_wh, ref_catalog, "vmbo.no_tech_offer_share", ["GM9902"], [2024])
    assert tiles[("vmbo.no_tech_offer_share", None)]["value"] == pytest.approx(
        no_offer.value("GM9902", 2024)
    )
    dist = compute(ref_wh, ref_catalog, "access.distance_to_tech_offer", ["GM9902"], [2024])
    assert tiles[("access.distance_to_tech_offer", "mean_km")]["value"] == pytest.approx(
        dist.value("GM9902", 2024, statistic="mean_km")
    )
    far = tiles[("access.distance_to_tech_offer", "mean_km")]["second"]
    assert far["value"] == pytest.approx(dist.value("GM9902", 2024, statistic="share_over_5km"))
    html = client.get("/?region=GM9902").text
    assert tiles[("vmbo.girls_in_tech_share", None)]["display"] in html


def test_overview_trends_region_vs_nl_with_table(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    view = client.get("/overview.json?region=GM9901").json()
    trend = {t["indicator"]: t for t in view["trends"]}["exams.vmbo_tech_share"]
    assert [s["region"] for s in trend["series"]] == ["GM9901", "NL00"]
    expected = compute(ref_wh, ref_catalog, "exams.vmbo_tech_share", ["GM9901"])
    assert trend["years"] == sorted({r.year for r in expected.rows})
    first = trend["series"][0]["points"][0]
    assert first["value"] == pytest.approx(expected.value("GM9901", trend["years"][0]))
    html = client.get("/?region=GM9901").text
    # two enrollment trends and two exam trends, each a chart with its table
    assert html.count('<table class="trend-table">') == 4
    assert html.count('<caption id="trend-') == 4
    assert 'data-chart="trend-1-spec"' in html
    assert 'id="trend-1-spec"' in html


def test_default_region_is_the_demo(client: TestClient) -> None:
    html = client.get("/").text
    assert re.search(r'<option value="DEMO" selected>', html)
    assert client.get("/overview.json").json()["region"]["code"] == "DEMO"


@pytest.mark.parametrize("path", PAGES)
def test_page_structure(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    html = r.text
    assert html.startswith("<!doctype html>")
    assert '<html lang="nl">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert BANNER_NL in html
    assert "kansrijk fetch" in html
    assert "kansrijk ingest" in html
    assert '<main id="main"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert "<nav " in html
    assert 'href="/atlas"' in html
    # every select and text input has a label
    labels = {a["for"] for a in tags(html, "label") if "for" in a}
    for field in tags(html, "select") + [a for a in tags(html, "input") if a.get("type") == "text"]:
        assert field.get("id") in labels, field
    assert 'id="region-select"' in html
    # a JSON twin is linked from the page (for the route list: the OpenAPI document)
    twin = next(a["href"] for a in tags(html, "link") if a.get("rel") == "alternate")
    body = client.get(twin).json()
    if path == "/api/docs":
        assert "paths" in body
    else:
        assert body["ok"] is True


@pytest.mark.parametrize("path", PAGES)
def test_no_external_requests(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for attrs in tags(html):
        for key in ("src", "href", "action", "srcset", "data"):
            url = attrs.get(key, "")
            external = url.startswith(("http://", "https://", "//"))
            if external:
                # only plain links to publishers' sites, never a script, style or image
                assert attrs["<tag>"] == "a", attrs
                assert key == "href", attrs
                assert "external" in attrs.get("rel", ""), attrs
    for attrs in tags(html, "script"):
        assert attrs.get("src", "/").startswith("/"), attrs
    for attrs in tags(html, "link"):
        assert attrs.get("href", "/").startswith("/"), attrs


def test_own_static_files_name_no_other_host(client: TestClient) -> None:
    for url in ("/static/css/kansrijk.css", "/static/js/charts.js", "/static/favicon.svg"):
        text = client.get(url).text
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text
        assert "@import" not in text
        assert "url(" not in text


def test_language_switch_keeps_path_and_query(client: TestClient) -> None:
    query = "region=GM9903&indicator=vmbo.no_tech_offer_share&sort=-value"
    html = client.get(f"/compare?{query}").text
    switch = next(a for a in tags(html, "a") if a.get("class") == "lang-switch")
    parts = urlsplit(switch["href"].replace("&amp;", "&"))
    assert parts.path == "/compare"
    assert parse_qs(parts.query) == {
        "region": ["GM9903"],
        "indicator": ["vmbo.no_tech_offer_share"],
        "sort": ["-value"],
        "lang": ["en"],
    }
    en = client.get(f"{parts.path}?{parts.query}")
    assert '<html lang="en">' in en.text
    assert BANNER_EN in en.text
    assert "Share of pupils at a location without a technical profile" in en.text
    assert en.cookies.get("lang") == "en" or client.cookies.get("lang") == "en"
    # remembered: the next page without ?lang is English too
    assert '<html lang="en">' in client.get("/data").text
    back = client.get("/data?lang=nl").text
    assert '<html lang="nl">' in back
    assert "Data en bronnen" in back


def test_region_selector_keeps_compare_parameters(client: TestClient) -> None:
    html = client.get("/compare?region=DEMO&indicator=vmbo.girls_in_tech_share&year=2022").text
    form = html[html.index('class="region-form') : html.index("</form>")]
    assert '<input type="hidden" name="indicator" value="vmbo.girls_in_tech_share">' in form
    assert '<input type="hidden" name="year" value="2022">' in form
    assert 'name="region"' in form
    assert "<button" in form


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_compare_table_csv_and_xlsx_hold_exactly_the_rows(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    query = "region=DEMO&indicator=vmbo.tech_choice_share&year=2023&sort=-value"
    view = client.get(f"/compare.json?{query}").json()
    gemeenten = ["GM9901", "GM9902", "GM9903", "GM9904"]
    expected = compute(ref_wh, ref_catalog, "vmbo.tech_choice_share", gemeenten, [2023])
    by_code = {r.region: r.value for r in expected.rows}
    values = [r["value"] for r in view["rows"]]
    assert values == sorted(values, reverse=True)
    assert {r["region"]: r["value"] for r in view["rows"]} == pytest.approx(by_code)
    assert view["total"]["value"] == pytest.approx(
        compute(ref_wh, ref_catalog, "vmbo.tech_choice_share", ["DEMO"], [2023]).value("DEMO", 2023)
    )
    rows = _csv_rows(client.get(f"/compare.csv?{query}").text)
    assert [r["region"] for r in rows] == [r["region"] for r in view["rows"]]
    assert [float(r["value"]) for r in rows] == pytest.approx(values)
    assert {r["kind"] for r in rows} == {"computed"}
    assert all(r["year"] == "2023" for r in rows)
    r = client.get(f"/compare.xlsx?{query}")  # for people: headers in the page's language
    assert r.headers["content-disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(r.content))["data"]
    cells = list(sheet.iter_rows(values_only=True))
    header = list(cells[0])
    assert [row[header.index("Regiocode")] for row in cells[1:]] == [x["region"] for x in rows]
    # the page shows the same rows in the same order
    html = client.get(f"/compare?{query}").text
    shown = re.findall(r"<td class=\"col-code\">(GM99\d\d)</td>", html)
    assert shown == [x["region"] for x in rows]


def _compare_table(html: str) -> str:
    """The compare table of a page (the page also has the trend's table)."""
    start = html.index('id="compare-table"')
    return html[start : html.index("</table>", start)]


def test_compare_sorting_without_js(client: TestClient) -> None:
    html = _compare_table(client.get("/compare?region=DEMO&sort=name").text)
    headers = [a for a in tags(html, "th") if a.get("scope") == "col"]
    assert [h.get("aria-sort") for h in headers][:1] == ["ascending"]
    names = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert names == sorted(names, key=str.lower)
    link = re.search(r'<a href="([^"]*sort=-name[^"]*)">', html)
    assert link is not None
    desc = _compare_table(client.get(link.group(1).replace("&amp;", "&")).text)
    assert re.findall(r'<th scope="row">([^<]+)</th>', desc) == names[::-1]
    assert 'aria-sort="descending"' in desc


def test_compare_breakdown_and_suppression(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    gemeenten = ["GM9901", "GM9902", "GM9903", "GM9904"]
    found = None
    for ind, by in (
        ("vmbo.girls_in_tech_share", "track"),
        ("vmbo.choice_share", "sex"),
        ("vmbo.choice_share", "track"),
    ):
        res = compute(ref_wh, ref_catalog, ind, gemeenten, [2024], [by])
        if any(r.suppressed for r in res.rows):
            found = (ind, by, res)
            break
    assert found is not None, "the demo masks small counts in 2024"
    ind, by, res = found
    view = client.get(f"/compare.json?region=DEMO&indicator={ind}&by={by}&year=2024").json()
    assert len(view["rows"]) == len(res.rows)
    sup = [r for r in view["rows"] if r["suppressed"]]
    assert sup
    assert all(r["value"] is None and r["display"] == "onderdrukt (1-4)" for r in sup)
    html = client.get(f"/compare?region=DEMO&indicator={ind}&by={by}&year=2024").text
    assert _compare_table(html).count(">onderdrukt (1-4)</td>") == len(sup)
    rows = _csv_rows(client.get(f"/compare.csv?region=DEMO&indicator={ind}&by={by}&year=2024").text)
    assert [r["suppressed"] == "True" for r in rows] == [r["suppressed"] for r in view["rows"]]
    assert all(r["value"] == "" for r in rows if r["suppressed"] == "True")


def test_compare_own_selection_and_distance_panels(client: TestClient) -> None:
    view = client.get("/compare.json?regions=GM9901,gm9904&indicator=vmbo.offer_share").json()
    assert view["own_selection"] is True
    assert {r["region"] for r in view["rows"]} == {"GM9901", "GM9904"}
    html = client.get("/compare?region=DEMO&indicator=access.distance_to_tech_offer").text
    assert html.count('data-chart="compare-chart-') == 3  # one chart per statistic


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/?region=NOWHERE", 404),
        ("/compare?region=DEMO&indicator=vmbo.nope", 404),
        ("/compare?region=DEMO&year=abc", 400),
        ("/compare?region=DEMO&by=nonsense", 400),
        ("/compare?region=DEMO&sort=shoe", 400),
        ("/compare?region=DEMO&indicator=flow.tech_mbo_rate", 400),
        ("/no-such-page", 404),
    ],
)
def test_error_pages_are_html_with_status(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert len(re.findall(r"<h1[ >]", r.text)) == 1
    assert BANNER_NL in r.text
    assert "Traceback" not in r.text


def test_data_page_lists_provenance(client: TestClient) -> None:
    data = client.get("/data.json").json()
    html = client.get("/data").text
    assert data["demo"] is True
    assert "Nu is alleen de fictieve demoregio geladen" in html
    for d in data["datasets"]:
        assert d["sha256"][:12] in html
    assert "CC0 1.0" in html
    assert "CC BY 4.0" in html
    assert "kansrijk fetch" in html
    assert "kansrijk ingest FILE..." in html


def test_data_page_gives_dataset_titles_in_the_page_language(client: TestClient) -> None:
    """/data lists each dataset by its Dutch title on the Dutch page and its English one on the
    English page (catalog.yaml: ``title`` and ``title_en``), never the other language's."""
    import yaml

    from kansrijk.sources import catalog as cat_mod

    raw = yaml.safe_load((Path(cat_mod.__file__).parent / "catalog.yaml").read_text("utf-8"))
    titles = {k: (v["title"], v["title_en"]) for k, v in raw["datasets"].items()}
    pages = {lang: unescape(client.get(f"/data?lang={lang}").text) for lang in ("nl", "en")}
    for name, (nl, en) in titles.items():
        assert nl != en, name
        assert f"{nl} (" in pages["nl"] and f"{en} (" not in pages["nl"], name
        assert f"{en} (" in pages["en"] and f"{nl} (" not in pages["en"], name
    assert "school locations with address" not in pages["nl"]
    assert "schoollocaties met adres en gemeente" in pages["nl"]
    doc = client.get("/data.json?lang=en").json()
    got = {d["dataset"]: d for s in doc["sources"] for d in s["datasets"]}
    assert {k: (d["title_nl"], d["title_en"]) for k, d in got.items()} == titles
    assert all(d["title"] == d["title_en"] for d in got.values())
