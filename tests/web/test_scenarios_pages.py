"""The scenario planner pages (/scenarios, /scenarios/run, /scenarios/compare) and their
twins on the demo region: the same numbers as ``kansrijk.scenarios.run``, field errors,
comparison exports, the YAML download and the link from the location page."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import openpyxl
import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import TEST_HOSTS

from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import AddProfile, Horizon, Scenario, ScenarioResult, compare, run
from kansrijk.scenarios.demo_presets import preset as demo_preset
from kansrijk.serialize import to_json
from kansrijk.settings import Settings
from kansrijk.warehouse import Warehouse
from kansrijk.web import create_app
from kansrijk.web import format as fmt
from kansrijk.web.scenario_form import BuilderForm

from .helpers import assert_envelope, tags

DRAWS = 50
BUILT = "region=DEMO&add=ZZ0800:PIE&name=PIE+op+De+Werf"


def _plain(data: Any) -> Any:
    """What a JSON response of ``data`` parses to."""
    return json.loads(to_json(data))


def _row(html: str, metric: str) -> str:
    m = re.search(rf'<tr data-metric="{metric}">(.*?)</tr>', html, re.S)
    assert m is not None, metric
    return m.group(1)


def html_escape(text: str) -> str:
    """As Jinja2's autoescape writes text."""
    return escape(text, quote=True).replace("&#x27;", "&#39;")


def _built_scenario() -> Scenario:
    return Scenario(
        name="PIE op De Werf",
        region="DEMO",
        baseline_year=2024,
        horizon=Horizon(start=2026, years=10),
        interventions=(AddProfile(location="ZZ0800", profile="PIE"),),
    )


@pytest.fixture
def mrdh_demo(ref_wh: Warehouse, ref_catalog: RegionCatalog) -> ScenarioResult:
    return run(demo_preset("mrdh-pie", demo=True), ref_wh, ref_catalog, draws=DRAWS)


def test_presets_list_renders(client: TestClient) -> None:
    r = client.get("/scenarios")
    assert r.status_code == 200
    html = r.text
    assert html.count("<h1") == 1
    current = [a for a in tags(html, "a") if a.get("aria-current") == "page"]
    assert [a["href"].split("?")[0] for a in current] == ["/scenarios"]
    for name in ("mrdh-pie", "rotterdam-zuid-techniek"):
        preset = demo_preset(name, demo=True)
        assert preset.name in html
        assert preset.region in ("DEMO", "DEMO-ZUID")
        assert f'name="preset" value="{name}"' in html
    assert "Doorrekenen" in html
    # the builder lists the demo region's locations with a labelled 'add' select per row
    selects = [s for s in tags(html, "select") if s.get("name") == "add"]
    assert len(selects) == 25
    labels = {a.get("for") for a in tags(html, "label")}
    assert all(s["id"] in labels for s in selects)
    for field in ("f-name", "f-start", "f-draws", "f-guidance", "f-flow", "f-mbo-pc4"):
        assert field in labels, field
    assert 'value="ZZ0800:PIE"' in html
    assert 'value="200"' in html  # default draws
    assert "Rozek" in html  # the evidence note of the odds ratio
    twin = client.get("/api/v1/scenarios").json()
    assert [p["name"] for p in twin["presets"]] == [
        "rotterdam-zuid-techniek",
        "mrdh-pie",
        "rotterdam-zuid-delen",
    ]
    assert twin["region"] == "DEMO"
    assert len(twin["locations"]) == 25


def test_preset_run_shows_the_runners_numbers(
    client: TestClient, mrdh_demo: ScenarioResult
) -> None:
    r = client.get(f"/scenarios/run?preset=mrdh-pie&draws={DRAWS}")
    assert r.status_code == 200
    html = r.text
    s = mrdh_demo.summary
    assert s.extra_entrants_per_year > 0
    assert fmt.number(s.extra_entrants_per_year, "nl", 1) in _row(html, "extra_entrants_per_year")
    assert s.extra_entrants_per_year_interval is not None
    low = fmt.number(s.extra_entrants_per_year_interval.low, "nl", 1)
    assert low in _row(html, "extra_entrants_per_year")
    assert "€ " + fmt.number(s.total_cost, "nl", 0) in _row(html, "total_cost")
    assert mrdh_demo.name in html
    assert html.count("<h1") == 1
    for note in mrdh_demo.notes[:3]:
        assert html_escape(note) in html
    # one row per added profile, and a table beside the chart for every year
    assert html.count('data-profile="PIE"') == s.additions
    assert len(re.findall(r'<tr data-year="\d{4}">', html)) == len(mrdh_demo.year_rows())
    assert 'id="scen-entrants-chart-spec"' in html
    # the JSON twin is the document of `kansrijk scenario run --json`
    twin = client.get(f"/api/v1/scenarios/run?preset=mrdh-pie&draws={DRAWS}").json()
    assert twin == _plain(mrdh_demo.to_dict())


def test_builder_with_one_added_profile_equals_python(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    expected = run(_built_scenario(), ref_wh, ref_catalog, draws=DRAWS)
    r = client.get(f"/scenarios/run?{BUILT}&draws={DRAWS}")
    assert r.status_code == 200
    html = r.text
    s = expected.summary
    assert s.additions == 1
    assert s.extra_techniek_pupils == pytest.approx(41.62, rel=0.02)  # regression value
    assert fmt.number(s.extra_entrants_per_year, "nl", 1) in _row(html, "extra_entrants_per_year")
    assert "€ " + fmt.number(s.total_cost, "nl", 0) in _row(html, "total_cost")
    assert "€ " + fmt.number(2680323.74, "nl", 0) in _row(html, "one_off_cost")
    twin = client.get(f"/api/v1/scenarios/run?{BUILT}&draws={DRAWS}").json()
    assert twin == _plain(expected.to_dict())
    # the builder page with the same fields is valid and links to the run and the YAML
    page = client.get(f"/scenarios?{BUILT}")
    assert page.status_code == 200
    assert re.search(r'<option value="ZZ0800:PIE" selected>', page.text)
    assert "/scenarios/yaml?" in page.text


def test_yaml_download_runs_to_the_same_result(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    r = client.get(f"/scenarios/yaml?{BUILT}&guidance=1,2&draws={DRAWS}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/yaml")
    assert "attachment" in r.headers["content-disposition"]
    assert f"--draws {DRAWS}" in r.text
    scenario = Scenario.from_text(r.text)
    assert [iv.type for iv in scenario.interventions] == ["add_profile", "guidance_uplift"]
    result = run(scenario, ref_wh, ref_catalog, draws=DRAWS)
    twin = client.get(f"/api/v1/scenarios/run?{BUILT}&guidance=1.2&draws={DRAWS}").json()
    assert twin == _plain(result.to_dict())
    preset = client.get("/scenarios/yaml?preset=rotterdam-zuid-techniek")
    assert Scenario.from_text(preset.text).region == "DEMO-ZUID"


BAD = [
    (
        "add=XX9999:PIE",
        "Onbekende locatie &#39;XX9999&#39;",
        "Unknown location 'XX9999'",
        "add",
    ),
    (
        "add=ZZ0800:ZW",
        "&#39;ZW&#39; is geen technisch profiel",
        "'ZW' is not a technical profile",
        "add",
    ),
    ("add=ZZ0800:PIE&draws=5000", "gevonden &#39;5000&#39;", "found '5000'", "draws"),
    (
        "add=ZZ0800:PIE&guidance=-1",
        "Oddsratio: verwacht een getal groter dan 0",
        "Odds ratio",
        "guidance",
    ),
    ("add=ZZ0800:BWI", "ZZ0800 biedt BWI al aan", "ZZ0800 already offers BWI", "add"),
    # the refusals below come from the intervention models validated against the baseline
    ("add=ZZ0400:MAT", "MAT kan hier niet worden toegevoegd", "ZZ0400: MAT", "add"),
    ("remove=ZZ0800:PIE", "ZZ0800 biedt PIE niet aan", "ZZ0800 does not offer PIE", "remove"),
    ("mbo_pc4=0001", "Postcode 0001: het midden", "Postcode 0001: the centre", "mbo_pc4"),
    ("add=ZZ0800:PIE&flow=101", "Extra doorstroom: verwacht", "Extra flow: expected", "flow"),
    ("mbo_pc4=12a4", "verwacht 4 cijfers", "expected 4 digits", "mbo_pc4"),
    ("region=NOWHERE&add=ZZ0800:PIE", "Regio: onbekende regio", "unknown region", "region"),
    ("", "Het scenario doet nog niets", "does nothing yet", "add"),
]


@pytest.mark.parametrize(("query", "page_text", "api_text", "field"), BAD)
def test_bad_input_is_reported_next_to_the_field(
    client: TestClient, query: str, page_text: str, api_text: str, field: str
) -> None:
    query = query if "region=" in query else "region=DEMO&" + query
    r = client.get(f"/scenarios/run?{query}")
    assert r.status_code == 400
    assert "Traceback" not in r.text
    assert page_text in r.text
    assert 'class="error-summary"' in r.text
    assert r.text.count("<h1") == 1
    assert 'aria-invalid="true"' in r.text or field in ("add", "region")
    # the builder is shown again, with what was given
    assert 'action="/scenarios/run"' in r.text
    body = assert_envelope(client.get(f"/api/v1/scenarios/run?{query}"), 400)
    assert any(api_text in e["message"] for e in body["errors"]), body
    assert field in {e.get("column") for e in body["errors"]}


def test_draws_message_sits_next_to_its_field(client: TestClient) -> None:
    html = client.get("/scenarios/run?region=DEMO&add=ZZ0800:PIE&draws=5000").text
    m = re.search(r'<p class="field-error" id="err-draws">(.*?)</p>', html)
    assert m is not None
    assert "0 tot en met 1000" in m.group(1)
    field = next(a for a in tags(html, "input") if a.get("id") == "f-draws")
    assert field["aria-invalid"] == "true"
    assert "err-draws" in field["aria-describedby"]
    assert field["value"] == "5000"
    # the row of a location with a bad profile carries its message
    row = client.get("/scenarios/run?region=DEMO&add=ZZ0800:ZW").text
    assert re.search(r'id="err-loc-ZZ0800">ZZ0800: &#39;ZW&#39;', row)


def test_compare_two_presets(client: TestClient) -> None:
    specs = "s=preset:mrdh-pie&s=preset:rotterdam-zuid-techniek"
    r = client.get(f"/scenarios/compare?{specs}&draws={DRAWS}")
    assert r.status_code == 200
    html = r.text
    names = [demo_preset(n, demo=True).name for n in ("mrdh-pie", "rotterdam-zuid-techniek")]
    headers = re.findall(r'<th scope="col" class="num scen-name">(.*?)</th>', html)
    assert headers[:2] == names
    spec = json.loads(
        re.search(
            r'<script type="application/json" id="scen-compare-chart-spec">(.*?)</script>',
            html,
            re.S,
        ).group(1)  # type: ignore[union-attr]
    )
    legend = [t["name"].replace("<br>", " ") for t in spec["data"] if t.get("showlegend")]
    assert legend == names
    links = [a["href"] for a in tags(html, "link") if a.get("rel") == "alternate"]
    assert f"/api/v1/scenarios/compare?{specs}&draws={DRAWS}" in links
    twin = client.get(f"/api/v1/scenarios/compare?{specs}&draws={DRAWS}").json()
    assert twin["scenarios"] == names
    # an empty basket: the page says so and links no twin (the API has nothing to answer)
    empty = client.get("/scenarios/compare").text
    assert not [a for a in tags(empty, "link") if a.get("rel") == "alternate"]
    body = assert_envelope(client.get("/api/v1/scenarios/compare"), 400)
    assert "nothing to compare" in body["error"]
    assert [r["metric"] for r in twin["summary"]][:3] == [
        "region",
        "baseline year (data)",
        "horizon",
    ]


def test_compare_csv_rows_equal_the_json(client: TestClient) -> None:
    specs = f"s=preset:mrdh-pie&s=built:{BuilderForm.from_params(parse_qsl(BUILT)).encode()[6:]}"
    query = f"{specs}&draws={DRAWS}"
    twin = client.get(f"/api/v1/scenarios/compare?{query}").json()
    r = client.get(f"/scenarios/compare.csv?{query}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    names = twin["scenarios"]
    assert rows[0] == ["metric", "unit", *names]
    assert len(rows) - 1 == len(twin["summary"])
    for got, want in zip(rows[1:], twin["summary"], strict=True):
        assert got[:2] == [want["metric"], want["unit"]]
        for cell, name in zip(got[2:], names, strict=True):
            value = want[name]
            if value is None:
                assert cell == ""
            elif isinstance(value, list):
                low, high = cell.split(" - ")
                assert [float(low), float(high)] == pytest.approx(value)
            elif isinstance(value, float):
                assert float(cell) == pytest.approx(value)
            else:
                assert cell == str(value)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/scenarios/compare.xlsx?{query}").content)
    )
    # for people: in the page's language, Dutch by default (test_scenario_workbook.py)
    assert book.sheetnames == ["samenvatting", "jaren", "toevoegingen", "toelichting"]
    header = [c.value for c in book["samenvatting"][2]]  # row 1: the FICTIEVE warning
    assert header == ["Uitkomst", "Eenheid", *names]


def test_more_than_four_scenarios_is_refused(client: TestClient) -> None:
    built = [
        BuilderForm.from_params([("region", "DEMO"), ("add", f"{c}:PIE"), ("name", c)]).encode()
        for c in ("ZZ0200", "ZZ0400", "ZZ0500", "ZZ0700")
    ]
    query = "&".join(f"s={s}" for s in ["preset:mrdh-pie", *built])
    for path in ("/api/v1/scenarios/compare", "/scenarios/compare.csv", "/scenarios/compare.xlsx"):
        body = assert_envelope(client.get(f"{path}?{query}"), 400)
        assert "at most 4 scenarios" in body["error"]
    page = client.get(f"/scenarios/compare?{query}")
    assert page.status_code == 400
    assert "ten hoogste 4 scenario&#39;s naast elkaar" in page.text  # in the page's language
    assert "at most 4 scenarios" in client.get(f"/scenarios/compare?{query}&lang=en").text
    bad = assert_envelope(client.get("/api/v1/scenarios/compare?s=nonsense"), 400)
    assert "preset:NAME" in bad["error"]


def test_add_to_comparison_carries_the_scenario(client: TestClient) -> None:
    run_page = client.get(f"/scenarios/run?{BUILT}&draws=0&s=preset:mrdh-pie").text
    link = next(
        a["href"] for a in tags(run_page, "a") if a.get("data-action") == "add-to-comparison"
    )
    url = urlsplit(link.replace("&amp;", "&"))
    assert url.path == "/scenarios/compare"
    specs = [v for k, v in parse_qsl(url.query) if k == "s"]
    assert specs[0] == "preset:mrdh-pie"
    assert BuilderForm.decode(specs[1]).add == ("ZZ0800:PIE",)
    compared = client.get(link.replace("&amp;", "&"))
    assert compared.status_code == 200
    assert "PIE op De Werf" in compared.text
    assert demo_preset("mrdh-pie", demo=True).name in compared.text


def test_location_page_links_to_the_builder(client: TestClient) -> None:
    html = client.get("/location/ZZ0800").text
    links = [a["href"] for a in tags(html, "a") if a.get("data-plan")]
    assert links, "no link into the scenario planner"
    pie = next(h for h in links if "PIE" in h)
    query = dict(parse_qsl(urlsplit(pie).query))
    assert query == {"region": "DEMO", "add": "ZZ0800:PIE"}
    builder = client.get(pie)
    assert builder.status_code == 200
    assert re.search(r'<option value="ZZ0800:PIE" selected>', builder.text)


def test_english_and_cache(client: TestClient) -> None:
    en = client.get(f"/scenarios/run?{BUILT}&draws=0&lang=en").text
    assert "Extra entrants to technical mbo per year" in en
    assert 'lang="en"' in en
    nl = client.get(f"/scenarios/run?{BUILT}&draws=0&lang=nl").text
    assert "Extra instromers in technisch mbo per jaar" in nl
    cache = client.app.state.web.views.get(("scenario-results",))  # type: ignore[attr-defined]
    assert cache is not None
    before = cache.misses
    client.get(f"/api/v1/scenarios/run?{BUILT}&draws=0")  # same scenario: no new run
    assert cache.misses == before


@pytest.fixture(scope="module")
def real_client(request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, Path]]:
    path: Path = request.getfixturevalue("real_warehouse_path")
    settings = Settings(warehouse=path, regions_file=None, language="nl", allowed_hosts=TEST_HOSTS)
    with TestClient(create_app(settings)) as c:
        yield c, path


@pytest.mark.realdata
def test_rotterdam_zuid_preset_on_real_data(real_client: tuple[TestClient, Path]) -> None:
    client, path = real_client
    r = client.get("/scenarios/run?preset=rotterdam-zuid-techniek&draws=0")
    assert r.status_code == 200
    with Warehouse(path, read_only=True) as wh:
        catalog = client.app.state.web.catalog  # type: ignore[attr-defined]
        expected = run(Scenario.preset("rotterdam-zuid-techniek"), wh, catalog)
        mrdh = run(Scenario.preset("mrdh-pie"), wh, catalog)
    s = expected.summary
    # docs/scenarios.md: 53.8 on duo/cbs/geo; 54.0 with all shared data (the 2020 locations
    # snapshot places five more 2019 locations, 18CH10 Rotterdam among them)
    assert s.extra_entrants_per_year == pytest.approx(54.0, abs=0.1)
    assert fmt.number(s.extra_entrants_per_year, "nl", 1) in _row(r.text, "extra_entrants_per_year")
    assert "€ " + fmt.number(s.total_cost, "nl", 0) in _row(r.text, "total_cost")
    assert "Techniekprofiel op elke vmbo-locatie in Rotterdam Zuid" in r.text
    compared = client.get(
        "/api/v1/scenarios/compare?s=preset:rotterdam-zuid-techniek&s=preset:mrdh-pie&draws=0"
    ).json()
    assert compared == _plain(compare([expected, mrdh]).to_dict())
