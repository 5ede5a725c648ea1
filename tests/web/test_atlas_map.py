"""The atlas map's base and outline: the tile setting (default PDOK, empty = own layers only,
malformed = a clear error), the CSP widened for the tile origin only, the outline of a
region of gemeenten (their boundaries dissolved) and of a PC4 region (approximated from
PC4 centroids), checked with shapely against the warehouse's own boundaries and centroids."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from tests.web.conftest import TEST_HOSTS
from typer.testing import CliRunner

from kansrijk.cli import app as cli_app
from kansrijk.errors import InputError
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app
from kansrijk.web.atlas_map import legend
from kansrijk.web.map_spec import tile_source

DEMO_GEMEENTEN = ("GM9901", "GM9902", "GM9903", "GM9904")
ZUID_PC4 = ("0101", "0102", "0103", "0104", "0105")


def _spec(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="atlas-spec">(.*?)</script>', html, re.S)
    assert m is not None
    spec: dict[str, Any] = json.loads(m.group(1))
    return spec


def _boundaries(wh: Warehouse, codes: tuple[str, ...]) -> Any:
    rows = wh.query(
        "SELECT geojson FROM geometry WHERE area_level = 'gemeente' AND area_code IN "
        f"({', '.join('?' * len(codes))})",
        list(codes),
    )
    return unary_union([shape(json.loads(t)) for (t,) in rows])


def test_tile_source_accepts_xyz_urls_and_names_the_setting_otherwise() -> None:
    src = tile_source("https://tiles.example.nl:8443/a/{z}/{x}/{y}.png", " © Example ")
    assert src is not None
    assert src.origin == "https://tiles.example.nl:8443"
    assert src.attribution == "© Example"
    assert tile_source("  ", "x") is None
    for bad in (
        "ftp://tiles.example.nl/{z}/{x}/{y}.png",
        "https://tiles.example.nl/{z}/{x}.png",
        "tiles.example.nl/{z}/{x}/{y}.png",
        "https://tiles.example.nl/{z}/{x}/{y}.png' ; script-src *",
    ):
        with pytest.raises(InputError) as err:
            tile_source(bad, "")
        assert "tile_url (KANSRIJK_TILE_URL)" in str(err.value)
        assert repr(bad) in str(err.value)


def test_legend_classes() -> None:
    rows = legend((1.0, 2.0), ("#a", "#b", "#c"), lambda v: f"{v:g} km")
    assert rows == [
        {"colour": "#a", "label": "0 km – 1 km"},
        {"colour": "#b", "label": "1 km – 2 km"},
        {"colour": "#c", "label": "> 2 km"},
    ]


def test_empty_tile_url_means_own_layers_and_the_strict_csp(demo_settings: Settings) -> None:
    settings = demo_settings.model_copy(update={"tile_url": ""})
    with TestClient(create_app(settings)) as c:
        r = c.get("/atlas?region=DEMO")
        assert r.status_code == 200
        assert _spec(r.text)["tiles"] is None
        assert "img-src 'self' data: blob:;" in r.headers["content-security-policy"]


def test_custom_tile_server_is_the_one_extra_image_origin(demo_settings: Settings) -> None:
    url = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    settings = demo_settings.model_copy(
        update={"tile_url": url, "tile_attribution": "Tegels <b>test</b>"}
    )
    with TestClient(create_app(settings)) as c:
        r = c.get("/atlas?region=DEMO")
        csp = r.headers["content-security-policy"]
        assert "img-src 'self' data: blob: http://127.0.0.1:9;" in csp
        assert "service.pdok.nl" not in csp
        tiles = _spec(r.text)["tiles"]
        assert tiles["url"] == url
        assert tiles["attribution"] == "Tegels &lt;b&gt;test&lt;/b&gt;"  # Leaflet sets HTML
        # every response carries the same policy, JSON included
        assert c.get("/atlas.json?region=DEMO").headers["content-security-policy"] == csp


def test_malformed_tile_url_stops_the_app_with_a_message() -> None:
    settings = Settings(tile_url="https://x.example/{z}.png", allowed_hosts=TEST_HOSTS)
    with pytest.raises(InputError, match=r"tile_url \(KANSRIJK_TILE_URL\): expected"):
        create_app(settings)


def test_serve_refuses_a_malformed_tile_url_with_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["serve", "--warehouse", str(tmp_path / "none.duckdb"), "--port", "1"],
        env={"KANSRIJK_TILE_URL": "ftp://tiles.example/{z}/{x}/{y}.png"},
    )
    assert result.exit_code == 2
    assert "tile_url (KANSRIJK_TILE_URL): expected an http(s) URL" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.duckdb").exists()  # refused before any work


def test_outline_of_a_region_of_gemeenten_is_their_union(
    client: TestClient, ref_wh: Warehouse
) -> None:
    view = client.get("/atlas.json?region=DEMO").json()
    outline = view["outline"]
    assert outline["approximate"] is False
    drawn = shape(outline)
    truth = _boundaries(ref_wh, DEMO_GEMEENTEN)
    # simplified by 1/2000 of the extent: the areas agree within 1 %
    assert drawn.area == pytest.approx(truth.area, rel=0.01)
    assert drawn.symmetric_difference(truth).area < 0.01 * truth.area
    assert outline["bounds"] == pytest.approx(list(truth.bounds), abs=1e-4)
    # the map starts zoomed to the outline ([[south, west], [north, east]])
    spec = _spec(client.get("/atlas?region=DEMO").text)
    x0, y0, x1, y1 = outline["bounds"]
    assert spec["bounds"] == [[y0, x0], [y1, x1]]


def test_outline_of_a_pc4_region_holds_its_postcodes_only(
    client: TestClient, ref_wh: Warehouse
) -> None:
    view = client.get("/atlas.json?region=DEMO-ZUID").json()
    outline = view["outline"]
    assert outline["approximate"] is True
    drawn = shape(outline)
    assert drawn.is_valid and not drawn.is_empty
    gemeente = _boundaries(ref_wh, ("GM9901",))
    assert drawn.difference(gemeente).area < 1e-6  # inside its gemeente
    centroids = {
        str(p): Point(lon, lat)
        for p, lon, lat in ref_wh.query(
            "SELECT pc4, arg_max(lon, year), arg_max(lat, year) FROM pc4_centroid GROUP BY pc4"
        )
    }
    inside_gm = {p for p, pt in centroids.items() if gemeente.covers(pt)}
    assert set(ZUID_PC4) <= inside_gm and inside_gm - set(ZUID_PC4), "a test needs both kinds"
    for p in inside_gm:
        assert drawn.covers(centroids[p]) == (p in ZUID_PC4), p
    html = client.get("/atlas?region=DEMO-ZUID").text
    assert "de grens is benaderd" in html
