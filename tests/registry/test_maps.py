"""The registry's maps on the shared Leaflet map (``web/map_spec``): the reach page's
locations and the shortage page's gemeenten are markers on base tiles, one a row of the
page's JSON twin, in a shape per kind; the shortage page has the map's table. Every test
runs on SQLite and PostgreSQL (the ``web`` fixture)."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from kansrijk.settings import Settings
from kansrijk.web.map_spec import RegionBase, TileSource
from kansrijk.web.registry_view import reach_map

from .test_shortages import _report, _school


def _spec(html: str, map_id: str) -> dict[str, Any]:
    found = re.search(rf'id="{map_id}-spec">(.*?)</script>', html, re.S)
    assert found, f"no {map_id} spec on the page"
    spec: dict[str, Any] = json.loads(unescape(found.group(1)))
    return spec


def _layers(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {layer["id"]: layer for layer in spec["layers"]}


def test_reach_map_has_a_marker_for_every_located_location_of_the_twin(web) -> None:
    query = {"region": "DEMO", "year": "2024"}
    doc = web.get("/partners/reach.json", params=query).json()
    html = web.get("/partners/reach", params=query).text
    spec = _spec(html, "reach-map")
    layers = _layers(spec)
    # independent: the twin's rows with coordinates, split as the legend says
    want: dict[str, set[tuple[float, float, str]]] = {"reached": set(), "technical": set()}
    want["none"] = set()
    for r in doc["reached_locations"]:
        want["reached"].add((r["lat"], r["lon"], r["loc_code"]))
    for r in doc["unreached_locations"]:
        want["technical" if r["technical_profiles"] else "none"].add(
            (r["lat"], r["lon"], r["loc_code"])
        )
    assert want["technical"] and want["none"]
    shapes = {"reached": "circle", "technical": "square", "none": "x"}
    for key, rows in want.items():
        layer = layers[key]
        assert layer["kind"] == "symbols" and layer["focusable"] is False
        got = {(p[0], p[1], re.search(r"\((\w+)\):", p[5]).group(1)) for p in layer["points"]}  # type: ignore[union-attr]
        assert got == {r for r in rows if r[0] is not None}
        assert {p[4] for p in layer["points"]} <= {shapes[key]}
    assert spec["tiles"]["url"] == Settings().tile_url
    assert spec["outline"] is not None and spec["places"]
    # the legend in HTML: words and counts, and the tables hold the same locations
    assert f"niet bereikt, zonder technisch profiel ({len(want['none'])})" in html
    assert 'id="unreached"' in html
    for _lat, _lon, code in want["technical"] | want["none"]:
        assert f"<td>{code}</td>" in html


def test_reach_map_without_coordinates_is_left_out() -> None:
    base = RegionBase({"type": "FeatureCollection", "features": []}, None, None)
    row = {"name": "A", "loc_code": "AA00", "lon": None, "lat": None, "technical_profiles": []}
    doc = {"reached_locations": [], "unreached_locations": [row]}
    assert reach_map(doc, "nl", base, None) is None
    located = {**row, "lon": 4.5, "lat": 51.9, "technical_profiles": ["PIE"]}
    reached = {**row, "loc_code": "BB00", "lon": 4.6, "lat": 52.0}
    doc = {"reached_locations": [reached], "unreached_locations": [row, located]}
    spec = reach_map(doc, "en", base, TileSource("http://t/{z}/{x}/{y}.png", "© x"))
    assert spec is not None
    layers = _layers(spec)
    assert layers["reached"]["points"] == [
        [52.0, 4.6, 15.0, "#0072B2", "circle", "A (BB00): reached", None]
    ]
    assert [x["id"] for x in spec["layers"]] == ["none", "technical", "reached"]  # on top
    assert [p[:2] for p in layers["technical"]["points"]] == [[51.9, 4.5]]
    assert layers["none"]["points"] == []
    assert spec["tiles"]["attribution"] == "© x"
    (lat0, lon0), (lat1, lon1) = spec["bounds"]
    assert lat0 < 51.9 and lat1 > 52.0 and lon0 < 4.5 and lon1 > 4.6


def _reported(web, pupils: str) -> None:
    _school(web)
    assert _report(web, pupils=pupils).status_code == 303
    web.cookies.clear()


def test_shortage_map_shows_each_gemeente_of_the_twin_with_its_table(web) -> None:
    _reported(web, "12")
    query = {"region": "DEMO", "year": "2024"}
    doc = web.get("/partners/shortages.json", params=query).json()
    html = web.get("/partners/shortages", params=query).text
    layers = _layers(_spec(html, "shortage-map"))
    (g,) = doc["gemeenten"]
    assert (g["gemeente_code"], g["pupils"]) == ("GM9901", 12)
    (p,) = layers["shown"]["points"]
    assert p[:2] == [g["lat"], g["lon"]] and p[3:6] == ["#b3261e", "circle", f"{g['name']}: 12"]
    assert layers["hidden"]["points"] == []
    row = f'<tr data-gemeente="GM9901"><th scope="row">{g["name"]}</th><td>12</td>'
    assert row in html  # the map's table
    assert "leerlingen zonder plaats" in html and "niet getoond" in html


def test_shortage_map_hides_counts_below_five(web) -> None:
    _reported(web, "3")
    html = web.get("/partners/shortages", params={"region": "GM9901", "year": "2024"}).text
    spec = _spec(html, "shortage-map")
    layers = _layers(spec)
    assert layers["shown"]["points"] == []
    (p,) = layers["hidden"]["points"]
    assert p[4] == "square" and p[5].endswith(": niet getoond")
    assert ": 3" not in json.dumps(spec) and "<td>3</td>" not in html
    assert "<td>niet getoond</td>" in html
