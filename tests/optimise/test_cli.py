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
    assert wb.sheetnames == ["additions", "frontier", "candidates"]
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


def test_access_check_summary_counts_each_area_once(demo_path: Path) -> None:
    """A closure costs PC4 0101-0103 three profiles each: the summary line counts the three
    areas and their children once (as the web page), while the table has 9 rows."""
    args = ["access-check", "ZZ0100", "--close", "--km", "5", "--warehouse", str(demo_path)]
    doc = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    lose = {a["pc4"]: a["children"] for a in doc["areas"] if a["change"] == "lose"}
    rows = [a for a in doc["areas"] if a["change"] == "lose"]
    assert len(rows) > len(lose) == 3  # several profiles per area
    res = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    children = f"{sum(lose.values()):,.0f}"
    assert f"3 PC4 areas with {children} children 10-14 lose access; 0 with 0 gain" in res.output
