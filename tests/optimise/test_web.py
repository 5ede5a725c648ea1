"""``/optimaliseren``, its JSON twin and ``/api/v1/optimise`` on the demo warehouse."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from kansrijk.settings import Settings
from kansrijk.web import create_app

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


def test_api_gives_status_gap_greedy_and_monotone_frontier(client: TestClient) -> None:
    res = client.get("/api/v1/optimise?region=DEMO&budget=1M&per_board=2&min_p_viable=0.5")
    assert res.status_code == 200, res.text
    doc = res.json()
    (s,) = doc["solutions"]
    assert s["status"] == "optimal" and s["mip_gap"] == 0.0
    assert s["optimal"]["objective"] >= s["greedy"]["objective"]
    assert s["optimal"]["eac"] <= 1_000_000
    front = [f["objective"] for f in doc["frontier"]]
    assert front == sorted(front) and len(front) == 11
    twin = client.get("/optimaliseren.json?region=DEMO&budget=1M&per_board=2&min_p_viable=0.5")
    assert twin.json()["solutions"][0]["optimal"]["chosen"] == s["optimal"]["chosen"]


def test_page_shows_the_chosen_set_frontier_table_and_scenario_link(client: TestClient) -> None:
    res = client.get("/optimaliseren?region=DEMO&budget=800k&per_board=2")
    assert res.status_code == 200, res.text
    html = res.text
    doc = client.get("/optimaliseren.json?region=DEMO&budget=800k&per_board=2").json()
    chosen = doc["solutions"][0]["optimal"]["chosen"]
    assert chosen
    for key in chosen:
        assert f'data-loc="{key.split(":")[0]}"' in html
    assert 'id="opt-frontier-chart"' in html and 'class="opt-frontier"' in html
    assert "<td>GM" not in html  # gemeente names, not codes
    assert 'href="/optimaliseren?region=DEMO" aria-current="page"' in html  # main menu
    rows = re.findall(r"<tr><td class=\"num\">", html)
    assert len(rows) == len(doc["frontier"])
    link = unescape(re.search(r'class="opt-scenario" href="([^"]+)"', html).group(1))  # type: ignore[union-attr]
    assert link.startswith("/scenarios/run?")
    assert sorted(re.findall(r"add=([^&]+)", link)) == sorted(k.replace(":", "%3A") for k in chosen)
    run = client.get(link.replace("/scenarios/run", "/api/v1/scenarios/run"))
    assert run.status_code == 200, run.text
    assert {f"{a['location']}:{a['profile']}" for a in run.json()["additions"]} == set(chosen)
    spec = json.loads(
        unescape(re.search(r'id="opt-frontier-chart-spec">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    )
    assert spec["layout"]["xaxis"]["rangemode"] == "tozero"
    assert spec["layout"]["yaxis"]["title"]["text"]


def test_bad_input_is_a_400_with_the_envelope(client: TestClient) -> None:
    res = client.get("/api/v1/optimise?region=DEMO&budget=veel")
    assert res.status_code == 400
    body = res.json()
    assert body["ok"] is False and "budget: expected an amount" in body["error"]
    res = client.get("/api/v1/optimise?region=DEMO&objective=stemmen")
    assert res.status_code == 400 and "objective: expected one of" in res.json()["error"]


def test_access_check_api(client: TestClient) -> None:
    res = client.get("/api/v1/access-check?location=ZZ0100&change=close&km=4")
    assert res.status_code == 200, res.text
    doc = res.json()
    assert doc["change"]["kind"] == "close" and doc["km"] == 4.0
    assert doc["totals"]["children_lose"] == sum(
        a["children"] for a in doc["areas"] if a["change"] == "lose"
    )
    bad = client.get("/api/v1/access-check?location=ZZ0100&change=open")
    assert bad.status_code == 400 and "expected stop, close or add" in bad.json()["error"]
    # the API takes the page's parameters (declared once): a location is still required
    none = client.get("/api/v1/access-check?change=close")
    assert none.status_code == 400 and none.json()["errors"][0]["column"] == "location"
    far = client.get("/api/v1/access-check?location=ZZ0100&change=close&km=500")
    assert far.status_code == 400 and "(0, 100]" in far.json()["error"]


def test_atlas_link_rings_the_chosen_set(client: TestClient) -> None:
    html = client.get("/optimaliseren?region=DEMO&budget=800k&per_board=2").text
    doc = client.get("/optimaliseren.json?region=DEMO&budget=800k&per_board=2").json()
    chosen = doc["solutions"][0]["optimal"]["chosen"]
    link = unescape(re.search(r'class="opt-atlas" href="([^"]+)"', html).group(1))  # type: ignore[union-attr]
    assert link.startswith("/atlas?region=DEMO&chosen=")
    atlas = client.get(link)
    assert atlas.status_code == 200, atlas.text
    page = atlas.text
    assert sorted(re.findall(r'<tr data-chosen="(\w+)">', page)) == sorted(
        k.split(":")[0] for k in chosen
    )
    spec = json.loads(unescape(re.search(r'id="atlas-spec">(.*?)</script>', page, re.S).group(1)))  # type: ignore[union-attr]
    layers = spec.get("layers") or spec["data"]
    ring = [x for x in layers if x.get("meta") == "chosen" or x.get("id") == "chosen"]
    assert len(ring) == 1
    n = len(ring[0]["points"]) if "points" in ring[0] else len(ring[0]["lon"])
    assert n == len(chosen)
    plain = client.get("/atlas?region=DEMO").text
    assert "data-chosen" not in plain
    bad = client.get("/atlas?region=DEMO&chosen=ZZ0100:ZORG")
    assert bad.status_code == 400 and "LOCATIE:PROFIEL" in bad.text  # the page's language
    far = client.get("/atlas?region=DEMO&chosen=17YF00:PIE")
    assert far.status_code == 400 and "17YF00" in far.text
    assert 'class="opt-access" href="/bereikbaarheid?region=DEMO"' in html


def test_page_downloads_are_the_reports_workbook_in_the_pages_language(
    client: TestClient,
) -> None:
    query = "region=DEMO&budget=800k&per_board=2"
    doc = client.get(f"/optimaliseren.json?{query}").json()
    html = client.get(f"/optimaliseren?{query}").text
    assert f'href="/optimaliseren.xlsx?{query.replace("&", "&amp;")}" download' in html
    additions = doc["solutions"][0]["additions"]
    for lang, head in (("nl", "Jaarkosten (EAC)"), ("en", "Annual cost (EAC)")):
        res = client.get(f"/optimaliseren.xlsx?{query}&lang={lang}")
        assert res.status_code == 200, res.text
        wb = openpyxl.load_workbook(io.BytesIO(res.content))
        assert wb.sheetnames == ["additions", "budgets", "frontier", "candidates"]
        ws = wb["additions"]
        heads = [c.value for c in ws[1]]
        col = heads.index(head)
        assert [ws.cell(i + 2, col + 1).value for i in range(len(additions))] == pytest.approx(
            [a["eac"] for a in additions]
        )
        assert wb["frontier"].max_row == 1 + len(doc["frontier"])
    rows = list(csv.DictReader(io.StringIO(client.get(f"/optimaliseren.csv?{query}").text)))
    assert [r["location"] for r in rows] == [a["location"] for a in additions]
    assert [float(r["p_viable"]) for r in rows] == [a["p_viable"] for a in additions]


def test_form_fields_map_onto_the_request_and_its_bounds(client: TestClient) -> None:
    for query, message in (
        ("km=0", "km: expected a distance in (0, 100]"),
        ("km=nan", "km: expected a distance in (0, 100]"),
        ("min_p_viable=1.5", "min-p-viable: expected a probability in [0, 1]"),
        ("per_board=0", "per-board: expected >= 1"),
        ("per_board=1.5", "expected a whole number; found '1.5'"),
    ):
        res = client.get(f"/api/v1/optimise?region=DEMO&budget=1M&{query}")
        assert res.status_code == 400, query
        assert message in res.json()["error"], (query, res.json()["error"])
