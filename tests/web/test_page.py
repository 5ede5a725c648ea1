"""Pages by construction (``web/page.py``): one definition serves the page, its JSON twin and,
where tabular, CSV and XLSX with headers in the page's language; the parameters are declared
once and documented on every form."""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
import pkgutil
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from kansrijk.indicators.events import profile_events
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse
from kansrijk.web import pages
from kansrijk.web.page import Page
from kansrijk.web.pages.events import PAGE as EVENTS
from kansrijk.web.pages.location import PAGE as LOCATION

from .helpers import assert_envelope, tags

QUERY = "region=DEMO&since=2019"


def _sheet(content: bytes) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    ws = wb.worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_one_definition_serves_page_twin_csv_and_xlsx(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    expected = profile_events(ref_wh, ref_catalog, "DEMO", since=2019)
    assert expected.events, "the demo has profile events since 2019"
    html = client.get(f"/gebeurtenissen?{QUERY}").text
    links = {a["type"]: a["href"] for a in tags(html, "link") if a.get("rel") == "alternate"}
    assert links["application/json"] == f"/gebeurtenissen.json?{QUERY}"
    anchors = [a["href"] for a in tags(html, "a") if a.get("href", "").endswith(QUERY)]
    assert f"/gebeurtenissen.csv?{QUERY}" in anchors
    assert client.get(links["application/json"]).json() == expected.to_json()

    got = client.get(f"/gebeurtenissen.csv?{QUERY}")
    assert got.headers["content-type"] == "text/csv; charset=utf-8"
    assert got.headers["content-disposition"] == (
        'attachment; filename="kansrijk-gebeurtenissen-DEMO-2019-nu.csv"'
    )
    recs = list(csv.DictReader(io.StringIO(got.text)))
    assert [k for k, _ in EVENTS_COLUMNS] == list(recs[0])
    assert [(r["loc_code"], r["kind"], int(r["pupils"])) for r in recs] == [
        (e.loc_code, e.kind, e.pupils) for e in expected.events
    ]


EVENTS_COLUMNS = (
    ("region", "Regio"),
    ("loc_code", "Locatie"),
    ("name", "Naam"),
    ("gemeente_code", "Gemeentecode"),
    ("gemeente_name", "Gemeente"),
    ("profile", "Profiel"),
    ("kind", "Gebeurtenis"),
    ("prev_year", "Vorig jaar"),
    ("year", "Jaar"),
    ("pupils", "Leerlingen"),
    ("masked", "Afgeschermd (<5)"),
    ("technical", "Technisch"),
    ("new_location", "Nieuwe locatie"),
    ("location_closed", "Locatie zonder leerlingen"),
    ("break", "Breuk in de reeks"),
)


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("nl", ("Regio", "Locatie", "Naam", "Gemeentecode", "Gemeente", "Profiel", "Gebeurtenis")),
        ("en", ("Region", "Location", "Name", "Municipality code", "Municipality", "Profile")),
    ],
)
def test_xlsx_headers_follow_the_page_language(
    client: TestClient,
    ref_wh: Warehouse,
    ref_catalog: RegionCatalog,
    lang: str,
    head: tuple[str, ...],
) -> None:
    expected = profile_events(ref_wh, ref_catalog, "DEMO", since=2019)
    got = client.get(f"/gebeurtenissen.xlsx?{QUERY}&lang={lang}")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = _sheet(got.content)
    assert rows[0][: len(head)] == head
    assert [(r[1], r[6], r[9]) for r in rows[1:]] == [
        (e.loc_code, e.kind, e.pupils) for e in expected.events
    ]


def test_bad_parameters_answer_the_same_on_every_form(client: TestClient) -> None:
    for suffix in (".json", ".csv", ".xlsx"):
        env = assert_envelope(client.get(f"/gebeurtenissen{suffix}?region=DEMO&set=groen"), 400)
        assert "set: expected techniek_ict, techniek or all, found 'groen'" in env["error"]
        assert_envelope(client.get(f"/gebeurtenissen{suffix}?region=NOPE"), 404)
    page = client.get("/gebeurtenissen?region=DEMO&set=groen")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")


def test_parameters_are_declared_once_and_documented_on_every_form(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    forms = [EVENTS.twin_path, EVENTS.path + ".csv", EVENTS.path + ".xlsx"]
    for path in forms:
        params = {p["name"]: p for p in doc["paths"][path]["get"]["parameters"]}
        assert set(params) == {"region", "since", "until", "set"}, path
        assert params["set"]["description"].startswith("techniek_ict (default)")
    assert EVENTS.path not in doc["paths"]  # the HTML page is not an API


def _pages() -> list[Page[Any, Any]]:
    """Every Page of ``kansrijk.web.pages``."""
    found = []
    for info in pkgutil.iter_modules(pages.__path__):
        module = importlib.import_module(f"{pages.__name__}.{info.name}")
        page = getattr(module, "PAGE", None)
        if isinstance(page, Page):
            found.append(page)
    return found


def test_every_page_declares_its_parameters_once_for_every_form(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    found = _pages()
    assert {p.path for p in found} >= {
        "/",
        "/compare",
        "/atlas",
        "/location/{loc_code}",
        "/gebeurtenissen",
        "/data",
    }
    for page in found:
        names = {f.metadata.get("alias", f.name) for f in dataclasses.fields(page.params)}
        forms = [page.twin_path]
        forms += [page.api] if page.api else []
        forms += [page.path + ".csv", page.path + ".xlsx"] if page.table else []
        for path in forms:
            params = doc["paths"][path]["get"]["parameters"]
            assert {p["name"] for p in params} == names, path
            assert all(p.get("description") for p in params), path
        assert page.path not in doc["paths"]


def test_an_api_address_has_its_own_summary(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["paths"]["/api/v1/atlas"]["get"]["summary"] == "The atlas of a region"
    assert doc["paths"]["/api/v1/atlas"]["get"]["tags"] == ["api v1"]
    twin = doc["paths"]["/atlas.json"]["get"]
    assert twin["summary"] == "The atlas of a region (JSON twin of /atlas)"
    assert twin["tags"] == ["pages"]


def test_a_path_parameter_page_keeps_its_twins_apart(client: TestClient) -> None:
    """``/location/{loc_code}`` would also match ``/location/X.json``: the twins answer,
    not the page; the page's links carry the path value (quoted) and the query."""
    assert client.get("/location/ZZ0100.json").headers["content-type"] == "application/json"
    assert client.get("/location/ZZ0100.csv").headers["content-type"].startswith("text/csv")
    html = client.get("/location/ZZ0100?year=2024").text
    links = {a["type"]: a["href"] for a in tags(html, "link") if a.get("rel") == "alternate"}
    assert links["application/json"] == "/location/ZZ0100.json?year=2024"
    request = Request(
        {
            "type": "http",
            "method": "GET",
            "path": "/location/a b",
            "path_params": {"loc_code": "a b/?"},
            "query_string": b"year=2024",
            "headers": [],
        }
    )
    fake = SimpleNamespace(request=request)
    assert LOCATION.twin_url(fake) == "/location/a%20b%2F%3F.json?year=2024"  # type: ignore[arg-type]
