"""A file the CLI is asked to write (``--xlsx``, ``--out``) in a folder that does not exist
or cannot be written: exit code 2 and ``error: cannot write PATH: REASON``, never a traceback
(indicator, scenario run and compare, flyers printed Python's; optimise already did this)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from tests.scenarios.test_cli import A  # a one-addition scenario on the demo
from typer.testing import CliRunner

from kansrijk.cli import app
from kansrijk.demo import load_demo
from kansrijk.warehouse import Warehouse


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out-files") / "demo.duckdb"
    with Warehouse(path) as wh:
        load_demo(wh)
    return path


def _regions() -> str:
    return str(resources.files("kansrijk.demo").joinpath("demo_regions.yaml"))


def _commands(demo: Path, scenario: Path, target: Path) -> dict[str, list[str]]:
    wh = ["--warehouse", str(demo)]
    other = scenario.with_name("other.yaml")
    other.write_text(A.replace("PIE op De Werf", "PIE op De Werf (2)"), encoding="utf-8")
    return {
        "indicator": ["indicator", "vmbo.offer_share", "--region", "DEMO", "--regions",
                      _regions(), "--xlsx", str(target), *wh],
        "scenario run": ["scenario", "run", str(scenario), "--xlsx", str(target), *wh],
        "scenario compare": ["scenario", "compare", str(scenario), str(other),
                             "--xlsx", str(target), *wh],
        "flyers": ["flyers", "--pc4", "0102", "--out", str(target), *wh],
    }  # fmt: skip


@pytest.mark.parametrize("name", ["indicator", "scenario run", "scenario compare", "flyers"])
def test_an_unwritable_output_is_an_error_naming_the_file(
    demo: Path, tmp_path: Path, name: str
) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(A, encoding="utf-8")
    blocker = tmp_path / "a-file"  # a file where a folder is expected
    blocker.write_text("x", encoding="utf-8")
    target = blocker / ("out" if name == "flyers" else "out.xlsx")
    args = _commands(demo, scenario, target)[name]
    res = CliRunner().invoke(app, args)
    out = " ".join(res.output.split())
    assert res.exit_code == 2, res.output
    assert isinstance(res.exception, SystemExit), res.exception  # no other exception
    assert f"error: cannot write {target}: Not a directory" in out, out
    res = CliRunner().invoke(app, [*args, "--json"])
    doc = json.loads(res.stdout)
    assert res.exit_code == 2 and doc["errors"][0]["type"] == "OutputFileError", res.output
