"""The web limits: request size, list caps, scenario size and work budget, the bounded
scenario workers (503 + Retry-After), allowed hosts, security headers on every response,
and no server paths in public JSON."""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import TEST_HOSTS
from tests.web.helpers import assert_envelope

from kansrijk.settings import Settings
from kansrijk.web import create_app
from kansrijk.web.headers import security_headers
from kansrijk.web.limits import LimitError, RunGate, work_of
from kansrijk.web.map_spec import tile_source
from kansrijk.web.scenario_runs import _results, warm_presets
from kansrijk.web.vendor import plotly_bundles

#: The headers of an app with the default settings: images also from the base-map tiles.
_TILES = tile_source(str(Settings.model_fields["tile_url"].default), "")
assert _TILES is not None
HEADERS = [(k.decode(), v.decode()) for k, v in security_headers((_TILES.origin,))]


def _adds(n: int) -> list[tuple[str, str]]:
    return [("add", f"ZZ{i:04d}:PIE") for i in range(n)]


# ---------------------------------------------------------------------- request size
def test_over_long_target_is_414_in_the_envelope(client: TestClient) -> None:
    r = client.get("/api/v1/regions?" + urlencode([("x", "a" * 5000)] * 4))
    body = assert_envelope(r, 414)
    assert "at most 16384" in body["error"]


def test_over_long_target_on_a_page_is_dutch(client: TestClient) -> None:
    r = client.get("/?" + urlencode([("x", "a" * 5000)] * 4))
    assert r.status_code == 414
    assert r.headers["content-type"].startswith("text/html")
    assert "Het adres is te lang" in r.text
    assert "hooguit 16384" in r.text


def test_list_parameters_are_capped(client: TestClient) -> None:
    regions = ",".join(["DEMO"] * 51)
    r = client.get(f"/api/v1/indicators/vmbo.offer_share?region={regions}")
    body = assert_envelope(r, 400)
    expected = "column 'region': Parameter 'region' names too many values: 51, at most 50."
    assert body["error"] == expected
    ok = client.get("/api/v1/indicators/vmbo.offer_share?region=" + ",".join(["DEMO"] * 50))
    assert ok.status_code == 200
    years = ",".join(str(2000 + i % 30) for i in range(60))
    assert_envelope(client.get(f"/compare.json?year={years}"), 400)
    basket = urlencode([("s", "preset:mrdh-pie")] * 51)
    assert_envelope(client.get(f"/api/v1/scenarios/compare?{basket}"), 400)


def test_over_long_value_is_400(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/regions?level=" + "x" * 8193), 400)
    assert "Parameter 'level' is too long: 8193 characters, at most 8192" in body["error"]


# ---------------------------------------------------------------------- scenario limits
def test_600_additions_are_refused_fast(client: TestClient) -> None:
    query = urlencode([*_adds(600), ("draws", "1000")])
    assert len(query) > 9000
    t0 = time.perf_counter()
    r = client.get("/api/v1/scenarios/run?" + query)
    api_s = time.perf_counter() - t0
    body = assert_envelope(r, 400)
    assert (
        "Too many changes in one scenario: 600 profiles to add or remove, at most 200"
        in (body["error"])
    )
    t0 = time.perf_counter()
    page = client.get("/scenarios/run?" + query)
    page_s = time.perf_counter() - t0
    assert page.status_code == 400
    assert "Te veel wijzigingen in één scenario: 600 profielen" in page.text
    assert api_s < 1.0
    assert page_s < 1.0


def test_draws_over_the_limit(client: TestClient) -> None:
    body = assert_envelope(client.get("/api/v1/scenarios/run?preset=mrdh-pie&draws=1000000"), 400)
    assert "from 0 to 1000, found '1000000'" in body["error"]


@pytest.fixture(scope="module")
def tight(demo_warehouse_path: Path) -> Iterator[TestClient]:
    """An app with a small work budget and one scenario worker."""
    settings = Settings(
        warehouse=demo_warehouse_path,
        regions_file=None,
        allowed_hosts=TEST_HOSTS,
        max_scenario_work=5000,
        scenario_workers=1,
        scenario_queue_seconds=0.2,
        scenario_timeout_seconds=30,
    )
    with TestClient(create_app(settings)) as c:
        yield c


def test_work_budget_says_how_many_draws_fit(tight: TestClient) -> None:
    n = tight.get("/api/v1/scenarios").json()["locations_total"]
    fit = 5000 // n - 1
    assert work_of(n, fit) <= 5000 < work_of(n, fit + 1)
    body = assert_envelope(tight.get("/api/v1/scenarios/run?preset=mrdh-pie&draws=1000"), 400)
    assert f"{n} locations with 1000 draws. Choose at most {fit} draws" in body["error"]
    assert body["errors"][0]["column"] == "draws"
    ok = tight.get(f"/api/v1/scenarios/run?preset=mrdh-pie&draws={fit}")
    assert ok.status_code == 200
    assert ok.json()["draws"] == fit
    page = tight.get("/scenarios/run?preset=mrdh-pie&draws=1000")
    assert page.status_code == 400
    assert f"Kies hooguit {fit} trekkingen" in page.text


def test_busy_workers_give_503_with_retry_after(tight: TestClient) -> None:
    gate: RunGate = tight.app.state.scenario_gate  # type: ignore[attr-defined]
    release = threading.Event()
    held = gate.submit(lambda: release.wait(10))  # the only worker is taken
    try:
        r = tight.get("/api/v1/scenarios/run?preset=mrdh-pie&draws=3")
        body = assert_envelope(r, 503)
        assert r.headers["retry-after"] == "1"
        assert "no worker was free after 0.2 s" in body["error"]
        for name, value in HEADERS:
            assert r.headers[name] == value
        page = tight.get("/scenarios/run?preset=mrdh-pie&draws=3")
        assert page.status_code == 503
        assert "Even geen plaats" in page.text
    finally:
        release.set()
        held.result(timeout=10)
    assert tight.get("/api/v1/scenarios/run?preset=mrdh-pie&draws=3").status_code == 200


def test_gate_timeout_finishes_in_the_background() -> None:
    gate = RunGate(workers=1, queue_seconds=1, timeout_seconds=0.1)
    done: list[int] = []

    def slow() -> int:
        time.sleep(0.4)
        done.append(1)
        return 1

    with pytest.raises(LimitError) as info:
        gate.run_sync(slow)
    assert info.value.status == 503
    assert info.value.retry_after == 1
    assert "took longer than 0.1 s" in str(info.value)
    time.sleep(0.6)
    assert done == [1]
    assert gate.run_sync(lambda: 7) == 7  # the worker is free again
    gate.shutdown()


def test_a_shut_gate_refuses_without_losing_its_slot() -> None:
    """After ``shutdown`` (the server stopping) a run is refused by the pool, and the slot it
    took is given back: the next refusal is the same, not a 503 for a full gate."""
    gate = RunGate(1, queue_seconds=0.1, timeout_seconds=5)
    gate.shutdown()
    assert gate.closed
    for _ in range(2):
        with pytest.raises(RuntimeError, match="after shutdown"):
            gate.run_sync(lambda: 1)
    assert gate.refused == 0


def test_warming_the_presets_stops_quietly_when_the_server_stops(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """``kansrijk serve`` stopped during the warm-up logged 'warming the preset ... failed:
    cannot schedule new futures after shutdown' for every preset left."""
    gate = RunGate(1, queue_seconds=0.1, timeout_seconds=5)
    gate.shutdown()
    with caplog.at_level(logging.WARNING, logger="kansrijk.web"):
        warm_presets(client.app.state.web, gate).join(timeout=30)  # type: ignore[attr-defined]
    assert [r.getMessage() for r in caplog.records if "warming" in r.getMessage()] == []


def test_repeated_runs_are_served_from_the_cache(client: TestClient) -> None:
    ctx_results = _results_of(client)
    first = client.get("/api/v1/scenarios/run?add=ZZ0500:PIE&draws=7")
    assert first.status_code == 200, first.text
    misses = ctx_results.misses
    # the same scenario written differently: case, spaces, a duplicate, an empty field
    again = client.get("/api/v1/scenarios/run?add=zz0500:pie&add=ZZ0500:PIE&guidance=&draws=7")
    assert again.status_code == 200
    assert ctx_results.misses == misses
    assert again.json() == first.json()


def _results_of(client: TestClient) -> object:
    class _Ctx:
        state = client.app.state.web  # type: ignore[attr-defined]

    return _results(_Ctx())  # type: ignore[arg-type]


# ---------------------------------------------------------------------- builder offers
def test_builder_offers_only_runnable_additions(client: TestClient) -> None:
    doc = client.get("/api/v1/scenarios").json()
    offered = [f"{loc['location']}:{p}" for loc in doc["locations"] for p in loc["can_add"]]
    assert offered
    for i in range(0, len(offered), 200):
        query = urlencode([("add", a) for a in offered[i : i + 200]] + [("draws", "0")])
        r = client.get("/api/v1/scenarios/run?" + query)
        assert r.status_code == 200, r.text
        assert r.json()["summary"]["additions"] == len(offered[i : i + 200])


# ---------------------------------------------------------------------- hosts, headers
def test_unknown_host_is_400(client: TestClient) -> None:
    r = client.get("/api/v1/regions", headers={"Host": "evil.example:8000"})
    body = assert_envelope(r, 400)
    assert "Unknown host 'evil.example:8000'" in body["error"]
    page = client.get("/", headers={"Host": "evil.example"})
    assert page.status_code == 400
    assert "Onbekende host 'evil.example'" in html.unescape(page.text)
    for name, value in HEADERS:
        assert page.headers[name] == value
    assert client.get("/api/v1/regions", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/v1/regions", headers={"Host": "[::1]:8000"}).status_code == 200


def test_any_host_with_star(demo_warehouse_path: Path) -> None:
    settings = Settings(warehouse=demo_warehouse_path, regions_file=None, allowed_hosts=("*",))
    with TestClient(create_app(settings)) as c:
        assert c.get("/api/v1/regions", headers={"Host": "kansrijk.example"}).status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/static/favicon.svg", 200),
        ("GET", plotly_bundles()["basic"].url, 200),
        ("GET", "/no-such-page", 404),
        ("GET", "/api/v1/nothing", 404),
        ("POST", "/api/v1/regions", 405),
        ("GET", "/api/v1/indicators/vmbo.offer_share?year=abc", 400),
        ("GET", "/api/openapi.json", 200),
    ],
)
def test_security_headers_on_every_response(
    client: TestClient, method: str, url: str, status: int
) -> None:
    r = client.request(method, url)
    assert r.status_code == status
    for name, value in HEADERS:
        assert r.headers[name] == value, (url, name)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_security_headers_on_500(demo_settings: Settings) -> None:
    app = create_app(demo_settings)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/boom")
    assert_envelope(r, 500)
    for name, value in HEADERS:
        assert r.headers[name] == value


def test_data_json_shows_no_server_path(client: TestClient, demo_warehouse_path: Path) -> None:
    r = client.get("/data.json")
    assert r.json()["warehouse"] == demo_warehouse_path.name
    assert str(demo_warehouse_path.parent) not in r.text
    assert str(demo_warehouse_path.parent) not in client.get("/data").text


def test_domain_bounds_live_on_the_models(client: TestClient) -> None:
    from pydantic import ValidationError

    from kansrijk.scenarios import AddProfile, GuidanceUplift, Scenario
    from kansrijk.scenarios.scenario import MAX_INTERVENTIONS

    adds = [AddProfile(location=f"ZZ{i:04d}", profile="PIE") for i in range(MAX_INTERVENTIONS)]
    Scenario(name="n", region="DEMO", interventions=tuple(adds))
    with pytest.raises(ValidationError, match="at most 1000 items"):
        Scenario(name="n", region="DEMO", interventions=(*adds, adds[0]))
    with pytest.raises(ValidationError, match="less than or equal to 10"):
        GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=10.5)
    with pytest.raises(ValidationError, match="less than or equal to 1000000000"):
        GuidanceUplift(region="DEMO", profile_set="techniek", odds_ratio=1.2, cost_per_year=2e9)
    # the builder takes these bounds from the models: the same values are refused, next to
    # their fields, and the bounds themselves are allowed
    query = "/api/v1/scenarios/run?region=DEMO&guidance={}&guidance_cost={}&flow={}&draws=0"
    body = assert_envelope(client.get(query.format("10.5", "2e9", "100.5")), 400)
    assert [e["column"] for e in body["errors"]] == ["guidance", "guidance_cost", "flow"]
    assert client.get(query.format("10", "1e9", "-100")).status_code == 200


def test_testclient_default_host_only_in_process(demo_warehouse_path: Path) -> None:
    """Other tests build apps with default settings and Starlette's TestClient (Host
    ``testserver``): allowed in process; over a socket the server's address is an IP."""
    from kansrijk.web.hosts import HostGuard

    settings = Settings(warehouse=demo_warehouse_path, regions_file=None)
    with TestClient(create_app(settings)) as c:
        assert c.get("/api/v1/regions").status_code == 200
        assert_envelope(c.get("/api/v1/regions", headers={"Host": "evil.example"}), 400)
    seen: list[int] = []

    async def app(scope: object, receive: object, send: object) -> None:
        seen.append(1)

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            seen.append(int(message["status"]))  # type: ignore[call-overload]

    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    guard = HostGuard(app, ("localhost",))
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/regions",
        "raw_path": b"/api/v1/regions",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "server": ("127.0.0.1", 8000),
        "app": create_app(settings),
    }

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # the main thread, where asyncio.run() would refuse to start another one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, guard(scope, receive, send)).result()  # type: ignore[arg-type]
    assert seen and seen[0] == 400  # over a socket, "testserver" is just another host
