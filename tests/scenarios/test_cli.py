"""``kansrijk scenario run|compare|presets`` on the demo warehouse (local Typer app)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from kansrijk.cli import scenario as scenario_cli

app = typer.Typer()
app.add_typer(scenario_cli.app, name="scenario")
runner = CliRunner()

A = """\
name: PIE op De Werf
region: DEMO
horizon: {start: 2026, years: 4}
interventions:
  - type: add_profile
    location: ZZ0800
    profile: PIE
"""
B = """\
name: LOB in Havenstad-Zuid
region: DEMO
horizon: {start: 2026, years: 4}
interventions:
  - type: guidance_uplift
    region: DEMO-ZUID
    profile_set: techniek
    odds_ratio: 1.15
    cost_per_year: 40000
"""


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    return a, b


def test_presets() -> None:
    code, out = invoke("scenario", "presets", "--json")
    assert code == 0, out
    names = {p["name"] for p in json.loads(out)["presets"]}
    assert names == {"rotterdam-zuid-techniek", "mrdh-pie", "rotterdam-zuid-delen"}
    code, out = invoke("scenario", "presets")
    assert code == 0
    assert "mrdh-pie" in out


def test_run_json_and_table(files: tuple[Path, Path], demo_path: Path) -> None:
    a, _ = files
    code, out = invoke(
        "scenario", "run", str(a), "--json", "--draws", "50", "--warehouse", str(demo_path)
    )
    assert code == 0, out
    doc = json.loads(out)
    assert doc["ok"] is True
    assert doc["scenario"] == "PIE op De Werf"
    assert doc["draws"] == 50
    assert doc["summary"]["additions"] == 1
    assert doc["summary"]["extra_entrants_per_year_interval"] is not None
    code, out = invoke("scenario", "run", str(a), "--warehouse", str(demo_path))
    assert code == 0, out
    assert "FICTIONAL" in out
    assert "PIE op De Werf" in out
    assert "ZZ0800" in out
    # the web's run page in English: its labels, amounts with EUR (2680323.74: the
    # regression value of tests/web/test_scenarios_pages.py)
    assert "Extra entrants to technical mbo per year" in out
    assert "EUR 2,680,324" in out
    assert "Interval (P5–P95)" not in out  # no draws: no interval columns


def test_run_errors(demo_path: Path, tmp_path: Path) -> None:
    code, out = invoke("scenario", "run", "--warehouse", str(demo_path), "--json")
    assert code == 2
    assert "give a scenario FILE.yaml or --preset NAME" in json.loads(out)["error"]
    code, out = invoke(
        "scenario",
        "run",
        "--preset",
        "rotterdam-zuid-techniek",
        "--warehouse",
        str(demo_path),
        "--json",
    )
    assert code == 2
    assert "no location" in json.loads(out)["error"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(A.replace("add_profile", "add_profiel"), encoding="utf-8")
    code, out = invoke("scenario", "run", str(bad), "--warehouse", str(demo_path), "--json")
    assert code == 2
    doc = json.loads(out)
    assert doc["ok"] is False
    assert doc["errors"][0]["file"] == str(bad)
    assert doc["errors"][0]["line"] == 5
    assert "unknown intervention type 'add_profiel'" in doc["error"]


def test_compare(files: tuple[Path, Path], demo_path: Path, tmp_path: Path) -> None:
    a, b = files
    out_file = tmp_path / "cmp.xlsx"
    code, out = invoke(
        "scenario",
        "compare",
        str(a),
        str(b),
        "--xlsx",
        str(out_file),
        "--warehouse",
        str(demo_path),
    )
    assert code == 0, out
    assert "PIE op De Werf" in out
    assert "LOB in Havenstad-Zuid" in out
    assert out_file.exists()
    wb = openpyxl.load_workbook(out_file)
    # the web's download in English (the CLI's language); row 1 is the FICTIONAL warning
    header = [c.value for c in wb["summary"][2]]
    assert header == ["Outcome", "Unit", "PIE op De Werf", "LOB in Havenstad-Zuid"]
    code, out = invoke(
        "scenario", "compare", str(a), str(b), "--json", "--warehouse", str(demo_path)
    )
    assert code == 0, out
    assert json.loads(out)["scenarios"] == ["PIE op De Werf", "LOB in Havenstad-Zuid"]
    code, out = invoke(
        "scenario", "compare", str(a), str(a), "--json", "--warehouse", str(demo_path)
    )
    assert code == 2
    assert "duplicates" in json.loads(out)["error"]


def test_backtest_on_the_demo_fills_unknown_densities_and_shows_empty_scores(
    demo_path: Path,
) -> None:
    """The demo has no PC4 address densities: the back-test predicts with the model's own
    fill (density effect 0) instead of NaN shares (it crashed in numpy's binomial), and a model
    with no cases prints '-' rather than 'nan'."""
    code, out = invoke("scenario", "backtest", "--warehouse", str(demo_path), "--json")
    assert code == 0, out
    scores = json.loads(out)["scores"]
    uptake = [s for s in scores if s["model"] == "uptake"]
    assert uptake and all(s["n_cases"] > 0 for s in uptake)
    assert all(0.0 <= s["mean_predicted"] <= 1.0 for s in uptake)
    empty = [s for s in scores if s["n_cases"] == 0]
    code, out = invoke("scenario", "backtest", "--warehouse", str(demo_path))
    assert code == 0, out
    assert "Traceback" not in out and "nan" not in out
    rows = [line.split() for line in out.splitlines() if line.startswith(("temporal", "cross"))]
    dashed = [r for r in rows if r[-1] == "-"]
    assert len(dashed) == len(empty)


def test_a_presets_title_is_english_in_run_and_presets_as_in_compare(
    demo_path: Path, tmp_path: Path
) -> None:
    """The CLI's tables are English: a preset's (Dutch) title is shown in English by
    ``run`` and ``presets`` too, as ``compare`` already did (the web's label catalogue)."""
    dutch = "Techniekprofiel op elke vmbo-locatie in Rotterdam Zuid"
    english = "A technology profile at every vmbo location in Rotterdam South"
    path = tmp_path / "preset-named.yaml"
    path.write_text(A.replace("PIE op De Werf", dutch), encoding="utf-8")
    code, out = invoke("scenario", "run", str(path), "--warehouse", str(demo_path))
    assert code == 0, out
    text = " ".join(out.split())
    assert f"Scenario '{english}': DEMO" in text
    assert f"'{english}' per year (DEMO)" in text
    assert dutch not in text
    code, out = invoke("scenario", "presets")
    assert code == 0, out
    assert english in " ".join(out.split()) and dutch not in " ".join(out.split())
    code, out = invoke("scenario", "presets", "--json")  # the data keep the YAML's title
    assert dutch in {p["title"] for p in json.loads(out)["presets"]}


def test_compare_at_80_columns_keys_long_names_to_letters(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names too long to head the columns side by side become A and B with a key above the
    table; every figure row then holds both scenarios' values (before, one scenario's
    value was labelled under the other's). Short names keep heading their columns."""
    long_a = "Een technisch profiel op elke vmbo-locatie van Havenstad-Zuid"
    long_b = "Een gedeelde werkplaats per school in Havenstad-Zuid, de rest deelt"
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(A.replace("PIE op De Werf", long_a), encoding="utf-8")
    b.write_text(B.replace("LOB in Havenstad-Zuid", long_b), encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    code, out = invoke("scenario", "compare", str(a), str(b), "--warehouse", str(demo_path))
    assert code == 0, out
    lines = out.splitlines()
    assert max(len(x) for x in lines) <= 80
    start = lines.index("Scenarios compared")
    assert lines[start + 1 : start + 3] == [f"A: {long_a}", f"B: {long_b}"]
    doc = json.loads(
        invoke("scenario", "compare", str(a), str(b), "--json", "--warehouse", str(demo_path))[1]
    )
    added = next(m for m in doc["summary"] if m["metric"] == "profiles added")
    i = lines.index("Profiles added")
    assert lines[i + 1].split() == [str(added[long_a]), str(added[long_b])]
    assert f"{long_a}:" not in out  # no value labelled with a scenario's name
    code, out = invoke("scenario", "compare", *map(str, files_short(tmp_path)),
                       "--warehouse", str(demo_path))  # fmt: skip
    assert code == 0 and "A: " not in out and "PIE op De Werf" in out


def files_short(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "sa.yaml", tmp_path / "sb.yaml"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    return a, b
