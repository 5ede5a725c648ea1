"""``kansrijk trend`` and ``kansrijk events`` on the demo region: tables for people (breaks
as footnotes, the target's gap in words), ``--json`` for programs, exit code 2 and no
traceback on bad input."""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.demo import load_demo
from kansrijk.warehouse import Warehouse

runner = CliRunner()
REGIONS = str(resources.files("kansrijk.demo").joinpath("demo_regions.yaml"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("time-cli") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


def run(demo: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--warehouse", str(demo), "--regions", REGIONS])
    return result.exit_code, result.output


def test_trend_table_marks_breaks_and_states_the_target(demo: Path) -> None:
    code, out = run(demo, "trend", "exams.vmbo_tech_share", "--region", "DEMO")
    assert code == 0, out
    assert "†1 break tl_exam_sector from 2018" in out
    assert "†2 break exam_masking from 2019" in out
    code, out = run(demo, "trend", "vmbo.no_tech_offer_share", "--region", "DEMO-ZUID")
    assert code == 0, out
    assert "target DEMO-ZUID: " in out and "target 0%; still" in out


def test_trend_json_equals_the_engine(demo: Path) -> None:
    code, out = run(demo, "trend", "vmbo.tech_choice_share", "--region", "DEMO", "--json")
    assert code == 0, out
    doc = json.loads(out)
    points = doc["series"][0]["points"]
    assert [p["year"] for p in points] == [2019, 2020, 2021, 2022, 2023, 2024]
    for prev, p in itertools.pairwise(points):
        assert p["change"] == pytest.approx(p["value"] - prev["value"])
        assert p["value"] == pytest.approx(100 * p["numerator"] / p["denominator"])
    assert doc["series"][0]["target"]["year"] == 2030


def test_events_table_and_json(demo: Path) -> None:
    code, out = run(demo, "events", "DEMO", "--since", "2019")
    assert code == 0, out
    assert "1 started (28 pupils), 1 stopped (13 pupils the year before)" in out
    assert "Licence watch" in out
    code, out = run(demo, "events", "DEMO", "--set", "all", "--json")
    assert code == 0, out
    doc = json.loads(out)
    assert doc["profile_set"] is None
    assert {(e["loc_code"], e["profile"], e["kind"]) for e in doc["events"]} >= {
        ("ZZ1000", "PIE", "started"),
        ("ZZ2300", "MT", "stopped"),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("trend", "vmbo.nope", "--region", "DEMO"), "unknown indicator 'vmbo.nope'"),
        (("trend", "vmbo.tech_choice_share", "--region", "NOPE"), "NOPE"),
        (("events", "NOPE"), "NOPE"),
        (("events", "DEMO", "--set", "groen"), "groen"),
        (
            ("events", "DEMO", "--since", "2022", "--until", "2020"),
            "--since 2022 and --until 2020: expected a year before --until",
        ),
        (("events", "DEMO", "--since", "2021", "--until", "2021"), "--since 2021 and --until"),
    ],
)
def test_bad_input_exits_2(demo: Path, args: tuple[str, ...], message: str) -> None:
    code, out = run(demo, *args)
    assert code == 2, out
    assert message in out and "Traceback" not in out
