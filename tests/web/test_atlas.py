"""The atlas page (/atlas) and its twins on the demo region: map container and layers, the
three table alternatives, the technical offer per location (checked against SQL), the PC4
distances (checked against the indicator engine), and a real-data check for MRDH."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from shapely.geometry import shape
from tests.web.conftest import TEST_HOSTS

from kansrijk.demo import regions_for
from kansrijk.indicators import compute
from kansrijk.regions import RegionCatalog
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, region_catalog
from kansrijk.web import create_app
from kansrijk.web.atlas_map import GEMEENTE_COLOURS

from .helpers import assert_envelope, tags

TECH_ICT = ("BWI", "PIE", "MT", "MAT", "MVI")
DEMO_GEMEENTEN = ("GM9901", "GM9902", "GM9903", "GM9904")

#: Technical profiles per location, straight from the warehouse: BB/KB/GL leerjaar 3-4 with
#: at least one pupil (or a masked '<5' cell), gemeente from the newest locations file.
_OFFER_SQL = """
WITH l AS (SELECT loc_code, arg_max(gemeente_code, year) AS gm FROM location GROUP BY loc_code),
e AS (SELECT loc_code, profile FROM vo_enrollment
      WHERE year = ? AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4)
      GROUP BY loc_code, profile HAVING sum(count) > 0 OR bool_or(masked))
SELECT e.loc_code, list(DISTINCT e.profile) FILTER (WHERE e.profile IN
       ('BWI', 'PIE', 'MT', 'MAT', 'MVI'))
FROM e JOIN l USING (loc_code) WHERE l.gm IN (SELECT unnest(?))
GROUP BY e.loc_code
"""


def _spec(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="atlas-spec">(.*?)</script>', html, re.S)
    assert m is not None
    spec: dict[str, Any] = json.loads(m.group(1))
    return spec


def _layer(spec: dict[str, Any], layer: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in spec["layers"] if x["id"] == layer)
    return found


def _visible(spec: dict[str, Any], layer: str) -> bool:
    return bool(_layer(spec, layer)["visible"])


def test_atlas_page_has_map_tables_and_labelled_checkboxes(client: TestClient) -> None:
    r = client.get("/atlas?region=DEMO")
    assert r.status_code == 200
    html = r.text
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Fictieve demoregio" in html
    # the map container, drawn by the atlas script from the embedded spec
    assert 'id="atlas-map"' in html
    assert 'data-map="atlas-spec"' in html
    scripts = [a["src"] for a in tags(html, "script") if "src" in a]
    for js in ("/static/vendor/leaflet/leaflet.js", "/static/js/map.js", "/static/js/atlas.js"):
        assert any(s.startswith(js + "?") for s in scripts), js
        assert client.get(js).status_code == 200
    assert all(s.startswith("/") for s in scripts)
    # three tables, each with a caption
    for cls, caption in (
        ("atlas-locations", "locations-caption"),
        ("atlas-gemeenten", "gemeenten-caption"),
        ("atlas-pc4", "pc4-caption"),
    ):
        assert f'<table class="{cls}">' in html
        m = re.search(rf'<caption id="{caption}">([^<]+)', html)
        assert m is not None and m.group(1).strip(), caption
    # layers: checkboxes with labels, in a GET form that works without JavaScript
    boxes = [a for a in tags(html, "input") if a.get("type") == "checkbox"]
    assert {b["name"] for b in boxes} == {"locations", "gemeenten", "pc4"}
    labels = {a["for"] for a in tags(html, "label") if "for" in a}
    for field in boxes + tags(html, "select"):
        assert field["id"] in labels, field
    form = next(a for a in tags(html, "form") if a.get("action") == "/atlas")
    assert form["method"] == "get"
    assert any(a.get("type") == "hidden" and a.get("name") == "layers" for a in tags(html, "input"))
    # the panel beside the map, and a link to each location page in the table
    assert 'id="atlas-panel"' in html
    assert 'href="/location/ZZ0100"' in html
    # the JSON twin is linked
    twin = next(a["href"] for a in tags(html, "link") if a.get("rel") == "alternate")
    assert twin.startswith("/atlas.json")


def test_atlas_requests_only_its_own_files_and_the_tile_server(client: TestClient) -> None:
    html = client.get("/atlas?region=DEMO").text
    for attrs in tags(html):
        for key in ("src", "href", "action"):
            assert not attrs.get(key, "").startswith(("http://", "https://", "//")), attrs
    spec = _spec(html)
    # the default base map: PDOK's BRT-Achtergrondkaart, EPSG:3857 tiles, with attribution
    assert spec["tiles"]["url"] == (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
    )
    assert "Kadaster" in spec["tiles"]["attribution"]
    # the CSP lets images come from that one origin, nothing else leaves the machine
    csp = client.get("/atlas?region=DEMO").headers["content-security-policy"]
    assert "img-src 'self' data: blob: https://service.pdok.nl;" in csp
    assert "connect-src 'self';" in csp and "script-src 'self';" in csp
    for js in ("/static/js/atlas.js", "/static/js/map.js"):
        text = client.get(js).text
        assert "http://" not in text and "https://" not in text
    # the vendored Leaflet comes with its licence
    lic = client.get("/static/vendor/leaflet/LICENSE")
    assert lic.status_code == 200 and "BSD 2-Clause" in lic.text
    # the offline fallback has place names: every gemeente's name at a point inside it
    names = {f["properties"]["name"]: shape(f["geometry"]) for f in spec["areas"]["features"]}
    assert sorted(p[0] for p in spec["places"]) == sorted(names)
    for name, lat, lon in spec["places"]:
        assert names[name].contains(shape({"type": "Point", "coordinates": [lon, lat]}))


def test_atlas_locations_offer_equals_sql(client: TestClient, ref_wh: Warehouse) -> None:
    view = client.get("/atlas.json?region=DEMO").json()
    year = view["year"]
    assert year == 2024
    expected = {
        code: sorted(p or []) for code, p in ref_wh.query(_OFFER_SQL, [year, list(DEMO_GEMEENTEN)])
    }
    got = {x["loc_code"]: sorted(x["tech_profiles"]) for x in view["locations"]}
    assert got == expected
    assert any(not v for v in got.values()), "the demo has locations without a technical offer"
    for x in view["locations"]:
        tech = set(x["tech_profiles"])
        assert x["tech_offer"] is bool(tech)
        has_t = bool(tech & {"BWI", "PIE", "MT", "MAT"})
        has_i = "MVI" in tech
        cat = "tech_ict" if has_t and has_i else "tech" if has_t else "ict" if has_i else "none"
        assert x["category"] == cat
        assert x["url"] == f"/location/{x['loc_code']}"
    counts = {c["code"]: c["count"] for c in view["categories"]}
    assert sum(counts.values()) == len(view["locations"])
    # the table says 'geen' for a location without a technical profile
    html = client.get("/atlas?region=DEMO").text
    none = next(x for x in view["locations"] if not x["tech_profiles"])
    row = re.search(rf'<tr data-loc="{none["loc_code"]}" data-tech="">(.*?)</tr>', html, re.S)
    assert row is not None
    assert "<td>geen</td>" in row.group(1)


def test_atlas_pupils_equal_sql(client: TestClient, ref_wh: Warehouse) -> None:
    view = client.get("/atlas.json?region=DEMO&year=2021").json()
    sums = dict(
        ref_wh.query(
            "SELECT loc_code, coalesce(sum(count), 0) FROM vo_enrollment WHERE year = 2021 "
            "AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) "
            "GROUP BY loc_code"
        )
    )
    assert view["year"] == 2021
    for x in view["locations"]:
        assert x["pupils"] == sums[x["loc_code"]]


@pytest.mark.parametrize("pset", [None, "techniek"])
def test_atlas_distances_equal_the_indicator(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog, pset: str | None
) -> None:
    url = "/atlas.json?region=DEMO" + (f"&set={pset}" if pset else "")
    view = client.get(url).json()
    year = view["year"]
    res = compute(
        ref_wh, ref_catalog, "access.distance_to_tech_offer", ["DEMO"], [year], None, pset
    )
    stats = {r.breakdown["statistic"]: r.value for r in res.rows}
    dist = view["distance"]
    assert dist["profile_set"] == (pset or "techniek_ict")
    assert dist["mean_km"] == pytest.approx(stats["mean_km"])
    assert dist["share_over_5km"] == pytest.approx(stats["share_over_5km"])
    # the per-PC4 list itself gives the same mean (population-weighted)
    pcs = dist["pc4"]
    total = sum(p["residents_10_14"] for p in pcs)
    assert total == pytest.approx(res.rows[0].denominator)
    mean = sum(p["km"] * p["residents_10_14"] for p in pcs) / total
    assert mean == pytest.approx(stats["mean_km"])
    # the table lists exactly the PC4 areas further than 5 km, furthest first
    far = [p for p in pcs if p["km"] > 5.0]
    assert sorted(p["pc4"] for p in dist["far"]) == sorted(p["pc4"] for p in far)
    kms = [p["km"] for p in dist["far"]]
    assert kms == sorted(kms, reverse=True)
    html = client.get(url.replace("/atlas.json", "/atlas")).text
    rows = re.findall(r'<tr data-pc4="(\d{4})">', html)
    assert rows == [p["pc4"] for p in dist["far"]]


def test_atlas_distances_for_a_gemeente_and_a_pc4_region(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    for code in ("GM9902", "DEMO-ZUID"):
        view = client.get(f"/atlas.json?region={code}").json()
        res = compute(ref_wh, ref_catalog, "access.distance_to_tech_offer", [code], [view["year"]])
        mean = next(r.value for r in res.rows if r.breakdown["statistic"] == "mean_km")
        assert view["distance"]["mean_km"] == pytest.approx(mean)
    zuid = client.get("/atlas.json?region=DEMO-ZUID").json()
    assert {p["pc4"] for p in zuid["distance"]["pc4"]} <= {"0101", "0102", "0103", "0104", "0105"}
    assert all(x["pc4"] in {"0101", "0102", "0103", "0104", "0105"} for x in zuid["locations"])


def test_atlas_gemeente_values_equal_compute(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    for indicator, pset in (
        ("vmbo.no_tech_offer_share", None),
        ("vmbo.tech_choice_share", "techniek_ict"),
    ):
        url = f"/atlas.json?region=DEMO&indicator={indicator}" + (f"&set={pset}" if pset else "")
        view = client.get(url).json()
        assert view["indicator"]["id"] == indicator
        res = compute(ref_wh, ref_catalog, indicator, list(DEMO_GEMEENTEN), [2024], None, pset)
        expected = {r.region: r.value for r in res.rows}
        got = {g["code"]: g["value"] for g in view["gemeenten"]}
        assert got.keys() == set(DEMO_GEMEENTEN)
        for code, value in got.items():
            assert value == pytest.approx(expected[code])
        whole = compute(ref_wh, ref_catalog, indicator, ["DEMO"], [2024], None, pset)
        assert view["region_value"]["value"] == pytest.approx(whole.rows[0].value)
        # the map colours the same values
        spec = _spec(client.get(url.replace("/atlas.json", "/atlas")).text)
        layer = _layer(spec, "gemeenten")
        assert set(layer["fill"]) == {c for c, v in got.items() if v is not None}
        # darker grey = higher value: the classes follow the values' order
        shade = {c: GEMEENTE_COLOURS.index(colour) for c, colour in layer["fill"].items()}
        for c1, c2 in itertools.permutations(layer["fill"], 2):
            if got[c1] < got[c2]:
                assert shade[c1] <= shade[c2], (c1, c2)


def test_atlas_geojson_is_small_clockwise_and_covers_the_region(client: TestClient) -> None:
    view = client.get("/atlas.json?region=DEMO").json()
    features = view["geojson"]["features"]
    assert sorted(f["id"] for f in features) == list(DEMO_GEMEENTEN)
    for f in features:
        geom = shape(f["geometry"])
        assert geom.is_valid
        ring = f["geometry"]["coordinates"][0]
        if f["geometry"]["type"] == "MultiPolygon":
            ring = ring[0]
        # clockwise exterior ring (d3-geo / plotly.js), i.e. negative shoelace area
        area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
        assert area2 < 0
    lon0, lat0, lon1, lat1 = view["bounds"]
    assert lon0 < lon1 and lat0 < lat1
    for x in view["locations"]:
        assert lon0 <= x["lon"] <= lon1 and lat0 <= x["lat"] <= lat1


def test_atlas_layers_follow_the_form(client: TestClient) -> None:
    spec = _spec(client.get("/atlas?region=DEMO").text)
    assert _visible(spec, "locations") and _visible(spec, "gemeenten")
    assert not _visible(spec, "pc4")
    html = client.get("/atlas?region=DEMO&layers=1&pc4=on").text
    spec = _spec(html)
    assert _visible(spec, "pc4")
    assert not _visible(spec, "locations") and not _visible(spec, "gemeenten")
    boxes = {a["name"]: "checked" in a for a in tags(html, "input") if a.get("type") == "checkbox"}
    assert boxes == {"locations": False, "gemeenten": False, "pc4": True}
    # the region selector carries the atlas parameters along
    hidden = {a["name"]: a["value"] for a in tags(html, "input") if a.get("type") == "hidden"}
    assert hidden.get("pc4") == "on"
    # every located school a marker; each offer category with its own shape and colour
    markers = _layer(spec, "locations")["points"]
    view = client.get("/atlas.json?region=DEMO").json()
    located = {x["loc_code"]: x for x in view["locations"] if x["lon"] is not None}
    assert sorted(m[6][0] for m in markers) == sorted(located)
    for lat, lon, size, colour, symbol, _title, data in markers:
        x = located[data[0]]
        assert (lat, lon) == (x["lat"], x["lon"])
        assert (colour, symbol) == (x["colour"], x["symbol"])
        assert 7 <= size <= 26
    assert len({(m[3], m[4]) for m in markers}) == len({x["category"] for x in located.values()})


def test_atlas_english(client: TestClient) -> None:
    html = client.get("/atlas?region=DEMO&lang=en").text
    assert '<html lang="en">' in html
    assert "School locations" in html
    assert "Fictional demo region" in html
    view = client.get("/atlas.json?region=DEMO&lang=en").json()
    assert view["indicator"]["label"].startswith("Share of pupils")
    assert {c["label"] for c in view["categories"]} >= {"no technical profile"}


def test_api_v1_atlas_is_the_same_document(client: TestClient) -> None:
    a = client.get("/atlas.json?region=GM9901").json()
    b = client.get("/api/v1/atlas?region=GM9901").json()
    assert a == b
    assert a["region"]["code"] == "GM9901"
    assert [g["code"] for g in a["gemeenten"]] == ["GM9901"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("indicator=vmbo.offer_share", 400),  # needs a profile: not one value per gemeente
        ("indicator=nonsense", 404),
        ("region=XX99", 404),
        ("year=1999", 400),
        ("year=abc", 400),
        ("set=nonsense", 400),
    ],
)
def test_atlas_errors(client: TestClient, query: str, status: int) -> None:
    body = assert_envelope(client.get(f"/atlas.json?{query}"), status)
    assert body["error"]
    assert_envelope(client.get(f"/api/v1/atlas?{query}"), status)
    page = client.get(f"/atlas?{query}")
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")


def test_atlas_is_cached(client: TestClient) -> None:
    state = client.app.state.web  # type: ignore[attr-defined]
    client.get("/atlas?region=GM9903")
    before = state.responses.hits
    client.get("/atlas?region=GM9903")
    assert state.responses.hits > before


# -- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_atlas_client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """A client on the session's real warehouse (skipped without ../shared/data)."""
    path: Path = request.getfixturevalue("real_warehouse_path")
    settings = Settings(warehouse=path, regions_file=None, language="nl", allowed_hosts=TEST_HOSTS)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.realdata
def test_real_mrdh_atlas_has_rotterdam_locations_without_tech(
    real_atlas_client: TestClient, real_warehouse_path: Path
) -> None:
    r = real_atlas_client.get("/atlas?region=MRDH")
    assert r.status_code == 200
    assert len(r.content) < 1_500_000
    view = real_atlas_client.get("/atlas.json?region=MRDH").json()
    assert view["region"]["code"] == "MRDH"
    assert len(view["geojson"]["features"]) == view["region"]["gemeenten"]
    rotterdam = [x for x in view["locations"] if x["gemeente_code"] == "GM0599"]
    assert rotterdam
    assert any(not x["tech_profiles"] for x in rotterdam)
    assert any(x["tech_profiles"] for x in rotterdam)
    settings = Settings(warehouse=real_warehouse_path, regions_file=None, allowed_hosts=TEST_HOSTS)
    with Warehouse(real_warehouse_path, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh, settings.regions_file))
        res = compute(wh, catalog, "access.distance_to_tech_offer", ["MRDH"], [view["year"]])
    mean = next(r.value for r in res.rows if r.breakdown["statistic"] == "mean_km")
    assert mean is not None and not math.isnan(mean)
    assert view["distance"]["mean_km"] == pytest.approx(mean)


def test_atlas_locations_table_as_csv_and_xlsx_equals_sql(
    client: TestClient, ref_wh: Warehouse
) -> None:
    """``/atlas.csv``: the locations table, one row per location of the region and year, its
    technical profiles and pupils straight from the source rows; the XLSX in English has the
    same rows under English headers; the twin, the API and the downloads share the query."""
    query = "region=DEMO&year=2021&pc4=on"
    html = client.get(f"/atlas?{query}").text
    escaped = query.replace("&", "&amp;")
    assert f'href="/atlas.csv?{escaped}"' in html
    assert f'href="/atlas.xlsx?{escaped}"' in html
    got = client.get(f"/atlas.csv?{query}")
    assert got.status_code == 200
    assert (
        got.headers["content-disposition"] == 'attachment; filename="kansrijk-atlas-DEMO-2021.csv"'
    )
    recs = list(csv.DictReader(io.StringIO(got.text)))
    offer = {
        str(code): sorted(p or [])
        for code, p in ref_wh.query(_OFFER_SQL, [2021, list(DEMO_GEMEENTEN)])
    }
    pupils = dict(
        ref_wh.query(
            "SELECT loc_code, coalesce(sum(count), 0) FROM vo_enrollment WHERE year = 2021 "
            "AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) "
            "GROUP BY loc_code"
        )
    )
    assert {r["loc_code"]: sorted(r["tech_profiles"].split()) for r in recs} == offer
    assert len(recs) == len(offer)
    for r in recs:
        assert int(r["pupils"]) == pupils[r["loc_code"]]
        assert r["gemeente_code"] in DEMO_GEMEENTEN
        assert set(r["tech_profiles"].split()) <= set(r["profiles"].split())
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/atlas.xlsx?{query}&lang=en").content), read_only=True
    )
    sheet = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert sheet[0][:6] == (
        "Location",
        "Name",
        "Municipality code",
        "Municipality",
        "PC4",
        "Pupils",
    )
    assert [row[0] for row in sheet[1:]] == [r["loc_code"] for r in recs]
    for suffix in (".csv", ".xlsx"):
        assert_envelope(client.get(f"/atlas{suffix}?year=1999"), 400)
        assert_envelope(client.get(f"/atlas{suffix}?region=XX99"), 404)


def test_atlas_chosen_additions_are_in_the_twin(client: TestClient) -> None:
    """``chosen=LOC:PROFILE,...`` (the optimiser's link) is a parameter of every form: the
    twin lists the chosen locations, a bad item is 400 on the page, the twin and the API."""
    view = client.get("/atlas.json?region=DEMO").json()
    assert view["chosen"] == []
    loc = next(x for x in view["locations"] if x["lon"] is not None)
    q = f"region=DEMO&chosen={loc['loc_code']}:PIE"
    chosen = client.get(f"/atlas.json?{q}").json()["chosen"]
    assert [(c["loc_code"], c["profile"], c["name"]) for c in chosen] == [
        (loc["loc_code"], "PIE", loc["name"])
    ]
    assert client.get(f"/api/v1/atlas?{q}").json()["chosen"] == chosen
    html = client.get(f"/atlas?{q}").text
    assert _layer(_spec(html), "chosen")["points"][0][:2] == [loc["lat"], loc["lon"]]
    for path in ("/atlas.json", "/api/v1/atlas"):
        body = assert_envelope(client.get(f"{path}?region=DEMO&chosen=nonsense"), 400)
        assert "LOCATION:PROFILE" in body["error"]
    assert client.get("/atlas?region=DEMO&chosen=nonsense").status_code == 400
