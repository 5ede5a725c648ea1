"""The planner's tables for people (``scenarios.report``) and its files (``scenarios.files``)
on two demo runs: every row checked against the result's own fields (read here, not through
the report), the labels in Dutch and English written out, the figures as people write them
(formatted here with Python's own format spec, not Babel), the CSV with the csv module and
the workbook with openpyxl."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from kansrijk.demo import demo_custom_regions
from kansrijk.regions import packaged_regions
from kansrijk.scenarios import Comparison, Scenario, ScenarioResult, compare, run
from kansrijk.scenarios.demo_presets import DEMO_SUFFIX, preset
from kansrijk.scenarios.files import ComparisonFiles, csv_text, scenario_yaml, xlsx_bytes
from kansrijk.scenarios.report import (
    addition_table,
    compare_metrics,
    compare_year_table,
    region_table,
    summary_metrics,
    year_table,
)
from kansrijk.scenarios.result import Interval
from kansrijk.tables import Style
from kansrijk.warehouse import Warehouse, region_catalog

DRAWS = 40
PIE = """\
name: PIE op De Werf
region: DEMO
report_regions: [DEMO-ZUID]
baseline_year: 2024
horizon: {start: 2026, years: 4}
interventions:
  - {type: add_profile, location: ZZ0800, profile: PIE}
"""
LOB = """\
name: LOB in Havenstad-Zuid
region: DEMO
baseline_year: 2024
horizon: {start: 2026, years: 5}
interventions:
  - {type: guidance_uplift, region: DEMO-ZUID, profile_set: techniek, odds_ratio: 1.15,
     cost_per_year: 40000}
"""


@pytest.fixture(scope="module")
def results(demo_path: Path) -> tuple[ScenarioResult, ScenarioResult]:
    with Warehouse(demo_path, read_only=True) as wh:
        catalog = region_catalog(wh, packaged_regions() + demo_custom_regions())
        a = run(Scenario.from_text(PIE), wh, catalog, draws=DRAWS)
        b = run(Scenario.from_text(LOB), wh, catalog, draws=DRAWS)
    return a, b


@pytest.fixture(scope="module")
def pie(results: tuple[ScenarioResult, ScenarioResult]) -> ScenarioResult:
    return results[0]


@pytest.fixture(scope="module")
def comparison(results: tuple[ScenarioResult, ScenarioResult]) -> Comparison:
    return compare(list(results))


def nl(value: float, digits: int = 1) -> str:
    """Dutch digits: ``1.234,5`` (Python's format, separators swapped)."""
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def en(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def test_summary_rows_are_the_results_figures(pie: ScenarioResult) -> None:
    s = pie.summary
    metrics = summary_metrics(pie)
    keys = [m.key for m in metrics]
    assert keys[:9] == [
        "additions",
        "extra_techniek_pupils",
        "extra_entrants_per_year",
        "extra_entrants_total",
        "one_off_cost",
        "yearly_cost",
        "total_cost",
        "cost_per_extra_entrant",
        "annualised_cost_per_extra_entrant",
    ]
    by_key = {m.key: m for m in metrics}
    assert by_key["additions"].value == s.additions == 1
    assert by_key["additions"].of_which == s.additions_viable
    assert by_key["extra_entrants_per_year"].value == s.extra_entrants_per_year
    assert by_key["extra_entrants_per_year"].interval == s.extra_entrants_per_year_interval
    assert by_key["total_cost"].value == s.total_cost
    assert by_key["cost_per_extra_entrant"].interval == s.cost_per_extra_entrant_interval
    up = pie.extra["uptake"]
    assert by_key["uptake_pupils"].value == up["extra_technical_pupils_per_leerjaar"]
    low, high = up["extra_technical_pupils_per_leerjaar_interval"]
    assert by_key["uptake_pupils"].interval == Interval(low, high)
    assert by_key["uptake_expected_viable"].value == up["expected_viable"]
    assert by_key["equivalent_annual_cost"].value == pie.extra["costs"]["equivalent_annual_cost"]
    # for people: the figure, its interval, the label in Dutch and in English
    row = by_key["extra_entrants_per_year"].text(Style("nl"))
    iv = s.extra_entrants_per_year_interval
    assert iv is not None
    assert row == {
        "key": "extra_entrants_per_year",
        "label": "Extra instromers in technisch mbo per jaar",
        "value": nl(s.extra_entrants_per_year),
        "interval": f"{nl(iv.low)} – {nl(iv.high)}",
    }
    english = by_key["extra_entrants_per_year"].text(Style("en"))
    assert english["label"] == "Extra entrants to technical mbo per year"
    assert english["value"] == en(s.extra_entrants_per_year)
    cost = by_key["total_cost"].text(Style("nl"))
    assert (cost["label"], cost["value"]) == (
        "Totale kosten over de looptijd",
        "€ " + nl(s.total_cost, 0),
    )
    assert by_key["additions"].text(Style("en"))["value"] == f"1 ({s.additions_viable})"
    viable = by_key["uptake_expected_viable"].text(Style("en"))["label"]
    assert viable == "Uptake model: expected additions with ≥ 12 pupils per year group"


def test_year_rows_are_the_results_years(pie: ScenarioResult) -> None:
    table = year_table(pie)
    years = [y for y in pie.years if y.region == pie.region]
    assert [r["year"] for r in table.rows] == [2026, 2027, 2028, 2029]
    for row, y in zip(table.rows, years, strict=True):
        assert row["techniek_scenario"] == y.techniek_scenario
        assert row["extra_entrants"] == y.entrants_scenario - y.entrants_baseline
        assert row["interval"] == y.extra_entrants_interval
        assert row["one_off_cost"] == y.one_off_cost
    assert list(table.heads("nl").values())[:3] == [
        "Jaar",
        "Techniekleerlingen zonder",
        "Techniekleerlingen met",
    ]
    assert list(table.heads("en").values())[6] == "Interval (P5–P95)"
    first = table.texts(Style("nl"))[0]
    assert first["techniek_baseline"] == nl(years[0].techniek_baseline, 0)
    assert first["one_off_cost"] == "€ " + nl(years[0].one_off_cost, 0)


def test_region_rows_sum_each_regions_years(pie: ScenarioResult) -> None:
    table = region_table(pie)
    codes = [r["code"] for r in table.rows]
    assert codes == ["DEMO", "DEMO-ZUID"]
    for row in table.rows:
        years = [y for y in pie.years if y.region == row["code"]]
        assert row["total"] == pytest.approx(
            sum(y.entrants_scenario - y.entrants_baseline for y in years)
        )
        assert row["last"] == years[-1].extra_entrants
    assert list(table.heads("en").values())[1] == "Extra entrants in 2029"


def test_a_single_region_has_no_region_rows(results: tuple[ScenarioResult, ScenarioResult]) -> None:
    assert region_table(results[1]).rows == ()


def test_addition_rows_are_the_results_additions(pie: ScenarioResult) -> None:
    table = addition_table(pie)
    (a,) = pie.additions
    (row,) = table.rows
    assert (row["location"], row["profile"], row["per_leerjaar"]) == (
        "ZZ0800",
        "PIE",
        a.per_leerjaar,
    )
    assert row["per_leerjaar_interval"] == a.per_leerjaar_interval
    assert row["uptake"] == a.uptake_per_leerjaar
    (text,) = table.texts(Style("nl"))
    assert text["per_leerjaar"] == nl(a.per_leerjaar)
    assert (
        text["viability"]
        == {
            "below 12": "nee: minder dan 12",
            "12-18": "ja: 12-18",
            "18 or more": "ja: 18 of meer",
        }[a.viability]
    )
    assert a.p_viable is not None
    assert text["p_viable"] == f"{100 * a.p_viable:.0f}%"
    headers = list(table.heads("en").values())
    assert headers[0] == "Location code"
    assert "P(≥ 12 per year group)" in headers
    narrow = table.select(["location", "flags"])
    assert narrow.keys == ["location", "flags"]


def test_comparison_rows_are_each_results_figures(comparison: Comparison) -> None:
    a, b = comparison.results
    metrics = {m.key: m for m in compare_metrics(comparison)}
    assert metrics["region"].values == (a.region_name, b.region_name)
    assert metrics["horizon"].values == ("2026-2029", "2026-2030")
    assert metrics["one_off_cost"].values == (a.summary.one_off_cost, b.summary.one_off_cost)
    assert metrics["extra_entrants_total"].intervals == (
        a.summary.extra_entrants_total_interval,
        b.summary.extra_entrants_total_interval,
    )
    assert metrics["uptake_pupils"].values[1] is None  # no profile added: no uptake model
    cells = metrics["total_cost"].cells(Style("en", euro="EUR "))
    assert [c["value"] for c in cells] == [
        "EUR " + en(a.summary.total_cost, 0),
        "EUR " + en(b.summary.total_cost, 0),
    ]
    assert metrics["uptake_pupils"].cells(Style("nl"))[1] == {"value": "–", "interval": ""}
    assert Style("nl").label(metrics["one_off_cost"].label) == "Eenmalige kosten"
    assert Style("en").label(metrics["one_off_cost"].label) == "One-off costs"
    years = compare_year_table(comparison)
    assert list(years.heads("en").values()) == ["Year", "PIE op De Werf", "LOB in Havenstad-Zuid"]
    last = years.rows[-1]
    assert last["year"] == 2030
    assert last["s0"] is None  # PIE's horizon ends in 2029
    assert last["s1"] == b.year_rows()[-1].extra_entrants


def test_comparison_csv_is_the_json_summary(comparison: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(csv_text(comparison))))
    assert rows[0] == ["metric", "unit", "PIE op De Werf", "LOB in Havenstad-Zuid"]
    summary = comparison.summary_rows()
    assert [r[0] for r in rows[1:]] == [r["metric"] for r in summary]
    cost = next(r for r in rows if r[0] == "one-off costs")
    assert float(cost[2]) == comparison.results[0].summary.one_off_cost
    files = ComparisonFiles(comparison)
    assert files.name == "kansrijk-scenarios-2-demo-fictief"
    assert files.csv("nl") == files.csv("en")


@pytest.mark.parametrize(
    ("lang", "sheets", "head", "metric", "unit"),
    [
        (
            "nl",
            ["samenvatting", "jaren", "toevoegingen", "toelichting"],
            "Uitkomst",
            "Eenmalige kosten",
            "euro",
        ),
        ("en", ["summary", "years", "additions", "notes"], "Outcome", "One-off costs", "EUR"),
    ],
)
def test_comparison_workbook_in_a_language(
    comparison: Comparison, lang: str, sheets: list[str], head: str, metric: str, unit: str
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(comparison, lang)))
    assert book.sheetnames == sheets
    summary = list(book[sheets[0]].iter_rows(values_only=True))
    assert summary[1][:4] == (head, "Eenheid" if lang == "nl" else "Unit", *comparison.names)
    row = next(r for r in summary if r[0] == metric)
    assert row[1] == unit
    assert row[2] == pytest.approx(comparison.results[0].summary.one_off_cost)
    additions = list(book[sheets[2]].iter_rows(values_only=True))
    (a,) = comparison.results[0].additions
    assert additions[2][1] == a.location == "ZZ0800"


def test_write_xlsx_is_the_english_workbook(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "cmp.xlsx"
    comparison.write_xlsx(out)
    assert out.read_bytes()[:2] == b"PK"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["summary", "years", "additions", "notes"]
    assert book["summary"]["A1"].value == "FICTIONAL demo data: not real schools or figures"


def test_demo_presets_run_on_the_fictional_regions() -> None:
    scenario = preset("mrdh-pie", demo=True)
    assert scenario.region == "DEMO"
    assert scenario.name.endswith(DEMO_SUFFIX)
    real = preset("mrdh-pie", demo=False)
    assert real.region == "MRDH"
    assert [iv.type for iv in real.interventions] == [iv.type for iv in scenario.interventions]
    assert all(getattr(iv, "region", "DEMO") == "DEMO" for iv in scenario.interventions)
    text = scenario_yaml(scenario, draws=10, comment="demo")
    assert Scenario.from_text(text).region == "DEMO"
    assert "--draws 10" in text
