"""``/bereikbaarheid``: the access check as a page with its JSON twin, map and tables, on the
demo warehouse; figures checked against a plain computation over the PC4 rows."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from pyproj import Transformer

from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app

from .test_access_check import plain_rows

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(demo_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        warehouse=demo_path,
        regions_file=None,
        language="nl",
        allowed_hosts=("localhost", "127.0.0.1", "testserver"),
    )
    with TestClient(create_app(settings)) as c:
        yield c


def test_page_lists_areas_per_gemeente_with_a_map_and_its_table(
    client: TestClient, demo_wh: Warehouse
) -> None:
    query = "region=DEMO&location=zz0100&change=stop&profile=PIE&km=5"
    res = client.get(f"/bereikbaarheid?{query}")
    assert res.status_code == 200, res.text
    html = res.text
    # independent: PC4 areas within 5 km of a PIE location before, beyond it without ZZ0100
    pcs, offer = plain_rows(demo_wh)
    pts = np.array([(x, y) for _c, x, y in offer["PIE"]])
    rest = np.array([(x, y) for c, x, y in offer["PIE"] if c != "ZZ0100"])
    expect = {}
    for pc, _g, x, y, n in pcs:
        d0 = np.hypot(pts[:, 0] - x, pts[:, 1] - y).min() / 1000
        d1 = np.hypot(rest[:, 0] - x, rest[:, 1] - y).min() / 1000
        if d0 <= 5.0 < d1:
            expect[pc] = n
    assert expect
    shown = re.findall(r'<tr data-pc4="(\d+)" data-change="lose">', html)
    assert sorted(shown) == sorted(expect)
    total = f"{sum(expect.values()):,.0f}".replace(",", ".")
    assert f"{len(expect)} postcodegebieden met {total} kinderen" in html
    assert 'class="acc-gemeenten"' in html and "Havenstad (fictief)" in html
    spec = json.loads(
        unescape(re.search(r'id="acc-map-spec">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    )
    # the Leaflet map (map_spec): one orange cross a losing PC4 area at its centroid
    # (RD New -> WGS84 by pyproj here), sized by its children, on the base tiles
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert spec["tiles"]["url"] == Settings().tile_url
    to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    where = {pc: to_wgs84.transform(x, y) for pc, _g, x, y, _n in pcs}
    lose = layers["lose"]
    assert lose["kind"] == "symbols" and lose["focusable"] is False
    marks = {p[5].split(" ", 1)[0]: p for p in lose["points"]}
    assert sorted(marks) == sorted(expect)
    for pc, p in marks.items():
        assert (p[3], p[4]) == ("#D55E00", "x")
        assert p[0] == pytest.approx(where[pc][1], abs=2e-4)
        assert p[1] == pytest.approx(where[pc][0], abs=2e-4)
        assert f"{expect[pc]:,.0f}".replace(",", ".") + " kinderen 10-14" in p[5]
    by_size = sorted(marks, key=lambda pc: expect[pc])
    assert [marks[pc][2] for pc in by_size] == sorted(marks[pc][2] for pc in by_size)
    assert layers["gain"]["points"] == []
    (star,) = layers["location"]["points"]
    here = next((x, y) for c, x, y in offer["PIE"] if c == "ZZ0100")
    assert star[4] == "star" and star[0] == pytest.approx(to_wgs84.transform(*here)[1], abs=2e-4)
    (ring,) = layers["radius"]["points"]
    assert layers["radius"]["kind"] == "rings" and ring[2] == 5000.0
    others = [p[5] for p in layers["offer"]["points"]]
    assert others and not any("(ZZ0100)" in o for o in others)  # it no longer offers PIE
    (lat0, lon0), (lat1, lon1) = spec["bounds"]
    assert all(lat0 <= p[0] <= lat1 and lon0 <= p[1] <= lon1 for p in marks.values())
    assert spec["outline"] is not None and spec["places"]
    # the HTML legend: shape and words for each marker kind, the radius in words
    assert 'id="acc-map-legend"' in html and "5,0 km rond de locatie" in html
    assert "Verliest het profiel binnen de afstand" in html
    twin = client.get(f"/bereikbaarheid.json?{query}").json()
    assert {a["pc4"]: a["children"] for a in twin["check"]["areas"]} == expect
    assert twin["check"]["totals"]["children_lose_areas"] == sum(expect.values())


def test_regional_access_table_matches_a_plain_computation(
    client: TestClient, demo_wh: Warehouse
) -> None:
    doc = client.get("/bereikbaarheid.json?region=DEMO").json()
    assert doc["check"] is None
    pcs, offer = plain_rows(demo_wh)
    radius = 60 / 60 * 15 / 1.3
    rows = {r["profile"]: r for r in doc["access_table"]["rows"]}
    members = {str(g) for (g,) in demo_wh.query("SELECT DISTINCT gemeente_code FROM pc4_area")}
    for profile, row in rows.items():
        pts = np.array([(x, y) for _c, x, y in offer[profile]])
        mine = [(x, y, n) for _pc, g, x, y, n in pcs if g in members]
        within = sum(
            n for x, y, n in mine if np.hypot(pts[:, 0] - x, pts[:, 1] - y).min() / 1000 <= radius
        )
        assert row["within"] == pytest.approx(within)
    page = client.get("/bereikbaarheid?region=DEMO").text
    assert 'class="acc-table"' in page and "Kies een locatie" in page
    assert 'id="acc-map"' not in page


def test_bad_input_is_a_400(client: TestClient) -> None:
    res = client.get("/bereikbaarheid.json?region=DEMO&location=ZZ9999&change=stop&profile=PIE")
    # an unknown code is an unknown location (404), not "does not offer PIE; nothing to stop"
    assert res.status_code == 404 and "unknown location 'ZZ9999'" in res.json()["error"]
    res = client.get("/bereikbaarheid.json?region=DEMO&location=ZZ0100&km=abc")
    assert res.status_code == 400 and "expected a number" in res.json()["error"]
    res = client.get("/bereikbaarheid?region=DEMO&location=%3Cscript%3E")
    assert res.status_code == 400 and "<script>" not in res.text
    en = client.get("/bereikbaarheid?region=DEMO&location=ZZ0100&change=close&lang=en")
    assert en.status_code == 200


def test_year_is_honoured_or_refused_with_the_loaded_years(
    client: TestClient, demo_wh: Warehouse
) -> None:
    """``year=`` picks a loaded enrollment year (the offer of that year); an unloaded one is a
    400 naming the loaded years, on the page, its twin and the API route."""
    years = [int(y) for (y,) in demo_wh.query("SELECT DISTINCT year FROM vo_enrollment ORDER BY 1")]
    assert len(years) > 1
    listed = ", ".join(map(str, years))
    for url in (
        "/bereikbaarheid.json?region=DEMO&year=2000",
        "/api/v1/access-check?location=ZZ0100&change=close&year=2000",
    ):
        res = client.get(url)
        assert res.status_code == 400, url
        error = res.json()["error"]
        assert error == f"year: no vmbo enrollment loaded for 2000; loaded years: {listed}"
    res = client.get("/bereikbaarheid.json?region=DEMO&year=1800")
    assert res.status_code == 400 and "expected years between 1900 and 2100" in res.json()["error"]
    page = client.get("/bereikbaarheid?region=DEMO&year=2000")
    assert page.status_code == 400
    assert "2000" in unescape(page.text) and listed in unescape(page.text)
    assert client.get("/bereikbaarheid.json?region=DEMO").json()["year"] == years[-1]
    # the oldest year's offer: PIE locations that year, straight from SQL
    old = years[0]
    offer_old = {
        str(c)
        for (c,) in demo_wh.query(
            "SELECT DISTINCT loc_code FROM vo_enrollment WHERE year = ? AND profile = 'PIE' "
            "AND grade IN (3, 4) AND (count > 0 OR masked)",
            [old],
        )
    }
    doc = client.get(f"/bereikbaarheid.json?region=DEMO&year={old}").json()
    assert doc["year"] == old
    check = client.get(
        f"/bereikbaarheid.json?region=DEMO&year={old}&location=ZZ0100&change=stop&profile=PIE"
    )
    assert check.status_code == (200 if "ZZ0100" in offer_old else 400), check.text
    html = client.get(f"/bereikbaarheid?region=DEMO&year={old}&location=ZZ0100&change=close").text
    assert f'<input type="hidden" name="year" value="{old}">' in html


def test_downloads_hold_the_checks_tables(client: TestClient) -> None:
    query = "region=DEMO&location=ZZ0100&change=stop&profile=PIE&km=5"
    twin = client.get(f"/bereikbaarheid.json?{query}").json()
    areas = twin["check"]["areas"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/bereikbaarheid.csv?{query}").text)))
    assert [r["pc4"] for r in rows] == [a["pc4"] for a in areas]
    assert [float(r["children"]) for r in rows] == [a["children"] for a in areas]
    res = client.get(f"/bereikbaarheid.xlsx?{query}&lang=en")
    wb = openpyxl.load_workbook(io.BytesIO(res.content))
    assert wb.sheetnames == ["areas", "gemeenten", "access"]
    heads = [c.value for c in wb["areas"][1]]
    assert heads[:2] == ["PC4", "Municipality"] and "Km after" in heads
    assert wb["areas"].cell(2, heads.index("Km after") + 1).value == pytest.approx(
        areas[0]["km_after"]
    )
    access = twin["access_table"]["rows"]
    assert wb["access"].max_row == 1 + len(access)
    html = client.get(f"/bereikbaarheid?{query}&lang=nl").text
    assert '<th scope="col" class="num">Aandeel (%)</th>' in html
    share = f"{access[0]['share']:.1f}".replace(".", ",")
    assert f'<td class="num">{share}</td>' in html


def test_radius_bounds_come_from_the_domain(client: TestClient) -> None:
    res = client.get("/bereikbaarheid.json?region=DEMO&location=ZZ0100&change=close&minutes=301")
    assert res.status_code == 400
    assert "minutes: expected cycling minutes in (0, 300]" in res.json()["error"]
    nl = client.get("/bereikbaarheid?region=DEMO&location=ZZ0100&change=close&km=0&lang=nl")
    assert nl.status_code == 400 and "ten hoogste 100" in unescape(nl.text)
