"""The mbo indicators through the API and the compare page on the demo."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_mbo_indicator_api_has_rows_and_the_demo_target(client: TestClient) -> None:
    url = "/api/v1/indicators/mbo.tech_ict_inflow_share?region=DEMO,DEMO-ZUID&year=2024"
    r = client.get(url)
    assert r.status_code == 200, r.text
    body = r.json()
    rows = [x for x in body["rows"] if x["kind"] == "computed"]
    assert {x["region"] for x in rows} == {"DEMO", "DEMO-ZUID"}
    assert all(0 < x["value"] < 100 for x in rows)
    targets = [x for x in body["rows"] if x["kind"] == "target"]
    assert {(x["region"], x["value"]) for x in targets} == {("DEMO", 40), ("DEMO-ZUID", 40)}


def test_compare_page_for_an_mbo_indicator(client: TestClient) -> None:
    r = client.get("/compare.json?indicator=mbo.nprz_tech_port_graduate_share&region=DEMO")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["year"] == 2024  # the newest year of the graduates table
    assert sorted(x["region"] for x in body["rows"]) == ["GM9901", "GM9902", "GM9903", "GM9904"]
    assert body["total"]["region"] == "DEMO" and 0 < body["total"]["value"] < 100
    assert client.get("/compare?indicator=mbo.girls_in_tech_share&region=DEMO").status_code == 200
    r = client.get("/compare.json?indicator=access.distance_to_tech_mbo&region=DEMO")
    assert r.status_code == 200, r.text
