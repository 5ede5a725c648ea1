"""``kansrijk optimise`` and ``kansrijk access-check`` on the demo warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kansrijk.cli import app

runner = CliRunner()


def test_optimise_json_reports_status_gap_greedy_frontier_and_check(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "opt.xlsx"
    res = runner.invoke(
        app,
        [
            "optimise", "DEMO", "--budget", "600k,1.5M", "--per-board", "2",
            "--min-p-viable", "0.5", "--frontier", "5", "--json", "--xlsx", str(out),
            "--warehouse", str(demo_path),
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["ok"] and doc["fictional"] and doc["candidates"] == 76
    budgets = [s["budget"] for s in doc["solutions"]]
    assert budgets == [600_000.0, 1_500_000.0]
    for s in doc["solutions"]:
        assert s["status"] == "optimal" and s["mip_gap"] == 0.0
        assert s["optimal"]["eac"] <= s["budget"]
        assert s["optimal"]["objective"] >= s["greedy"]["objective"]
        assert s["greedy_difference"] == s["optimal"]["objective"] - s["greedy"]["objective"]
        chk = s["planner_check"]
        assert abs(chk["entrants_mnl_difference"]) < 1e-6
        assert abs(chk["entrants_difference"]) < 0.05 * chk["optimiser_entrants"]
        assert len(s["additions"]) == len(s["optimal"]["chosen"])
    front = [f["objective"] for f in doc["frontier"]]
    assert len(front) == 5 and front == sorted(front)
    wb = openpyxl.load_workbook(out)
    # the page's workbook (optimise.tables.report_book): headers in English by default
    assert wb.sheetnames == ["additions", "budgets", "frontier", "candidates"]
    assert [c.value for c in wb["additions"][1]][:3] == ["Budget a year", "Location", "Name"]
    assert wb["candidates"].max_row == 77
    chosen = sum(len(s["additions"]) for s in doc["solutions"])
    assert wb["additions"].max_row == 1 + chosen


def test_optimise_coverage_objective(demo_path: Path) -> None:
    res = runner.invoke(
        app,
        ["optimise", "DEMO", "--objective", "coverage", "--km", "3", "--budget", "1M",
         "--frontier", "0", "--no-check", "--json", "--warehouse", str(demo_path)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    s = json.loads(res.stdout)["solutions"][0]
    assert s["optimal"]["children_covered"] == s["optimal"]["objective"] > 0
    assert s["planner_check"] is None


def test_optimise_errors_exit_2_with_a_message(demo_path: Path) -> None:
    res = runner.invoke(
        app, ["optimise", "DEMO", "--budget", "lots", "--warehouse", str(demo_path)]
    )
    assert res.exit_code == 2
    assert "budget: expected an amount in EUR a year" in res.output
    res = runner.invoke(app, ["optimise", "NOPE", "--json", "--warehouse", str(demo_path)])
    assert res.exit_code == 2
    assert json.loads(res.stdout)["ok"] is False
    res = runner.invoke(
        app, ["optimise", "DEMO", "--objective", "votes", "--warehouse", str(demo_path)]
    )
    assert res.exit_code == 2 and "objective: expected one of" in res.output


def test_access_check_cli(demo_path: Path) -> None:
    res = runner.invoke(
        app,
        ["access-check", "ZZ0100", "--close", "--km", "4", "--region", "DEMO", "--json",
         "--warehouse", str(demo_path)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["change"]["kind"] == "close"
    lose = sum(a["children"] for a in doc["areas"] if a["change"] == "lose")
    assert doc["totals"]["children_lose"] == lose
    assert {r["profile"] for r in doc["access_table"]} == {"BWI", "MAT", "MT", "PIE"}
    res = runner.invoke(app, ["access-check", "ZZ0100", "--warehouse", str(demo_path)])
    assert res.exit_code == 2 and "exactly one of --stop" in res.output
    res = runner.invoke(
        app,
        ["access-check", "ZZ0100", "--minutes", "20", "--stop", "pie", "--warehouse",
         str(demo_path)],
    )  # fmt: skip
    assert res.exit_code in (0, 2)
    assert "within" in res.output or "nothing to stop" in res.output


def test_budgets_parse_k_and_m() -> None:
    from kansrijk.optimise import OptimiseError
    from kansrijk.optimise.report import Request, parse_budgets

    assert parse_budgets("2M, 800k;1_500_000") == (2e6, 8e5, 1.5e6)
    assert parse_budgets(["1.5m", "0"]) == (1.5e6, 0.0)
    for bad in ("two", "-1M", "1MM"):
        with pytest.raises(OptimiseError, match="budget: expected"):
            parse_budgets(bad)
    # not a finite amount, or more than any plan (1e30 made the page's number formatting fail)
    for bad in ("nan", "inf", "-inf"):
        with pytest.raises(OptimiseError, match=f"like 2000000, 2.5M or 800k; found '{bad}'"):
            parse_budgets(bad)
    assert parse_budgets("10000M") == (1e10,)
    for bad in ("1e30", "10001M", "1e308k"):
        with pytest.raises(OptimiseError, match=rf"at most 10000M .*; found '{bad}'"):
            parse_budgets(bad)
    assert Request(region="DEMO").min_p_viable == 0.5


def test_optimise_robustness(demo_path: Path) -> None:
    res = runner.invoke(
        app,
        ["optimise", "DEMO", "--budget", "1M", "--robustness", "12", "--frontier", "0",
         "--no-check", "--json", "--warehouse", str(demo_path)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    s = json.loads(res.stdout)["solutions"][0]
    rb = s["robustness"]
    assert rb["draws"] == 12
    assert all(0 < n <= 12 for n in rb["in_optimal_set"].values())
    # every draw's optimal set fills the same number of places (equal costs)
    assert sum(rb["in_optimal_set"].values()) == 12 * len(s["optimal"]["chosen"])


def test_optimise_with_sharing_lists_shares_and_the_planner_agrees(demo_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "optimise", "DEMO", "--budget", "1.5M", "--per-board", "3", "--share-km", "3",
            "--frontier", "0", "--json", "--warehouse", str(demo_path),
        ],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["sharing"]["km"] == 3.0 and doc["sharing"]["options"] > 0
    (s,) = doc["solutions"]
    assert s["status"] == "optimal" and s["optimal"]["shares"]
    assert [o["key"] for o in s["shared"]] == s["optimal"]["shares"]
    hosts = {f"{o['host']}:{o['profile']}" for o in s["shared"]}
    assert hosts <= set(s["optimal"]["chosen"])
    chk = s["planner_check"]
    assert chk["planner_entrants"] == pytest.approx(s["optimal"]["extra_entrants_per_year"])
    assert chk["planner_diplomas"] == pytest.approx(s["optimal"]["extra_diplomas_per_year"])
    bad = runner.invoke(app, ["optimise", "DEMO", "--share-km", "0", "--warehouse", str(demo_path)])
    assert bad.exit_code == 2 and "share km: expected a distance in (0, 50] km" in bad.output


def test_optimise_xlsx_headers_in_dutch_with_lang_nl(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "opt-nl.xlsx"
    res = runner.invoke(
        app,
        ["optimise", "DEMO", "--budget", "1M", "--frontier", "0", "--no-check", "--lang", "nl",
         "--xlsx", str(out), "--json", "--warehouse", str(demo_path)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    first = json.loads(res.stdout)["solutions"][0]["additions"][0]
    ws = openpyxl.load_workbook(out)["additions"]
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["Budget per jaar", "Locatie", "Naam"]
    assert ws.cell(2, 2).value == first["location"]
    assert ws.cell(2, heads.index("Kans levensvatbaar") + 1).value == first["p_viable"]
    bad = runner.invoke(
        app, ["optimise", "DEMO", "--lang", "fr", "--xlsx", str(out), "--warehouse", str(demo_path)]
    )
    assert bad.exit_code == 2 and "--lang: expected one of nl, en; found 'fr'" in bad.output


def test_access_check_counts_distinct_areas_as_the_page(demo_path: Path) -> None:
    args = ["access-check", "ZZ0100", "--close", "--km", "4", "--region", "DEMO"]
    doc = json.loads(runner.invoke(app, [*args, "--json", "--warehouse", str(demo_path)]).stdout)
    lose = {a["pc4"]: a["children"] for a in doc["areas"] if a["change"] == "lose"}
    res = runner.invoke(app, [*args, "--warehouse", str(demo_path)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert f"{len(lose)} PC4 areas with {sum(lose.values()):,.0f} children 10-14 lose" in res.output
    bad = runner.invoke(app, ["access-check", "ZZ0100", "--close", "--km", "0",
                              "--warehouse", str(demo_path)])  # fmt: skip
    assert bad.exit_code == 2 and "km: expected a distance in (0, 100]" in bad.output
