"""The web app on the real DUO/CBS/PDOK files in ../shared/data (skipped when absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import TEST_HOSTS

from kansrijk.demo import regions_for
from kansrijk.indicators import compute
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, region_catalog
from kansrijk.web import create_app

pytestmark = pytest.mark.realdata

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def real_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings on the session's warehouse with all real files ingested once
    (``real_warehouse_path`` of tests/conftest.py, made with kansrijk.warehouse.ingest)."""
    if not SHARED_DATA.exists():
        pytest.skip(f"real data not found at {SHARED_DATA}")
    path: Path = request.getfixturevalue("real_warehouse_path")
    return Settings(warehouse=path, regions_file=None, language="nl", allowed_hosts=TEST_HOSTS)


@pytest.fixture(scope="module")
def real_client(real_settings: Settings) -> Iterator[TestClient]:
    """A client on the real warehouse."""
    with TestClient(create_app(real_settings)) as c:
        yield c


def test_overview_mrdh_equals_compute(real_client: TestClient, real_settings: Settings) -> None:
    view = real_client.get("/overview.json").json()
    assert view["region"]["code"] == "MRDH"  # the default with real data
    year = view["year"]
    tile = view["tiles"][0]
    assert tile["indicator"] == "vmbo.tech_choice_share"
    assert tile["profile_set"] == "techniek"
    with Warehouse(real_settings.warehouse, read_only=True) as wh:
        catalog = region_catalog(wh, regions_for(wh, real_settings.regions_file))
        expected = compute(wh, catalog, "vmbo.tech_choice_share", ["MRDH"], [year])
    value = expected.value("MRDH", year)
    assert value is not None
    assert tile["value"] == pytest.approx(value)
    # the published figure sits beside it, labelled as published
    pub = [p for p in tile["published"] if p["year"] == 2021 and p["profile_set"] == "techniek"]
    assert pub
    assert pub[0]["value"] == 15.2
    assert pub[0]["label"] == "gepubliceerd (SEOR 2026, 2021)"
    html = real_client.get("/?region=MRDH").text
    assert f"{value:.1f}".replace(".", ",") + "%" in html
    assert "gepubliceerd (SEOR 2026, 2021)" in html
    assert "Fictieve demoregio" not in html
    assert '<option value="MRDH" selected>' in html


def test_compare_and_locations_mrdh(real_client: TestClient) -> None:
    view = real_client.get("/compare.json?region=MRDH").json()
    with_values = {r["region"] for r in view["rows"]}
    without = {m["region"] for m in view["missing"]}  # gemeenten without vmbo BB/KB/GL
    assert len(with_values | without) == 21
    assert not with_values & without
    assert len(with_values) > 10
    locs = real_client.get("/api/v1/locations?region=MRDH").json()
    assert locs["count"] > 50
    placed = [x for x in locs["locations"] if x["lon"] is not None]
    assert len(placed) >= 0.9 * locs["count"]
    assert all(3.5 < x["lon"] < 5.0 and 51.6 < x["lat"] < 52.3 for x in placed)
    assert any(not x["tech_offer"] for x in locs["locations"])
    for page in ("/", "/compare?region=GM0599", "/data"):
        r = real_client.get(page)
        assert r.status_code == 200
        assert "Fictieve demoregio" not in r.text


def test_builder_offers_only_what_the_runner_accepts(real_client: TestClient) -> None:
    """MRDH 2019: location 14YD09 has vmbo pupils in leerjaar 3-4 but none in a BB/KB/GL
    profile; the builder offered additions there, which the runner refused."""
    from urllib.parse import urlencode

    doc = real_client.get("/api/v1/scenarios?region=MRDH").json()
    by_code = {loc["location"]: loc for loc in doc["locations"]}
    assert by_code["14YD09"]["can_add"] == []
    offered = [f"{loc['location']}:{p}" for loc in doc["locations"] for p in loc["can_add"]]
    assert len(offered) > 200
    for i in range(0, len(offered), 200):
        part = offered[i : i + 200]
        query = urlencode([("region", "MRDH"), *[("add", a) for a in part], ("draws", "0")])
        r = real_client.get("/api/v1/scenarios/run?" + query)
        assert r.status_code == 200, r.text[:500]
        assert r.json()["summary"]["additions"] == len(part)
    refused = real_client.get("/api/v1/scenarios/run?region=MRDH&add=14YD09:PIE&draws=0")
    assert refused.status_code == 400
    assert "14YD09: PIE cannot be added here" in refused.json()["error"]


def test_exam_break_at_2018_19_in_api_and_chart(real_client: TestClient) -> None:
    """The vmbo-tech exam series of MRDH carries the TL break at 2018-19: in the overview's
    JSON twin (point field ``break``, no change across it), in the chart (a gap and a dashed
    line half a year before) and in the indicator API rows."""
    view = real_client.get("/overview.json?region=MRDH").json()
    trend = {t["indicator"]: t for t in view["trends"]}["exams.vmbo_tech_share"]
    points = {p["year"]: p for p in trend["series"][0]["points"]}
    assert points[2018]["break"]["ids"] == ["tl_exam_sector"]
    assert points[2018]["change"] is None and points[2017]["break"] is None
    line = trend["chart"]["data"][0]
    assert line["y"][line["x"].index(2017.5)] is None
    assert 2017.5 in [s["x0"] for s in trend["chart"]["layout"]["shapes"]]
    doc = real_client.get(
        "/api/v1/indicators/exams.vmbo_tech_share?region=MRDH&year=2017,2018"
    ).json()
    marks = {r["year"]: r["break"] for r in doc["rows"] if r["kind"] == "computed"}
    assert marks == {2017: "", 2018: "tl_exam_sector"}
    html = real_client.get("/?region=MRDH").text
    assert 'data-break="tl_exam_sector" data-year="2018"' in html


def test_trend_shows_published_figures_beside_computed(real_client: TestClient) -> None:
    """SEOR's published MRDH technical share (2021) is a marker and a line beside the trend,
    never a point of the computed series."""
    view = real_client.get("/overview.json?region=MRDH").json()
    trend = {t["indicator"]: t for t in view["enrollment_trends"]}["vmbo.tech_choice_share"]
    seor = [p for p in trend["published"] if p["source"].startswith("SEOR")]
    assert [(p["year"], p["value"]) for p in seor] == [(2021, 15.2)]
    assert 2021 not in [p["year"] for p in trend["series"][0]["points"]]
    marker = next(d for d in trend["chart"]["data"] if d["name"] == "gepubliceerd (SEOR 2026)")
    assert marker["mode"] == "markers" and marker["x"] == [2021] and marker["y"] == [15.2]
