"""Every CLI command that prints a table reads at 80 columns (``COLUMNS=80``): no line longer
than 80 characters (a URL, which is never cut, excepted on a line of its own), no id cut
(no ellipsis; every id appears whole), and the rows and figures of ``--json`` are there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.cli.output import format_fitted
from kansrijk.demo import load_demo
from kansrijk.warehouse import Warehouse

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli80") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


def run(demo: Path, *args: str) -> str:
    env = {"COLUMNS": "80", "KANSRIJK_WAREHOUSE": str(demo)}
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    for line in out.splitlines():
        assert len(line) <= 80 or line.strip().startswith("https://"), line
    assert "…" not in out
    return out


def as_json(demo: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"], env={"KANSRIJK_WAREHOUSE": str(demo)})
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def tokens(out: str) -> set[str]:
    return {t.strip(",;:()") for t in out.split()}


def test_indicators_list_every_id_whole(demo: Path) -> None:
    out = run(demo, "indicators", "list")
    ids = [i["id"] for i in as_json(demo, "indicators", "list")["indicators"]]
    assert len(ids) > 20
    starts = {line.split()[0] for line in out.splitlines() if line and not line[0].isspace()}
    assert set(ids) <= starts
    assert "    label: Aandeel leerlingen op een locatie die het profiel aanbiedt" in out


def test_status_rows_and_files(demo: Path) -> None:
    out = run(demo, "status")
    data = as_json(demo, "status")
    loads = data["loads"] if "loads" in data else data["datasets"]
    assert loads
    for row in loads:
        assert f"{row['rows']:,}" in tokens(out) or str(row["rows"]) in tokens(out)
        assert row["sha256"][:12] in out


def test_regions_list_and_show(demo: Path) -> None:
    out = run(demo, "regions", "list")
    for code in ("NL00", "PV99", "CR99", "AR99", "GM9901", "GM9904", "DEMO", "DEMO-ZUID"):
        assert code in tokens(out)
    assert "Arbeidsmarktregio Demoland (fictief)" in out
    out = run(demo, "regions", "show", "DEMO")
    for code in ("GM9901", "GM9902", "GM9903", "GM9904"):
        assert code in tokens(out)


def test_presets_names_whole(demo: Path) -> None:
    out = run(demo, "scenario", "presets")
    for name in ("rotterdam-zuid-techniek", "mrdh-pie", "rotterdam-zuid-delen"):
        assert f"\n{name} " in out


def test_optimise_chosen_locations_and_names_whole(demo: Path) -> None:
    out = run(demo, "optimise", "DEMO", "--budget", "2M")
    first = as_json(demo, "optimise", "DEMO", "--budget", "2M")
    chosen = first["solutions"][0]["additions"]
    assert chosen
    for a in chosen:
        assert a["location"] in tokens(out)
        assert f"name: {a['name']}" in " ".join(out.split())


def test_trend_and_events(demo: Path) -> None:
    out = run(demo, "trend", "vmbo.no_tech_offer_share", "--region", "DEMO")
    assert "27.35%" in out
    out = run(demo, "events", "DEMO")
    assert "ZZ2300" in tokens(out) and "ZZ1000" in tokens(out)


ADD_PIE = """
name: PIE op De Werf met een langere naam die de kolom breed maakt
region: DEMO
baseline_year: 2024
horizon: {start: 2026, years: 5}
interventions:
  - {type: add_profile, location: ZZ0800, profile: PIE}
"""
GUIDANCE = """
name: Loopbaanbegeleiding in de hele demoregio
region: DEMO
baseline_year: 2024
horizon: {start: 2026, years: 4}
interventions:
  - {type: guidance_uplift, region: DEMO, profile_set: techniek, odds_ratio: 1.2,
     low: 1.0, high: 1.4, cost_per_year: 50000}
"""


def test_scenario_run_and_compare(demo: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(ADD_PIE, encoding="utf-8")
    b.write_text(GUIDANCE, encoding="utf-8")
    out = run(demo, "scenario", "run", str(a), "--draws", "10")
    data = as_json(demo, "scenario", "run", str(a), "--draws", "10")
    years = [str(y["year"]) for y in data["years"]]
    assert years == ["2026", "2027", "2028", "2029", "2030"]
    starts = [line.split()[0] for line in out.splitlines() if line and line[0].isdigit()]
    assert [y for y in starts if y in years] == years * (starts.count("2026"))
    assert "ZZ0800" in tokens(out) and "Name: Fictief Vmbo De Werf (Havenstad-Zuid)" in out
    out = run(demo, "scenario", "compare", str(a), str(b), "--draws", "10")
    for name in (
        "PIE op De Werf met een langere naam die de kolom breed maakt",
        "Loopbaanbegeleiding in de hele demoregio",
    ):
        assert name in " ".join(out.split())
    assert "\nEquivalent annual cost\n" in out  # the label of the web's compare page


def test_access_check(demo: Path) -> None:
    out = run(demo, "access-check", "ZZ0900", "--close", "--region", "DEMO")
    data = as_json(demo, "access-check", "ZZ0900", "--close", "--region", "DEMO")
    assert "ZZ0900 closes (2024)" in out
    rows = [line.split() for line in out.splitlines()]
    for r in data["access_table"]:
        assert [r["profile"], f"{r['children']:,.0f}", f"{r['within_hour']:,.0f}"] in [
            x[:3] for x in rows
        ]


def test_fetch_list_urls_whole(demo: Path) -> None:
    out = run(demo, "fetch", "--list")
    data = as_json(demo, "fetch", "--list")
    for d in data["datasets"]:
        assert list(d["urls"].values())[-1] in out.split()


def test_fitted_table_moves_long_text_under_its_row() -> None:
    text = format_fitted(
        "T",
        ["id", "label", "n"],
        [("a.long_indicator_id", "word " * 30, "1,234"), ("b", "", "5")],
        40,
    )
    lines = text.splitlines()
    assert lines[:3] == ["T", "id                       n", "-------------------  -----"]
    assert lines[3] == "a.long_indicator_id  1,234"
    assert lines[4].startswith("    label: word word")
    assert all(len(x) <= 40 for x in lines)
    assert " ".join(" ".join(lines[4:-1]).split()[1:]) == " ".join(["word"] * 30)
    assert lines[-1] == "b                        5"


def test_wide_first_column_goes_on_its_own_line() -> None:
    text = format_fitted(
        "",
        ["metric", "scenario A", "scenario B"],
        [("extra technical mbo entrants over the horizon", "115.4", "108.6")],
        30,
    )
    assert text.splitlines() == [
        "metric",
        "    scenario A  scenario B",
        "    ----------  ----------",
        "extra technical mbo entrants over the horizon",
        "         115.4       108.6",
    ]


def test_figures_in_groups_beside_the_first_column() -> None:
    text = format_fitted(
        "", ["year", "aaaaaaa", "bbbbbbb", "ccccccc"], [(2026, "1,240", "810.2", "0.0")], 22
    )
    assert text.splitlines() == [
        "year  aaaaaaa  bbbbbbb",
        "----  -------  -------",
        "2026    1,240    810.2",
        "",
        "year  ccccccc",
        "----  -------",
        "2026      0.0",
    ]


def test_output_to_a_pipe_is_not_folded(demo: Path) -> None:
    env = {"KANSRIJK_WAREHOUSE": str(demo), "COLUMNS": None}  # None: unset
    result = runner.invoke(app, ["indicators", "list"], env=env)
    assert result.exit_code == 0
    head = result.output.splitlines()[1]
    assert head.split() == ["id", "label", "unit", "breakdowns", "set", "computed"]
