"""Pages by construction (``web/page.py``): one definition serves the page, its JSON twin and,
where tabular, CSV and XLSX with headers in the page's language; the parameters are declared
once and documented on every form."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from fastapi.testclient import TestClient

from kansrijk.indicators.events import profile_events
from kansrijk.regions import RegionCatalog
from kansrijk.warehouse import Warehouse
from kansrijk.web.pages.events import PAGE as EVENTS

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
