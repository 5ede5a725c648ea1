"""Running scenarios: baseline = data, timing, costs, intervals, parameters, comparison."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
import yaml

from kansrijk.costs import CostParameters, one_off_costs
from kansrijk.regions import RegionCatalog
from kansrijk.scenarios import (
    Comparison,
    Scenario,
    ScenarioError,
    ScenarioResult,
    compare,
    run,
)
from kansrijk.warehouse import Warehouse

HEAD = """\
name: {name}
region: DEMO
baseline_year: 2024
horizon: {{start: 2026, years: 5}}
"""
PIE = """\
interventions:
  - type: add_profile
    location: ZZ0800
    profile: PIE
{extra}"""


def scenario(name: str = "t", body: str = "interventions: []\n", params: str = "") -> Scenario:
    text = HEAD.format(name=name) + body + (f"parameters:\n{params}" if params else "")
    return Scenario.from_text(text, source=f"{name}.yaml")


@pytest.fixture
def runs(demo_wh: Warehouse, demo_catalog: RegionCatalog):  # type: ignore[no-untyped-def]
    def go(s: Scenario, **kw: object) -> ScenarioResult:
        return run(s, demo_wh, demo_catalog, **kw)  # type: ignore[arg-type]

    return go


def test_no_interventions_is_the_data(runs, demo_wh: Warehouse) -> None:  # type: ignore[no-untyped-def]
    result = runs(scenario())
    total = demo_wh.query(
        "SELECT sum(coalesce(count, 0)) + 2.5 * count(*) FILTER (WHERE masked) FROM vo_enrollment "
        "WHERE year = 2024 AND track IN ('vmbo_bb', 'vmbo_kb', 'vmbo_gl') AND grade IN (3, 4) "
        "AND route IS NULL AND profile IS NOT NULL"
    )[0][0]
    for row in result.years:
        assert sum(row.pupils_baseline.values()) == pytest.approx(float(total))
        assert row.pupils_scenario == pytest.approx(row.pupils_baseline)
        assert row.extra_entrants == pytest.approx(0.0, abs=1e-9)
        assert row.cost == 0
    s = result.summary
    assert s.extra_entrants_total == pytest.approx(0.0, abs=1e-9)
    assert s.cost_per_extra_entrant is None
    assert s.total_cost == 0


def test_reference_distance_keeps_the_published_average(runs) -> None:  # type: ignore[no-untyped-def]
    with_km = runs(scenario())
    without = runs(scenario(params="  per_km: 0\n"))
    assert with_km.years[0].entrants_baseline == pytest.approx(without.years[0].entrants_baseline)


def test_phase_in_lags_one_year_for_leerjaar_4(runs) -> None:  # type: ignore[no-untyped-def]
    result = runs(scenario(body=PIE.format(extra="    from_year: 2028\n")))
    rows = {r.year: r for r in result.year_rows()}
    steady = rows[2030]
    assert rows[2026].extra_techniek == pytest.approx(0.0, abs=1e-9)
    assert rows[2027].extra_techniek == pytest.approx(0.0, abs=1e-9)
    assert rows[2028].extra_techniek == pytest.approx(0.5 * steady.extra_techniek)
    assert rows[2029].extra_techniek == pytest.approx(steady.extra_techniek)
    assert rows[2028].extra_entrants == pytest.approx(0.0, abs=1e-9)
    assert rows[2029].extra_entrants == pytest.approx(steady.extra_entrants)
    assert steady.extra_entrants == pytest.approx(result.summary.extra_entrants_per_year)
    # costs: one-off in 2028, staff every year from 2028
    assert [rows[y].one_off_cost > 0 for y in range(2026, 2031)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert [rows[y].yearly_cost for y in range(2026, 2031)] == [0, 0, 90000, 90000, 90000]
    (add,) = result.additions
    assert add.from_year == 2028
    assert add.one_off_cost == pytest.approx(2680323.7375)


def test_intake_growth(runs) -> None:  # type: ignore[no-untyped-def]
    result = runs(scenario(params="  intake_growth: {2027: 0.9}\n"))
    rows = {r.year: sum(r.pupils_baseline.values()) for r in result.year_rows()}
    assert rows[2027] == pytest.approx(rows[2026] * 0.95)
    assert rows[2028] == pytest.approx(rows[2026] * 0.9)


def test_draws_are_reproducible(runs) -> None:  # type: ignore[no-untyped-def]
    s = scenario(body=PIE.format(extra=""))
    a = runs(s, draws=300, seed=1)
    b = runs(s, draws=300, seed=1)
    c = runs(s, draws=300, seed=2)
    assert a.summary.extra_entrants_per_year_interval == b.summary.extra_entrants_per_year_interval
    assert a.summary.extra_entrants_per_year_interval != c.summary.extra_entrants_per_year_interval
    iv = a.summary.extra_entrants_per_year_interval
    assert iv is not None
    assert 0 < iv.low < iv.high
    assert a.summary.extra_entrants_per_year == runs(s).summary.extra_entrants_per_year
    assert runs(s).summary.extra_entrants_per_year_interval is None
    (add,) = a.additions
    assert add.per_leerjaar_interval is not None
    assert add.per_leerjaar_interval.low < add.per_leerjaar < add.per_leerjaar_interval.high


def test_cost_parameters(runs) -> None:  # type: ignore[no-untyped-def]
    body = PIE.format(extra="")
    base = runs(scenario(body=body))
    dear = runs(scenario(body=body, params="  costs: {staff_cost_per_fte: 100000}\n"))
    assert dear.summary.yearly_cost == 100000
    predicted = runs(scenario(body=body, params="  cost_sizing: predicted\n"))
    (add,) = predicted.additions
    assert add.pupils > 40  # more pupils than Oberon's 40: a larger floor area
    assert add.one_off_cost == pytest.approx(
        one_off_costs("PIE", CostParameters.default(), pupils=add.pupils).total
    )
    assert predicted.summary.one_off_cost > base.summary.one_off_cost
    s = base.summary
    assert s.annualised_cost_per_extra_entrant == pytest.approx(
        (s.one_off_cost / 15 + s.yearly_cost) / s.extra_entrants_per_year
    )


def test_non_technical_profiles_cost_nothing(runs) -> None:  # type: ignore[no-untyped-def]
    result = runs(scenario(body=PIE.format(extra="").replace("PIE", "ZW")))
    (add,) = result.additions
    assert add.one_off_cost == add.yearly_cost == 0
    assert any("without costs" in n for n in result.notes)
    assert result.summary.extra_techniek_pupils < 0  # ZW draws pupils from BWI


def test_entrants_without_ict_need_rates(runs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = runs(scenario(body=PIE.format(extra="")))
    assert plain.years[0].entrants_excl_ict_baseline is None
    assert any("without ICT" in n for n in plain.notes)
    doc = yaml.safe_load(
        resources.files("kansrijk.model").joinpath("data/flow_rates.yaml").read_text("utf-8")
    )
    for entry in doc["rates"].values():
        factor = 0.3 if entry["name"].startswith("Media") else 0.9
        entry["excl_ict"] = {
            k: None if v is None else v * factor for k, v in entry["incl_ict"].items()
        }
    path = tmp_path / "rates.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    result = runs(scenario(body=PIE.format(extra=""), params=f"  flow_rates_file: {path}\n"))
    row = result.year_rows()[-1]
    assert row.entrants_excl_ict_baseline is not None
    assert row.entrants_excl_ict_baseline < row.entrants_baseline
    assert row.extra_entrants_excl_ict is not None
    assert 0 < row.extra_entrants_excl_ict < row.extra_entrants


def test_own_mbo_list(runs) -> None:  # type: ignore[no-untyped-def]
    params = (
        "  mbo_locations:\n"
        "    - {code: X1, name: Ver weg, x_rd: -50000, y_rd: 450000, sectorkamers: [TGO]}\n"
    )
    result = runs(scenario(params=params))
    assert "parameters.mbo_locations" in result.parameters["mbo_locations"]
    assert all(
        loc.dist_mbo_km_baseline is not None and loc.dist_mbo_km_baseline > 30
        for loc in result.locations
    )


def test_result_json_and_comparison(runs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = runs(scenario("Alleen data"), draws=50)
    b = runs(scenario("PIE op De Werf", body=PIE.format(extra="")), draws=50)
    doc = json.loads(json.dumps(b.to_dict(), allow_nan=False))
    assert doc["scenario"] == "PIE op De Werf"
    assert doc["fictional"] is True
    assert doc["summary"]["extra_entrants_per_year_interval"][0] > 0
    comparison = compare([a, b])
    assert isinstance(comparison, Comparison)
    rows = comparison.summary_rows()
    assert all({"Alleen data", "PIE op De Werf"} <= set(r) for r in rows)
    assert {r["scenario"] for r in comparison.year_rows()} == {"Alleen data", "PIE op De Werf"}
    assert {r["scenario"] for r in comparison.addition_rows()} == {"PIE op De Werf"}
    json.dumps(comparison.to_dict(), allow_nan=False)
    out = tmp_path / "cmp.xlsx"
    comparison.write_xlsx(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["summary", "years", "additions", "notes"]
    for ws in wb:
        text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
        assert "FICTIONAL" in text
        assert "PIE op De Werf" in text
    with pytest.raises(ScenarioError, match="at most 4"):
        compare([a, b, a, b, a])
    with pytest.raises(ScenarioError, match="duplicates"):
        compare([a, a])
