"""First visits: compressed responses with their Vary and caching headers, the partial
plotly.js bundles (pre-compressed; every trace type the pages draw is in the bundle they
load) and the start-up warming of every region's overview."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import TEST_HOSTS, TestClient

from kansrijk.settings import Settings
from kansrijk.web import create_app
from kansrijk.web.vendor import BUNDLE_TRACES, accepts_gzip, plotly_bundles

GZIP = {"Accept-Encoding": "gzip"}
#: Pages with charts (the basic bundle), on the demo.
CHART_PAGES = (
    "/?region=DEMO",
    "/compare?region=DEMO",
    "/location/ZZ0100",
    "/scenarios/run?region=DEMO&add=ZZ0800:PIE&draws=0",
)
#: Pages whose maps are Leaflet (static/js/map.js), not plotly: they load no plotly bundle.
MAP_PAGES = ("/atlas?region=DEMO",)


def _raw(client: TestClient, url: str, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
    """Headers and the body as sent (not decoded)."""
    with client.stream("GET", url, headers=headers) as r:
        assert r.status_code == 200, url
        return dict(r.headers), b"".join(r.iter_raw())


def test_pages_and_json_are_gzipped_when_accepted(client: TestClient) -> None:
    for url in ("/?region=DEMO", "/overview.json?region=DEMO", "/static/css/kansrijk.css"):
        plain_headers, plain = _raw(client, url, {"Accept-Encoding": "identity"})
        headers, body = _raw(client, url, GZIP)
        assert "content-encoding" not in plain_headers
        assert headers["content-encoding"] == "gzip", url
        assert gzip.decompress(body) == plain
        assert len(body) < len(plain) / 3
        assert "accept-encoding" in headers["vary"].lower()


def test_caching_headers(client: TestClient) -> None:
    page = client.get("/?region=DEMO", headers=GZIP).headers
    assert page["cache-control"] == "no-cache"
    assert {v.strip().lower() for v in page["vary"].split(",")} >= {"accept-encoding", "cookie"}
    static = client.get("/static/css/kansrijk.css").headers
    assert static["cache-control"] == "public, max-age=86400"
    assert "etag" in static


def test_downloads_that_are_compressed_already_are_sent_as_they_are(client: TestClient) -> None:
    headers, body = _raw(client, "/compare.xlsx?region=DEMO", GZIP)
    assert "content-encoding" not in headers
    assert body[:2] == b"PK"  # a zip (XLSX), untouched


def test_plotly_bundle_is_sent_precompressed_and_kept_a_year(client: TestClient) -> None:
    assert set(client.app.state.plotly) == {"basic"}  # type: ignore[attr-defined]
    bundle = client.app.state.plotly["basic"]  # type: ignore[attr-defined]
    headers, body = _raw(client, bundle.url, GZIP)
    assert headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == bundle.path.read_bytes()
    assert bundle.gzipped() is bundle.gzipped()  # made or read once


@pytest.mark.skipif(
    not plotly_bundles()["basic"].partial, reason="partial plotly.js bundles not installed"
)
def test_partial_bundles_hold_the_trace_types_they_promise() -> None:
    for kind, traces in BUNDLE_TRACES.items():
        text = plotly_bundles()[kind].path.read_text(encoding="utf-8")
        found = set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))
        assert found == set(traces), kind
        assert len(text) < 1_500_000


def _trace_types(html: str) -> set[str]:
    specs = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    types: set[str] = set()
    for spec in specs:
        doc = json.loads(spec)
        for trace in doc.get("data", []) if isinstance(doc, dict) else []:
            types.add(trace.get("type", "scatter"))
    return types


def test_every_trace_type_drawn_is_in_the_bundle_the_page_loads(client: TestClient) -> None:
    bundles = client.app.state.plotly  # type: ignore[attr-defined]
    for url in CHART_PAGES:
        html = client.get(url).text
        assert f'src="{bundles["basic"].url}"' in html, url
        types = _trace_types(html)
        assert types, url
        assert types <= BUNDLE_TRACES["basic"], (url, types)
    for url in MAP_PAGES:
        html = client.get(url).text
        assert "/vendor/plotly" not in html, url
        assert "/static/vendor/leaflet/leaflet.js" in html, url


def test_accepts_gzip() -> None:
    assert accepts_gzip("gzip, deflate, br")
    assert accepts_gzip("br;q=1.0, gzip;q=0.8")
    assert accepts_gzip("*")
    assert not accepts_gzip("")
    assert not accepts_gzip("identity")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("*, gzip;q=0")


def test_whole_bundle_when_partial_ones_are_missing(tmp_path: Path) -> None:
    bundles = plotly_bundles(tmp_path)
    assert not bundles["basic"].partial
    assert bundles["basic"].path.name == "plotly.min.js"
    assert gzip.decompress(bundles["basic"].gzipped()) == bundles["basic"].path.read_bytes()


def test_startup_warming_computes_every_regions_overview(demo_warehouse_path: Path) -> None:
    settings = Settings(
        warehouse=demo_warehouse_path, regions_file=None, language="nl", allowed_hosts=TEST_HOSTS
    )
    with TestClient(create_app(settings, warm=True)) as c:
        warming = c.app.state.warming  # type: ignore[attr-defined]
        assert c.get("/api/v1/regions").status_code == 200  # serving while it warms
        assert warming.done.wait(120)
        assert warming.error is None
        state = c.app.state.web  # type: ignore[attr-defined]
        assert warming.regions == len(state.batch_regions) >= 10
        computed = state.results.misses
        for code in state.batch_regions:
            assert c.get("/", params={"region": code}).status_code == 200
        assert state.results.misses == computed  # nothing left to compute
