"""Trends, events and downloads in the web app, on the demo region: the overview's trends with
target lines and break gaps (chart, table, JSON twin), the events page and its twins, and
the downloads of any indicator for every gemeente x every year in four formats, rounded for
people, checked against the engine's raw values computed independently of the app."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from kansrijk.indicators import compute
from kansrijk.indicators.events import profile_events
from kansrijk.regions import Level, RegionCatalog
from kansrijk.warehouse import Warehouse

from .helpers import assert_envelope, tags


def _trace_names(spec: dict) -> list[str]:  # type: ignore[type-arg]
    return [d["name"] for d in spec["data"]]


def test_overview_enrollment_trends_have_target_lines(client: TestClient) -> None:
    view = client.get("/overview.json?region=DEMO-ZUID").json()
    trend = {t["indicator"]: t for t in view["enrollment_trends"]}["vmbo.no_tech_offer_share"]
    series = trend["series"][0]
    assert series["region"] == "DEMO-ZUID"
    target = series["target"]
    assert target["value"] == 0 and target["source"].startswith("Fictief demodoel")
    last = series["points"][-1]
    share = 100 * last["numerator"] / last["denominator"]
    assert last["value"] == pytest.approx(share)  # raw precision in the JSON twin
    text = f"{share:.1f}".replace(".", ",")
    assert target["text_nl"] == (
        f"{text}% op een locatie zonder technisch profiel; doel 0%; nog {text} procentpunt"
    )
    chart = trend["chart"]
    assert chart["layout"]["xaxis"]["title"]["text"] == "Schooljaar"
    assert chart["layout"]["yaxis"]["title"]["text"] == "Aandeel (%)"
    assert chart["layout"]["yaxis"]["rangemode"] == "tozero"
    line = next(d for d in chart["data"] if d["name"].startswith("doel"))
    assert line["line"]["dash"] == "dot" and set(line["y"]) == {0}
    html = client.get("/?region=DEMO-ZUID").text
    assert f"{text}% op een locatie zonder technisch profiel; doel 0%" in html
    # the table alternative rounds for people
    assert f">{text}%" in html


def test_overview_target_year_path_on_the_demo(client: TestClient) -> None:
    view = client.get("/overview.json?region=DEMO").json()
    trend = {t["indicator"]: t for t in view["enrollment_trends"]}["vmbo.tech_choice_share"]
    target = trend["series"][0]["target"]
    assert target["year"] == 2030
    path = next(d for d in trend["chart"]["data"] if d["name"].startswith("doel 2030"))
    assert path["x"] == [target["baseline_year"], 2030]
    assert path["y"] == [pytest.approx(target["baseline_value"]), 30]
    assert target["on_track"] in (True, False)
    assert ("niet op koers" in target["text_nl"]) is (target["on_track"] is False)


def test_exam_trend_breaks_in_chart_table_and_json(client: TestClient) -> None:
    view = client.get("/overview.json?region=DEMO").json()
    trend = {t["indicator"]: t for t in view["trends"]}["exams.vmbo_tech_share"]
    assert [b["id"] for b in trend["breaks"]] == ["tl_exam_sector", "exam_masking"]
    points = {p["year"]: p for p in trend["series"][0]["points"]}
    assert points[2018]["break"]["ids"] == ["tl_exam_sector"]
    assert points[2018]["change"] is None and points[2019]["change"] is None
    chart = trend["chart"]
    region_line = chart["data"][0]
    xs, ys = region_line["x"], region_line["y"]
    # a gap (None) just before each break: the chart never joins 2017 to 2018, 2018 to 2019
    assert ys[xs.index(2017.5)] is None and ys[xs.index(2018.5)] is None
    assert region_line["connectgaps"] is False
    assert [s["x0"] for s in chart["layout"]["shapes"]] == [2017.5, 2018.5]
    html = client.get("/?region=DEMO").text
    assert 'data-break="tl_exam_sector" data-year="2018"' in html
    assert "Breuk in de reeks vanaf 2018/19" in html


def test_events_page_and_twins(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    expected = profile_events(ref_wh, ref_catalog, "DEMO", since=2019)
    doc = client.get("/gebeurtenissen.json?region=DEMO&since=2019").json()
    assert doc == expected.to_json()
    html = client.get("/gebeurtenissen?region=DEMO&since=2019").text
    rows = [a for a in tags(html, "tr") if "data-kind" in a]
    assert [(r["data-loc"], r["data-profile"], r["data-kind"]) for r in rows] == [
        (e.loc_code, e.profile, e.kind) for e in expected.events
    ]
    nav = [a for a in tags(html, "a") if a.get("href", "").startswith("/gebeurtenissen?")]
    assert any(a.get("aria-current") == "page" for a in nav)
    body = client.get("/gebeurtenissen.csv?region=DEMO&since=2019").text
    recs = list(csv.DictReader(io.StringIO(body)))
    assert [(r["loc_code"], r["kind"], int(r["pupils"])) for r in recs] == [
        (e.loc_code, e.kind, e.pupils) for e in expected.events
    ]
    every = client.get("/gebeurtenissen.json?region=DEMO&set=all").json()
    assert len(every["events"]) >= len(doc["events"])
    assert_envelope(client.get("/gebeurtenissen.json?region=DEMO&set=groen"), 400)
    assert_envelope(client.get("/gebeurtenissen.json?region=NOPE"), 404)
    en = client.get("/gebeurtenissen?region=DEMO&lang=en").text
    assert "Licence watch" in en


@pytest.mark.parametrize("param", ["since", "until"])
def test_events_bad_year_names_its_own_parameter(client: TestClient, param: str) -> None:
    """A bad ``since`` or ``until`` is reported under its own name (it said `year`)."""
    body = assert_envelope(client.get(f"/gebeurtenissen.json?region=DEMO&{param}=abc"), 400)
    assert body["error"] == f"{param}: expected years like 2019 or 2019,2021, found 'abc'"
    page = client.get(f"/gebeurtenissen?region=DEMO&{param}=abc")
    assert page.status_code == 400 and f"`{param}`: verwacht jaren" in page.text


def _gemeenten(catalog: RegionCatalog) -> list[str]:
    return [r.code for r in catalog.list(Level.GEMEENTE)]


def test_downloads_every_gemeente_every_year_rounded(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    ind = "vmbo.no_tech_offer_share"
    ref = compute(ref_wh, ref_catalog, ind, _gemeenten(ref_catalog))
    raw = {(r.region, r.year): r for r in ref.rows}
    assert {y for _, y in raw} == {2019, 2020, 2021, 2022, 2023, 2024}
    # CSV: comma-separated, decimal point, shares to one decimal, counts whole
    rows = list(csv.DictReader(io.StringIO(client.get(f"/downloads/{ind}.csv").text)))
    assert len(rows) == len(raw)
    for r in rows:
        x = raw[(r["gemeente_code"], int(r["year"]))]
        assert r["value"] == ("" if x.value is None else f"{x.value:.1f}")
        assert r["denominator"] == f"{x.denominator:.0f}"
    # CSV for Dutch Excel: ';', decimal comma, byte-order mark
    nl = client.get(f"/downloads/{ind}.nl.csv")
    assert nl.content.startswith("\ufeff".encode())
    nl_rows = list(csv.DictReader(io.StringIO(nl.content.decode("utf-8-sig")), delimiter=";"))
    first = raw[(nl_rows[0]["Gemeentecode"], int(nl_rows[0]["Jaar"]))]  # Dutch headers
    assert first.value is not None
    assert nl_rows[0]["Waarde"] == f"{first.value:.1f}".replace(".", ",")
    assert nl_rows[0]["Onderdrukt (1-4)"] in ("ja", "nee")
    # XLSX: numbers with a number format, the definition sheet
    r = client.get(f"/downloads/{ind}.xlsx")
    assert (
        'filename="kansrijk-vmbo.no_tech_offer_share-gemeenten-alle-jaren.xlsx"'
        in (r.headers["content-disposition"])
    )
    book = openpyxl.load_workbook(io.BytesIO(r.content))  # Dutch by default
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Waarde") + 1)
    assert isinstance(cell.value, float) and cell.number_format == "0.0"
    assert sheet.cell(row=2, column=header.index("Noemer") + 1).number_format == "#,##0"
    assert sheet.max_row - 1 == len(raw)
    labels = [c.value for c in book["definitie"]["A"]]
    assert "trendbreuk 2017" in labels and "bron" in labels
    assert "Bron" not in header  # once on the definition sheet, not on every row
    # Parquet: typed columns, the same rounded values
    table = pq.read_table(io.BytesIO(client.get(f"/downloads/{ind}.parquet").content))
    assert table.num_rows == len(raw)
    assert table.schema.field("year").type == "int32"
    got = dict(
        zip(
            zip(table["gemeente_code"].to_pylist(), table["year"].to_pylist(), strict=True),
            table["value"].to_pylist(),
            strict=True,
        )
    )
    for key, x in raw.items():
        assert got[key] == (None if x.value is None else round(x.value, 1))


def test_download_errors(client: TestClient) -> None:
    bad = client.get("/downloads/vmbo.tech_choice_share.txt")
    assert bad.status_code == 400 and "INDICATOR.nl.csv" in bad.text
    body = assert_envelope(client.get("/downloads/nope.csv"), 404)
    assert "unknown indicator 'nope'" in body["error"]
    body = assert_envelope(client.get("/downloads/flow.tech_mbo_rate.csv"), 400)
    assert "not computed" in body["error"]


def test_compare_has_trend_and_download_links(client: TestClient) -> None:
    html = client.get("/compare?region=DEMO&indicator=vmbo.tech_choice_share&set=techniek_ict").text
    assert 'data-chart="compare-trend-spec"' in html
    links = [a["href"] for a in tags(html, "a") if a.get("href", "").startswith("/downloads/")]
    assert links == [
        f"/downloads/vmbo.tech_choice_share.{ext}?set=techniek_ict"
        for ext in ("csv", "nl.csv", "xlsx", "parquet")
    ]
    for link in links:
        assert client.get(link).status_code == 200


def test_location_page_has_pupil_trend_and_events(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    view = client.get("/location/ZZ2300.json").json()
    expected = profile_events(ref_wh, ref_catalog, "GM9904", profile_set=None)
    mine = [e.to_json() for e in expected.events if e.loc_code == "ZZ2300"]
    assert [(e["profile"], e["kind"], e["year"]) for e in view["events"]] == [
        (e["profile"], e["kind"], e["year"]) for e in mine
    ]
    assert ("MT", "stopped", 2024) in [(e["profile"], e["kind"], e["year"]) for e in mine]
    totals = dict(
        ref_wh.query(
            "SELECT year, sum(count) FROM vo_enrollment WHERE loc_code = 'ZZ2300' AND track IN "
            "('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) AND NOT masked GROUP BY year"
        )
    )
    points = {p["year"]: p["pupils"] for p in view["pupil_trend"]["points"]}
    assert points == {int(y): int(n) for y, n in totals.items()}
    html = client.get("/location/ZZ2300").text
    assert 'data-chart="location-trend-spec"' in html
    assert re.search(r'data-kind="stopped" data-year="2024"', html)


def test_trend_api_equals_the_cli_document(
    client: TestClient, ref_wh: Warehouse, ref_catalog: RegionCatalog
) -> None:
    from kansrijk.indicators.trend import trend

    doc = client.get("/api/v1/trend/exams.vmbo_tech_share?region=DEMO,NL00&by=track").json()
    expected = trend(ref_wh, ref_catalog, "exams.vmbo_tech_share", ["DEMO", "NL00"], ["track"])
    assert doc == expected.to_json()
    assert_envelope(client.get("/api/v1/trend/nope?region=DEMO"), 404)
    assert_envelope(client.get("/api/v1/trend/vmbo.tech_choice_share?region=NOPE"), 404)
