"""The JSON API (/api/v1), the JSON twins, error envelopes and assets, on the demo region."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from kansrijk.demo import dataset_names
from kansrijk.indicators import INDICATORS, compute
from kansrijk.indicators.export import result_json
from kansrijk.regions import RegionCatalog
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse, status
from kansrijk.web import create_app

from .helpers import assert_envelope

GEMEENTEN = ["GM9901", "GM9902", "GM9903", "GM9904"]


def test_regions_list_and_level(client: TestClient) -> None:
    body = client.get("/api/v1/regions").json()
    assert body["ok"] is True
    codes = {r["code"] for r in body["regions"]}
    assert {"NL00", "DEMO", "DEMO-ZUID", *GEMEENTEN} <= codes
    gm = client.get("/api/v1/regions?level=gemeente").json()["regions"]
    assert [r["code"] for r in gm] == GEMEENTEN
    assert all(r["level"] == "gemeente" for r in gm)


def test_unknown_level_is_400(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/regions?level=planet"), 400)
    assert "planet" in body["error"]


def test_region_detail(client: TestClient) -> None:
    body = client.get("/api/v1/regions/demo").json()
    assert body["code"] == "DEMO"
    assert [g["code"] for g in body["gemeenten"]] == GEMEENTEN
    assert body["gemeenten"][0]["name"] == "Havenstad (fictief)"
    zuid = client.get("/api/v1/regions/DEMO-ZUID").json()
    assert zuid["by_postcode"] is True
    assert zuid["pc4"] == ["0101", "0102", "0103", "0104", "0105"]


def test_unknown_region_is_404_envelope(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/regions/NOWHERE"), 404)
    assert body["errors"][0]["type"] == "UnknownRegionError"
    assert_envelope(client.get("/api/v1/indicators/vmbo.offer_share?region=NOWHERE"), 404)
    assert_envelope(client.get("/api/v1/locations?region=NOWHERE"), 404)


def test_indicator_list(client: TestClient) -> None:
    body = client.get("/api/v1/indicators").json()
    assert [i["id"] for i in body["indicators"]] == [i.id for i in INDICATORS]
    first = body["indicators"][0]
    assert first["label_nl"] == INDICATORS[0].label_nl
    assert first["label_en"] == INDICATORS[0].label_en


def test_indicator_equals_cli_json(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    url = "/api/v1/indicators/vmbo.choice_share?region=DEMO,GM9901&year=2023,2024&by=track"
    body = client.get(url).json()
    expected = result_json(
        compute(
            ref_wh, ref_catalog, "vmbo.choice_share", ["DEMO", "GM9901"], [2023, 2024], ["track"]
        )
    )
    assert body == json.loads(json.dumps(expected))
    assert body["rows"], "the demo has pupils in 2023-2024"


def test_indicator_set_and_default_region(client: TestClient) -> None:
    body = client.get("/api/v1/indicators/vmbo.tech_choice_share?set=techniek_ict").json()
    assert body["profile_set"] == "techniek_ict"
    assert body["regions"] == ["NL00"]  # like the CLI's default


def test_unknown_indicator_is_404_envelope(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/indicators/vmbo.nope?region=DEMO"), 404)
    assert body["errors"][0]["type"] == "UnknownIndicatorError"


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=2020,x", "by=nonsense", "set=nonsense", "year=99999"],
)
def test_malformed_query_is_400_envelope(client: TestClient, query: str) -> None:
    body = assert_envelope(
        client.get(f"/api/v1/indicators/vmbo.tech_choice_share?region=DEMO&{query}"), 400
    )
    assert body["errors"][0]["type"] in {"InputError", "UnknownCodeError"}


def test_locations_of_demo(client: TestClient, ref_wh: Warehouse) -> None:
    body = client.get("/api/v1/locations?region=DEMO&year=2024").json()
    assert body["year"] == 2024
    enrol = {s.year: s for s in status(ref_wh) if s.dataset == "demo_vo_enrollment"}
    assert body["count"] == enrol[2024].locations == len(body["locations"])
    tech = {"BWI", "PIE", "MT", "MAT", "MVI"}
    for loc in body["locations"]:
        assert loc["name"]
        assert loc["gemeente_code"] in GEMEENTEN
        assert isinstance(loc["lon"], float)
        assert isinstance(loc["lat"], float)
        assert loc["tech_offer"] is bool(tech & set(loc["profiles"]))
        assert loc["pupils"] == sum(loc["pupils_by_profile"].values())
    assert any(not loc["tech_offer"] for loc in body["locations"])
    # the default year is the newest and the default region the demo region
    assert client.get("/api/v1/locations").json()["year"] == 2024
    zuid = client.get("/api/v1/locations?region=DEMO-ZUID").json()
    assert 0 < zuid["count"] < body["count"]
    assert all(loc["pc4"] in {"0101", "0102", "0103", "0104", "0105"} for loc in zuid["locations"])


def test_location_detail(client: TestClient) -> None:
    first = client.get("/api/v1/locations?region=DEMO").json()["locations"][0]
    body = client.get(f"/api/v1/locations/{first['loc_code'].lower()}").json()
    assert body["loc_code"] == first["loc_code"]
    assert body["year"] == 2024
    assert body["years"][-1] == 2024
    assert "DEMO" in body["regions"]
    assert {h["year"] for h in body["history"]} == set(body["years"])


def test_unknown_location_is_404(client: TestClient) -> None:
    assert_envelope(client.get("/api/v1/locations/XX9900"), 404)
    assert_envelope(client.get("/api/v1/locations/ZZ0100?year=abc"), 400)


def test_provenance(client: TestClient) -> None:
    body = client.get("/api/v1/provenance").json()
    assert body["demo"] is True
    assert body["real"] is False
    assert {d["dataset"] for d in body["datasets"]} == set(dataset_names())
    assert all(d["fictional"] for d in body["datasets"])


def test_unknown_route_is_404_envelope(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/nothing-here"), 404)
    assert body["errors"][0]["type"] == "HTTPException"


def test_json_twins(client: TestClient) -> None:
    for url in ("/overview.json?region=DEMO", "/compare.json?region=DEMO", "/data.json"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.json()["ok"] is True
    assert_envelope(client.get("/overview.json?region=NOWHERE"), 404)
    assert_envelope(client.get("/compare.json?region=DEMO&year=abc"), 400)
    assert_envelope(client.get("/compare.csv?region=DEMO&indicator=nope"), 404)


def test_openapi_and_docs_list_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    expected = {
        "/api/v1/regions",
        "/api/v1/regions/{code}",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/locations",
        "/api/v1/locations/{loc_code}",
        "/api/v1/provenance",
        "/overview.json",
        "/compare.json",
        "/compare.csv",
        "/compare.xlsx",
        "/data.json",
    }
    assert expected <= paths
    docs = client.get("/api/docs").text
    for path in expected:
        assert f"<code>{path}</code>" in docs
    # FastAPI's CDN-backed pages are off
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_plotly_is_served_from_this_server(client: TestClient) -> None:
    """The charts' bundle (partial when installed by ``make plotly``), uncompressed when the
    client asks for no encoding; tests/web/test_first_visit.py checks the gzip path."""
    bundle = client.app.state.plotly["basic"]  # type: ignore[attr-defined]
    r = client.get(bundle.url, headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert "content-encoding" not in r.headers
    assert r.content == bundle.path.read_bytes()


def test_security_headers(client: TestClient) -> None:
    csp = client.get("/api/v1/indicators").headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp


def test_caches_serve_repeated_reads(client: TestClient) -> None:
    state = client.app.state.web  # type: ignore[attr-defined]
    url = "/api/v1/indicators/vmbo.offer_share?region=GM9902&year=2022&by=profile"
    misses = state.results.misses
    first = client.get(url).json()
    assert state.results.misses == misses + 1  # computed once ...
    hits = state.responses.hits
    assert client.get(url).json() == first
    assert state.responses.hits == hits + 1  # ... and served from the response cache
    assert state.results.misses == misses + 1
    # the same indicator cell asked for through another route reuses the computed result
    client.get("/api/v1/indicators/vmbo.offer_share?region=gm9902&year=2022&by=profile")
    assert state.results.misses == misses + 1


def test_concurrent_requests_use_their_own_cursor(client: TestClient) -> None:
    urls = [
        f"/api/v1/indicators/vmbo.girls_in_tech_share?region={g}&year={y}"
        for g in GEMEENTEN
        for y in (2019, 2020, 2021, 2022, 2023)
    ]
    serial = {u: client.get(u).json() for u in urls}
    client.app.state.web.results.clear()  # type: ignore[attr-defined]
    client.app.state.web.responses.clear()  # type: ignore[attr-defined]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda u: (u, client.get(u).json()), urls * 2))
    assert all(body == serial[u] for u, body in parallel)


def test_server_error_is_500_envelope_without_trace(demo_settings: Settings) -> None:
    app = create_app(demo_settings)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    @app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/boom")
        body = assert_envelope(r, 500)
        assert "secret" not in r.text
        assert body["errors"][0]["type"] == "InternalServerError"
        page = c.get("/boom")
        assert page.status_code == 500
        assert page.headers["content-type"].startswith("text/html")
        assert "secret" not in page.text
        assert "Traceback" not in page.text
