"""The CLI on a very long unknown region code: exit code 2, a short message that names the
code's first 40 characters, plain and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES
from typer.testing import CliRunner

from kansrijk.cli import app

LONG = "GM" + "0123456789" * 29 + "ABCDEFGH"


def test_long_unknown_region_code_in_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    wh = str(tmp_path / "w.duckdb")
    loaded = runner.invoke(
        app, ["ingest", str(FIXTURES / "duo" / "enrollment-fictief-2019.csv"), "--warehouse", wh]
    )
    assert loaded.exit_code == 0, loaded.output
    plain = runner.invoke(app, ["regions", "show", LONG, "--warehouse", wh])
    assert plain.exit_code == 2
    flat = " ".join(plain.output.split())
    assert f"unknown region '{LONG[:40]}…'" in flat
    assert LONG[:41] not in flat and "Traceback" not in flat
    assert len(flat) < 200
    as_json = runner.invoke(app, ["regions", "show", LONG, "--warehouse", wh, "--json"])
    assert as_json.exit_code == 2
    error = json.loads(as_json.output)["error"]
    assert error.startswith(f"unknown region '{LONG[:40]}…'")
    assert len(error) < 200
